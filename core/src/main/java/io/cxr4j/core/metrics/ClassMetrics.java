package io.cxr4j.core.metrics;

import java.util.Objects;

/**
 * One class's one-vs-rest metrics: that class counts as positive, every other class as negative.
 *
 * @param className the class
 * @param precision TP / (TP + FP): how many of the samples predicted as this class belong to it
 * @param recall TP / (TP + FN), also called sensitivity: how many of this class's samples were
 *     predicted as this class
 * @param specificity TN / (TN + FP): how many of the other classes' samples were not predicted as
 *     this class
 * @param f1 the harmonic mean of precision and recall, 0 when it is undefined (scikit-learn's
 *     {@code zero_division=0})
 * @param support how many samples actually belong to this class
 * @param rocAuc the one-vs-rest ROC AUC of this class's score, {@code NaN} when this class or all
 *     other classes are absent from the actual labels
 */
public record ClassMetrics(
        String className,
        Proportion precision,
        Proportion recall,
        Proportion specificity,
        double f1,
        long support,
        double rocAuc) {

    /**
     * Rejects missing values and a negative support.
     *
     * @param className the class; not null
     * @param precision TP / (TP + FP); not null
     * @param recall TP / (TP + FN), the sensitivity; not null
     * @param specificity TN / (TN + FP); not null
     * @param f1 the harmonic mean of precision and recall, 0 when it is undefined
     * @param support how many samples actually belong to this class, not negative
     * @param rocAuc the one-vs-rest ROC AUC of this class's score, or {@code NaN} when undefined
     * @throws IllegalArgumentException when {@code support} is negative
     */
    public ClassMetrics {
        Objects.requireNonNull(className, "className");
        Objects.requireNonNull(precision, "precision");
        Objects.requireNonNull(recall, "recall");
        Objects.requireNonNull(specificity, "specificity");
        if (support < 0) {
            throw new IllegalArgumentException("Support of class '" + className + "' is negative: " + support);
        }
    }

    /**
     * The metrics of one class of a confusion matrix.
     *
     * @param matrix the confusion matrix
     * @param classIndex the class, an index into {@link ConfusionMatrix#classNames()}
     * @param rocAuc the class's one-vs-rest ROC AUC, or {@code NaN} when unknown
     * @return the class's metrics
     */
    public static ClassMetrics of(ConfusionMatrix matrix, int classIndex, double rocAuc) {
        long tp = matrix.truePositives(classIndex);
        long fp = matrix.falsePositives(classIndex);
        long fn = matrix.falseNegatives(classIndex);
        long tn = matrix.trueNegatives(classIndex);
        // 2TP / (2TP + FP + FN) equals 2PR / (P + R) whenever both are defined and also covers the
        // cases where one of them is 0/0, so it matches scikit-learn without special cases.
        long f1Denominator = 2 * tp + fp + fn;
        double f1 = f1Denominator == 0 ? 0 : 2.0 * tp / f1Denominator;
        return new ClassMetrics(
                matrix.classNames().get(classIndex),
                new Proportion(tp, tp + fp),
                new Proportion(tp, tp + fn),
                new Proportion(tn, tn + fp),
                f1,
                tp + fn,
                rocAuc);
    }
}
