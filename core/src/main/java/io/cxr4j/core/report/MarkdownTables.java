package io.cxr4j.core.report;

import io.cxr4j.core.metrics.ClassMetrics;
import io.cxr4j.core.metrics.ConfidenceInterval;
import io.cxr4j.core.metrics.Evaluation;
import io.cxr4j.core.metrics.EvaluationSummary;
import io.cxr4j.core.metrics.FoldAverage;
import io.cxr4j.core.metrics.OperatingPoint;
import io.cxr4j.core.metrics.PrecisionRecallCurve;
import io.cxr4j.core.metrics.Proportion;
import io.cxr4j.core.metrics.RocCurve;
import io.cxr4j.core.metrics.ScoreDistributions;
import io.cxr4j.core.metrics.SourceBreakdown;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Markdown tables for {@code report.md}: every rate with its 95% interval and counts, so that a
 * reader sees how much evidence stands behind each number.
 */
public final class MarkdownTables {

    private MarkdownTables() {}

    /**
     * One row per class, that class taken as positive (one-vs-rest), then overall accuracy.
     *
     * @param scores the scores of an evaluation
     * @return the table, ending in a newline
     */
    public static String evaluation(ScoreDistributions scores) {
        Evaluation evaluation = scores.evaluation();
        List<RocCurve> rocCurves = scores.rocCurves();
        List<PrecisionRecallCurve> prCurves = scores.precisionRecallCurves();
        List<List<String>> rows = new ArrayList<>();
        for (int c = 0; c < evaluation.perClass().size(); c++) {
            ClassMetrics m = evaluation.perClass().get(c);
            rows.add(List.of(m.className(), Long.toString(m.support()), rate(m.recall()), rate(m.specificity()),
                    rate(m.precision()), fixed(m.f1(), 3), auc(rocCurves.get(c)), averagePrecision(prCurves.get(c))));
        }
        String table = table(List.of("positive class", "n", "sensitivity (95% CI)", "specificity (95% CI)",
                "precision (95% CI)", "F1", "AUC (95% CI, DeLong)", "average precision (chance)"), rows);
        return table + "\nAccuracy " + rate(evaluation.accuracy()) + ", balanced accuracy "
                + percent(evaluation.balancedAccuracy()) + ", n = " + evaluation.testSize() + ".\n";
    }

    /**
     * One row per source: images per class, accuracy, the positive class's sensitivity,
     * specificity and AUC, then why any value is absent and how many images have no source.
     *
     * @param breakdown the evaluation by source
     * @return the table and its notes, ending in a newline; empty when no image has a source
     */
    public static String bySource(SourceBreakdown breakdown) {
        if (breakdown.sources().isEmpty()) {
            return "";
        }
        String positive = breakdown.positiveClass();
        List<List<String>> rows = new ArrayList<>();
        StringBuilder notes = new StringBuilder();
        for (SourceBreakdown.SourceSummary s : breakdown.sources()) {
            List<String> counts = new ArrayList<>();
            s.classCounts().forEach((c, n) -> counts.add(c + " " + n));
            rows.add(List.of(s.source(), Long.toString(s.images()), String.join(", ", counts), rate(s.accuracy()),
                    s.sensitivity() == null ? "n/a" : rate(s.sensitivity()),
                    s.specificity() == null ? "n/a" : rate(s.specificity()),
                    s.auc() == null ? "n/a" : fixed(s.auc(), 3) + (s.auc95() == null ? " (no interval)"
                            : " (" + fixed(s.auc95().lower(), 3) + "-" + fixed(s.auc95().upper(), 3) + ")")));
            s.notReported().forEach(n -> notes.append("- ").append(s.source()).append(": ").append(n).append('\n'));
        }
        String table = table(List.of("source", "n", "images per class", "accuracy (95% CI)",
                positive + " sensitivity (95% CI)", positive + " specificity (95% CI)",
                positive + " AUC (95% CI, DeLong)"), rows);
        if (notes.length() > 0) {
            table += "\nNot reported:\n\n" + notes;
        }
        if (breakdown.imagesWithoutSource() > 0) {
            long without = breakdown.imagesWithoutSource();
            table += "\n" + without + (without == 1 ? " image has no recorded source and is"
                    : " images have no recorded source and are") + " in no row.\n";
        }
        return table;
    }

    private static String rate(EvaluationSummary.Rate rate) {
        return rate(new Proportion(rate.successes(), rate.trials()));
    }

    /**
     * A table of operating points (thresholds), such as the one chosen on validation data and the
     * same threshold on test data.
     *
     * @param labels a row label per point, such as {@code validation} and {@code test}
     * @param points the points, same length
     * @return the table, ending in a newline
     */
    public static String operatingPoints(List<String> labels, List<OperatingPoint> points) {
        List<List<String>> rows = new ArrayList<>();
        for (int i = 0; i < points.size(); i++) {
            OperatingPoint p = points.get(i);
            rows.add(List.of(labels.get(i), p.positiveClass(), threshold(p.threshold()), rate(p.sensitivity()),
                    rate(p.specificity()), rate(p.precision()), rate(p.accuracy())));
        }
        return table(List.of("data", "positive class", "threshold", "sensitivity (95% CI)",
                "specificity (95% CI)", "precision (95% CI)", "accuracy (95% CI)"), rows);
    }

