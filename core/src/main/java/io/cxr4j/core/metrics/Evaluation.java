package io.cxr4j.core.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The result of evaluating a classifier on a test set: confusion matrix, per-class metrics and
 * their summaries. Immutable; everything is derived from the confusion matrix and the per-class
 * ROC AUCs.
 *
 * <p>Averages follow scikit-learn's classification report with all class names passed as labels
 * and {@code zero_division=0}: a class whose precision or recall is undefined (0/0) counts as 0
 * in the macro average. Balanced accuracy follows scikit-learn's {@code balanced_accuracy_score},
 * which instead leaves out classes that have no samples.
 */
public final class Evaluation {

    private final ConfusionMatrix confusionMatrix;
    private final List<ClassMetrics> perClass;

    private Evaluation(ConfusionMatrix confusionMatrix, List<ClassMetrics> perClass) {
        this.confusionMatrix = confusionMatrix;
        this.perClass = perClass;
    }

    /**
     * Evaluates a confusion matrix.
     *
     * @param confusionMatrix the counts, with at least one sample
     * @param rocAucPerClass each class's one-vs-rest ROC AUC in class order, {@code NaN} where it
     *     is undefined or unknown
     * @return the evaluation
     */
    public static Evaluation of(ConfusionMatrix confusionMatrix, double[] rocAucPerClass) {
        Objects.requireNonNull(confusionMatrix, "confusionMatrix");
        if (confusionMatrix.total() == 0) {
            throw new IllegalArgumentException("Cannot evaluate an empty confusion matrix; it needs at least one sample");
        }
        if (rocAucPerClass.length != confusionMatrix.size()) {
            throw new IllegalArgumentException("Need one ROC AUC per class (" + confusionMatrix.classNames()
                    + "), got " + rocAucPerClass.length);
        }
        List<ClassMetrics> perClass = new ArrayList<>(confusionMatrix.size());
        for (int c = 0; c < confusionMatrix.size(); c++) {
            perClass.add(ClassMetrics.of(confusionMatrix, c, rocAucPerClass[c]));
        }
        return new Evaluation(confusionMatrix, List.copyOf(perClass));
    }

    /** @return the confusion matrix */
    public ConfusionMatrix confusionMatrix() {
        return confusionMatrix;
    }

    /** @return the metrics of every class, in class order (unmodifiable) */
    public List<ClassMetrics> perClass() {
        return perClass;
    }

    /** @return the number of evaluated samples */
    public int testSize() {
        return Math.toIntExact(confusionMatrix.total());
    }

    /** @return correctly classified samples out of all samples */
    public Proportion accuracy() {
        return new Proportion(confusionMatrix.correct(), confusionMatrix.total());
    }

    /**
     * The mean recall over the classes that have samples, which unlike accuracy does not reward
     * favouring the majority class.
     *
     * @return the balanced accuracy
     */
    public double balancedAccuracy() {
        double sum = 0;
        int defined = 0;
        for (ClassMetrics metrics : perClass) {
            if (metrics.support() > 0) {
                sum += metrics.recall().value();
                defined++;
            }
        }
        return sum / defined;
    }

    /** @return the unweighted means over all classes, undefined values counting as 0 */
    public Averages macroAverage() {
        double precision = 0;
        double recall = 0;
        double f1 = 0;
        for (ClassMetrics metrics : perClass) {
            precision += metrics.precision().valueOr(0);
            recall += metrics.recall().valueOr(0);
            f1 += metrics.f1();
        }
        int n = perClass.size();
        return new Averages(precision / n, recall / n, f1 / n);
    }

    /** @return the means weighted by each class's support, undefined values counting as 0 */
    public Averages weightedAverage() {
        double precision = 0;
        double recall = 0;
        double f1 = 0;
        for (ClassMetrics metrics : perClass) {
            precision += metrics.support() * metrics.precision().valueOr(0);
            recall += metrics.support() * metrics.recall().valueOr(0);
            f1 += metrics.support() * metrics.f1();
        }
        double total = confusionMatrix.total();
        return new Averages(precision / total, recall / total, f1 / total);
    }

    /**
     * The mean of the defined per-class one-vs-rest ROC AUCs. With two classes and scores that
     * sum to one (softmax probabilities) both per-class AUCs are equal, so this is the binary AUC;
     * only where the float rounding of the softmax makes two scores of one class equal and their
     * complements not (or the reverse) can the two differ, by the pairs that tie on one side only.
     *
     * @return the macro ROC AUC, or {@code NaN} when no class has a defined AUC
     */
    public double macroRocAuc() {
        double sum = 0;
        int defined = 0;
        for (ClassMetrics metrics : perClass) {
            if (!Double.isNaN(metrics.rocAuc())) {
                sum += metrics.rocAuc();
                defined++;
            }
        }
        return defined == 0 ? Double.NaN : sum / defined;
    }

    /**
     * @param className one of the class names
     * @return that class's metrics
     * @throws IllegalArgumentException if the class is unknown
     */
    public ClassMetrics classMetrics(String className) {
        return perClass.get(confusionMatrix.classIndex(className));
    }

    /**
     * The sensitivity (recall) of one class treated as the positive condition, e.g. {@code covid}.
     *
     * @param positiveClass one of the class names
     * @return detected samples of that class out of all its samples
     */
    public Proportion sensitivity(String positiveClass) {
        return classMetrics(positiveClass).recall();
    }

    /**
     * The one-vs-rest specificity of one class treated as the positive condition.
     *
     * @param positiveClass one of the class names
     * @return samples of the other classes not predicted as {@code positiveClass}, out of all of them
     */
    public Proportion specificity(String positiveClass) {
        return classMetrics(positiveClass).specificity();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Evaluation that
                && confusionMatrix.equals(that.confusionMatrix)
                && perClass.equals(that.perClass);
    }

    @Override
    public int hashCode() {
        return 31 * confusionMatrix.hashCode() + perClass.hashCode();
    }

    /** @return a one-line summary; use {@link ClassificationReport#format} for a full report */
    @Override
    public String toString() {
        return "Evaluation[n=" + testSize() + ", accuracy=" + accuracy().value()
                + ", balancedAccuracy=" + balancedAccuracy() + ", macroRocAuc=" + macroRocAuc() + "]";
    }
}
