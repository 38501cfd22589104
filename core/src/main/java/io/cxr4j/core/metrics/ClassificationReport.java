package io.cxr4j.core.metrics;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Locale;

/**
 * Renders an {@link Evaluation} as text: first a table laid out exactly like scikit-learn's
 * {@code classification_report(..., digits=2)}, rounded as Python rounds, so numbers can be
 * compared with Python results line by line, then per-class sensitivity and specificity with
 * Wilson 95% confidence intervals, overall accuracy, balanced accuracy and ROC AUC, rounded as
 * cxr4j's other reports round. Given the {@link ScoreDistributions} of an evaluation, it prints each
 * AUC with its DeLong interval instead of the bare macro average.
 */
public final class ClassificationReport {

    /** The longest row heading of scikit-learn's table; it sets the minimum first-column width. */
    private static final String WEIGHTED_AVG = "weighted avg";
    private static final int DIGITS = 2;

    private ClassificationReport() {
    }

    /**
     * Formats an evaluation.
     *
     * @param evaluation the evaluation
     * @return the multi-line report, ending in a newline
     */
    public static String format(Evaluation evaluation) {
        StringBuilder report = new StringBuilder();
        appendScikitLearnTable(report, evaluation);
        report.append('\n');
        appendClinicalSummary(report, evaluation);
        double auc = evaluation.macroRocAuc();
        report.append("ROC AUC (one-vs-rest macro) ")
                .append(Double.isNaN(auc) ? "n/a (no scores, or only one actual class)" : decimal(auc, 3))
                .append('\n');
        return report.toString();
    }

    /**
     * Formats an evaluation with its ROC AUCs and their DeLong 95% intervals: one line per class
     * against the rest, a single line for a binary model, whose two curves mirror each other.
     *
     * @param scores the evaluation's scores
     * @return the multi-line report, ending in a newline
     */
    public static String format(ScoreDistributions scores) {
        Evaluation evaluation = scores.evaluation();
        StringBuilder report = new StringBuilder();
        appendScikitLearnTable(report, evaluation);
        report.append('\n');
        appendClinicalSummary(report, evaluation);
        List<RocCurve> curves = scores.rocCurves();
        for (RocCurve roc : curves.size() == 2 ? curves.subList(0, 1) : curves) {
            report.append("ROC AUC, ").append(roc.positiveClass()).append(" vs rest: ").append(auc(roc))
                    .append('\n');
        }
        return report.toString();
    }

    private static String auc(RocCurve roc) {
        if (Double.isNaN(roc.auc())) {
            return "n/a (no " + (roc.positives() == 0 ? "images of the class" : "images of other classes") + ")";
        }
        ConfidenceInterval ci = roc.auc95();
        return decimal(roc.auc(), 3)
                + (ci == null ? " (no interval: fewer than 2 images on a side, or DeLong's variance is 0)"
                        : " (95% CI " + decimal(ci.lower(), 3) + "-" + decimal(ci.upper(), 3) + ", "
                                + RocCurve.DELONG + ")")
                + ", n = " + roc.positives() + " + " + roc.negatives();
    }

    private static void appendScikitLearnTable(StringBuilder report, Evaluation evaluation) {
        int width = WEIGHTED_AVG.length();
        for (String name : evaluation.confusionMatrix().classNames()) {
            width = Math.max(width, name.length());
        }
        String heading = "%" + width + "s ";
        report.append(String.format(Locale.ROOT, heading + " %9s %9s %9s %9s",
                "", "precision", "recall", "f1-score", "support")).append("\n\n");
        for (ClassMetrics metrics : evaluation.perClass()) {
            appendRow(report, heading, metrics.className(), metrics.precision().valueOr(0),
                    metrics.recall().valueOr(0), metrics.f1(), metrics.support());
        }
        report.append('\n');
        report.append(String.format(Locale.ROOT, heading + " %9s %9s %9s %9d", "accuracy", "", "",
                sklearnFixed(evaluation.accuracy().value(), DIGITS), evaluation.testSize())).append('\n');
        Averages macro = evaluation.macroAverage();
        appendRow(report, heading, "macro avg", macro.precision(), macro.recall(), macro.f1(), evaluation.testSize());
        Averages weighted = evaluation.weightedAverage();
        appendRow(report, heading, WEIGHTED_AVG, weighted.precision(), weighted.recall(), weighted.f1(),
                evaluation.testSize());
    }

    private static void appendRow(StringBuilder report, String heading, String name,
            double precision, double recall, double f1, long support) {
        report.append(String.format(Locale.ROOT, heading + " %9s %9s %9s %9d", name, sklearnFixed(precision, DIGITS),
                sklearnFixed(recall, DIGITS), sklearnFixed(f1, DIGITS), support)).append('\n');
    }

    private static void appendClinicalSummary(StringBuilder report, Evaluation evaluation) {
        int width = 0;
        for (String name : evaluation.confusionMatrix().classNames()) {
            width = Math.max(width, name.length());
        }
        for (ClassMetrics metrics : evaluation.perClass()) {
            report.append(String.format(Locale.ROOT, "%-" + width + "s  sensitivity %s  specificity %s",
                    metrics.className(), withInterval(metrics.recall()), withInterval(metrics.specificity())))
                    .append('\n');
        }
        report.append('\n');
        report.append("accuracy ").append(withInterval(evaluation.accuracy()))
                .append(", n = ").append(evaluation.testSize()).append('\n');
        report.append("balanced accuracy ").append(percent(evaluation.balancedAccuracy())).append('\n');
    }

    private static String withInterval(Proportion proportion) {
        String counts = proportion.successes() + "/" + proportion.trials();
        if (proportion.trials() == 0) {
            return "n/a (" + counts + ")";
        }
        ConfidenceInterval interval = proportion.wilson95();
        return percent(proportion.value()) + " (95% CI " + decimal(100 * interval.lower(), 1) + "-"
                + decimal(100 * interval.upper(), 1) + "%, " + counts + ")";
    }

    private static String percent(double fraction) {
        return decimal(100 * fraction, 1) + "%";
    }

    /**
     * Rounds like Python's {@code format(x, '.2f')}, which scikit-learn uses: the exact binary
     * value, ties to even. {@code String.format} rounds ties away from zero (0.125 gives 0.13
     * where Python prints 0.12).
     */
    private static String sklearnFixed(double value, int digits) {
        return new BigDecimal(value).setScale(digits, RoundingMode.HALF_EVEN).toPlainString();
    }

    /** Rounds as every other cxr4j report does, so the summary's numbers match report.md's. */
    private static String decimal(double value, int digits) {
        return String.format(Locale.ROOT, "%." + digits + "f", value);
    }
}
