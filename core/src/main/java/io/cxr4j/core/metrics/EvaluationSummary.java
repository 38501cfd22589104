package io.cxr4j.core.metrics;

import java.util.ArrayList;
import java.util.List;

/**
 * A plain-data view of an {@link Evaluation} for JSON reports: every proportion with its counts
 * and Wilson 95% interval, so a reader can check each number without cxr4j.
 *
 * @param testSize the number of images scored
 * @param accuracy overall accuracy
 * @param balancedAccuracy mean recall over classes
 * @param macroRocAuc mean one-vs-rest ROC AUC
 * @param perClass one entry per class
 * @param classNames the confusion matrix's class order
 * @param confusionMatrix counts indexed [actual][predicted]
 */
public record EvaluationSummary(
        int testSize,
        Rate accuracy,
        double balancedAccuracy,
        double macroRocAuc,
        List<ClassSummary> perClass,
        List<String> classNames,
        long[][] confusionMatrix) {

    /**
     * A proportion with its counts and 95% interval.
     *
     * @param value successes / trials (NaN when trials is 0)
     * @param successes the numerator
     * @param trials the denominator
     * @param ci95Lower the Wilson interval's lower bound
     * @param ci95Upper the Wilson interval's upper bound
     */
    public record Rate(double value, long successes, long trials, double ci95Lower, double ci95Upper) {

        static Rate of(Proportion p) {
            ConfidenceInterval ci = p.wilson95();
            return new Rate(p.value(), p.successes(), p.trials(), ci.lower(), ci.upper());
        }
    }

    /**
     * One class's metrics, that class taken as positive.
     *
     * @param className the class
     * @param support its images in the test set
     * @param sensitivity recall of the class
     * @param specificity recall of everything else
     * @param precision positive predictive value
     * @param f1 harmonic mean of precision and recall
     * @param rocAuc one-vs-rest ROC AUC
     */
    public record ClassSummary(String className, long support, Rate sensitivity, Rate specificity,
            Rate precision, double f1, double rocAuc) {}

    /**
     * Summarises an evaluation.
     *
     * @param evaluation the evaluation
     * @return the summary
     */
    public static EvaluationSummary of(Evaluation evaluation) {
        List<ClassSummary> classes = new ArrayList<>();
        for (ClassMetrics m : evaluation.perClass()) {
            classes.add(new ClassSummary(m.className(), m.support(), Rate.of(m.recall()),
                    Rate.of(m.specificity()), Rate.of(m.precision()), m.f1(), m.rocAuc()));
        }
        ConfusionMatrix matrix = evaluation.confusionMatrix();
        long[][] counts = new long[matrix.size()][matrix.size()];
        for (int a = 0; a < matrix.size(); a++) {
            for (int p = 0; p < matrix.size(); p++) {
                counts[a][p] = matrix.count(a, p);
            }
        }
        return new EvaluationSummary(evaluation.testSize(), Rate.of(evaluation.accuracy()),
                evaluation.balancedAccuracy(), evaluation.macroRocAuc(), classes, matrix.classNames(), counts);
    }
}