    /**
     * A Markdown table.
     *
     * @param header the column headings
     * @param rows the cells, one list per row, as long as the header
     * @return the table, ending in a newline
     */
    public static String table(List<String> header, List<List<String>> rows) {
        StringBuilder md = new StringBuilder();
        md.append("| ").append(String.join(" | ", header)).append(" |\n|");
        header.forEach(h -> md.append("---|"));
        md.append('\n');
        for (List<String> row : rows) {
            if (row.size() != header.size()) {
                throw new IllegalArgumentException("Table row " + row + " has " + row.size() + " cells, expected "
                        + header.size() + " for " + header);
            }
            md.append("| ").append(String.join(" | ", row)).append(" |\n");
        }
        return md.toString();
    }

    /**
     * A rate as a percentage with its Wilson 95% interval and counts.
     *
     * @param p the proportion
     * @return for example {@code 93.3% (70.2-98.8%, 14/15)}, or {@code n/a (0/0)}
     */
    public static String rate(Proportion p) {
        if (p.trials() == 0) {
            return "n/a (0/0)";
        }
        ConfidenceInterval ci = p.wilson95();
        return String.format(Locale.ROOT, "%.1f%% (%.1f-%.1f%%, %d/%d)", 100 * p.value(), 100 * ci.lower(),
                100 * ci.upper(), p.successes(), p.trials());
    }

    /**
     * An average precision beside what random guessing scores, the class's prevalence.
     *
     * @param curve the precision-recall curve
     * @return for example {@code 0.912 (0.199)}, or {@code n/a}
     */
    public static String averagePrecision(PrecisionRecallCurve curve) {
        return Double.isNaN(curve.averagePrecision()) ? "n/a"
                : fixed(curve.averagePrecision(), 3) + " (" + fixed(curve.prevalence(), 3) + ")";
    }

    /**
     * A threshold on a probability, printed so that it can be used again: rounded down, so every
     * score it called positive stays at or above the printed value, with six decimals (as {@code
     * predict} prints scores) or more within 0.0001 of 0 or 1, where trained models' scores
     * crowd, so that 0.99997 does not print as 1.
     *
     * @param threshold a probability
     * @return for example {@code 0.664754} or {@code 0.99997000}, or {@code n/a} for NaN (pooled
     *     folds, each with its own threshold)
     */
    public static String threshold(double threshold) {
        if (Double.isNaN(threshold)) {
            return "n/a";
        }
        double distance = Math.min(threshold, 1 - threshold);
        int decimals = distance > 0 ? Math.max(6, Math.min(10, (int) Math.ceil(-Math.log10(distance)) + 3)) : 6;
        return BigDecimal.valueOf(threshold).setScale(decimals, RoundingMode.FLOOR).toPlainString();
    }

    /**
     * An AUC with its DeLong interval.
     *
     * @param roc the curve
     * @return for example {@code 0.953 (0.910-0.996)}, {@code 1.000 (no interval)} when DeLong's
     *     gives none, or {@code n/a}
     */
    public static String auc(RocCurve roc) {
        if (Double.isNaN(roc.auc())) {
            return "n/a";
        }
        ConfidenceInterval ci = roc.auc95();
        return fixed(roc.auc(), 3) + (ci == null ? " (no interval)"
                : " (" + fixed(ci.lower(), 3) + "-" + fixed(ci.upper(), 3) + ")");
    }

    /**
     * A mean over folds as a percentage with its t interval.
     *
     * @param average the fold average of a rate
     * @return for example {@code 97.4% (95.1-99.7%, 5 folds)}
     */
    public static String percentMean(FoldAverage average) {
        if (average.folds() == 0) {
            return "n/a";
        }
        ConfidenceInterval ci = average.ci95();
        return percent(average.mean()) + (ci == null ? "" : String.format(Locale.ROOT, " (%.1f-%.1f%%",
                100 * ci.lower(), 100 * ci.upper())) + (ci == null ? " (" : ", ") + folds(average);
    }

    /**
     * A mean over folds of a score in [0, 1] such as an AUC, with its t interval.
     *
     * @param average the fold average
     * @return for example {@code 0.981 (0.962-1.000, 5 folds)}
     */
    public static String mean(FoldAverage average) {
        if (average.folds() == 0) {
            return "n/a";
        }
        ConfidenceInterval ci = average.ci95();
        return fixed(average.mean(), 3) + (ci == null ? " (" : " (" + fixed(ci.lower(), 3) + "-"
                + fixed(ci.upper(), 3) + ", ") + folds(average);
    }

    private static String folds(FoldAverage average) {
        return average.folds() + (average.folds() == 1 ? " fold)" : " folds)");
    }

    /**
     * @param fraction a value in [0, 1]
     * @return it as a percentage with one decimal, or {@code n/a} for NaN
     */
    public static String percent(double fraction) {
        return Double.isNaN(fraction) ? "n/a" : String.format(Locale.ROOT, "%.1f%%", 100 * fraction);
    }

    /**
     * @param value a number
     * @param digits decimals
     * @return it with that many decimals, or {@code n/a} for NaN
     */
    public static String fixed(double value, int digits) {
        return Double.isNaN(value) ? "n/a" : String.format(Locale.ROOT, "%." + digits + "f", value);
    }
}
