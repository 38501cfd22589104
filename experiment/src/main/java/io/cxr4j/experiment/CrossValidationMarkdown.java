package io.cxr4j.experiment;

import io.cxr4j.core.metrics.EvaluationSummary;
import io.cxr4j.core.metrics.FoldAverage;
import io.cxr4j.core.metrics.ScoreDistributions;
import io.cxr4j.core.report.MarkdownTables;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The {@code report.md} of a cross-validation. */
final class CrossValidationMarkdown {

    private CrossValidationMarkdown() {}

    /**
     * @param scoresByRepeat each repeat's test predictions, pooled over its folds
     * @param plots the plot files, relative to the report
     */
    static String of(CrossValidationReport r, Map<Integer, ScoreDistributions> scoresByRepeat, String positive,
            List<String> plots) {
        return header(r) + "\n" + summary(r, scoresByRepeat, positive) + plots(plots);
    }

    /** The title, the settings and the warnings. */
    static String header(CrossValidationReport r) {
        StringBuilder md = new StringBuilder("# cxr4j cross-validate on '").append(r.dataset().name()).append("'\n\n");
        md.append(ReportFiles.commandLine(r.arguments()));
        md.append("- engine: ").append(r.versions().get("engine")).append(' ').append(r.versions().get("engineVersion"))
                .append(", ").append(r.tool()).append(", Java ").append(r.versions().get("java")).append('\n');
        md.append("- data set: ").append(r.dataset().classCounts()).append(", SHA-256 ")
                .append(r.dataset().checksum().sha256()).append(" over ").append(r.dataset().checksum().files())
                .append(" images\n");
        md.append(String.format(Locale.ROOT, "- folds: %d x %d repeat(s), stratified, %s-level, seed %d; validation"
                + " %.0f%% of each training part (learning curves%s); folds in %s%n", r.folds(), r.repeats(),
                r.strategy(), r.seed(), 100 * r.validationFraction(),
                r.targetSensitivity() == null ? "" : ", threshold for sensitivity " + r.targetSensitivity(),
                r.foldsFile()));
        md.append(String.format(Locale.ROOT, "- training: %s; total %.0f s%n", r.training().summary(),
                r.totalSeconds()));
        md.append("\nNo epoch and no threshold was chosen on a test fold: every model trains for the fixed number of"
                + " epochs, and thresholds come from the validation part of that fold's training data.\n");
        md.append(ReportFiles.warningsSection(r.warnings()));
        return md.toString();
    }

    /**
     * The results: the mean across folds, the pooled test folds, every fold and the published
     * numbers, ending with a blank line.
     */
    static String summary(CrossValidationReport r, Map<Integer, ScoreDistributions> scoresByRepeat,
            String positive) {
        StringBuilder md = new StringBuilder("## Mean across folds\n\n");
        List<List<String>> rows = new ArrayList<>();
        for (Map.Entry<String, FoldAverage> e : r.acrossFolds().entrySet()) {
            String value = e.getKey().endsWith("AUC") || e.getKey().endsWith("F1") ? MarkdownTables.mean(e.getValue())
                    : e.getKey().equals("training seconds") ? seconds(e.getValue())
                    : MarkdownTables.percentMean(e.getValue());
            rows.add(List.of(e.getKey(), value));
        }
        md.append(MarkdownTables.table(List.of("metric", "mean over folds (95% CI, Student t)"), rows));
        md.append("\nThe t interval shows fold-to-fold variation; for a proportion quote the pooled Wilson interval"
                + " below, which uses every test image's outcome.");
        if (r.repeats() > 1) {
            md.append(" With repeats, folds of different repeats test the same images, so this t interval is too"
                    + " narrow; the pooled results below are given per repeat for the same reason.");
        }
        md.append('\n');
        for (CrossValidationReport.Pooled p : r.pooled()) {
            ScoreDistributions scores = scoresByRepeat.get(p.repeat());
            md.append(r.pooled().size() == 1 ? "\n## Pooled over all " + p.testImages() + " test images\n\n"
                    : "\n## Repeat " + p.repeat() + ": pooled over its " + p.testImages() + " test images\n\n");
            md.append(MarkdownTables.evaluation(scores));
            md.append("\nRates: Wilson 95% intervals with counts; AUC: DeLong 95% interval, one-vs-rest.\n");
            md.append(ReportFiles.bySourceSection(scores));
            if (p.operatingPoint() != null) {
                md.append("\nOperating point (threshold per fold, chosen on that fold's validation part):\n\n")
                        .append(MarkdownTables.operatingPoints(List.of("test folds pooled"),
                                List.of(p.operatingPoint())))
                        .append("\n(The threshold column is n/a: each fold has its own; see report.json.)\n");
            }
        }
        md.append("\n## Per fold\n\n");
        List<List<String>> foldRows = new ArrayList<>();
        for (CrossValidationReport.FoldResult f : r.perFold()) {
            EvaluationSummary.ClassSummary c = f.evaluation().perClass().stream()
                    .filter(s -> s.className().equals(positive)).findFirst().orElseThrow();
            foldRows.add(List.of(f.name(), Integer.toString(f.trainSize()), Integer.toString(f.validationSize()),
                    Integer.toString(f.testSize()), rate(f.evaluation().accuracy()), rate(c.sensitivity()),
                        rate(c.specificity()), MarkdownTables.fixed(c.f1(), 3),
                    MarkdownTables.fixed(f.auc(), 3), MarkdownTables.fixed(f.trainingSeconds(), 0)));
        }
        md.append(MarkdownTables.table(List.of("fold", "train", "validation", "test", "accuracy",
                positive + " sensitivity", positive + " specificity", positive + " F1", positive + " AUC",
                "training s"), foldRows));
        md.append(ReportFiles.skippedSection(r.perFold().stream().flatMap(f -> f.skippedImages().stream()
                .map(s -> f.name() + ": `" + s.path() + "`: " + s.reason())).toList()));
        if (!r.reference().isEmpty()) {
            md.append("\n## Published\n\n").append(r.reference().get("source")).append(": binary accuracy ")
                    .append(MarkdownTables.percent((Double) r.reference().get("binaryAccuracy")))
                    .append(", three-class ")
                    .append(MarkdownTables.percent((Double) r.reference().get("threeClassAccuracy")))
                    .append(" (mean over 5 folds).\n");
        }
        return md.append('\n').toString();
    }

    /** The plots section. */
    static String plots(List<String> plots) {
        StringBuilder md = new StringBuilder();
        md.append("## Plots\n\nLearning curves of every fold; ROC, precision-recall, confusion matrix and reliability"
                + " diagram pooled over the test folds (of each repeat). Each fold folder has its own.\n\n");
        for (String plot : plots) {
            md.append("![").append(plot.replace(".png", "")).append("](").append(plot).append(")\n");
        }
        return md.toString();
    }

    private static String rate(EvaluationSummary.Rate rate) {
        return rate.trials() == 0 ? "n/a" : String.format(Locale.ROOT, "%.1f%% (%d/%d)", 100 * rate.value(),
                rate.successes(), rate.trials());
    }

    private static String seconds(FoldAverage average) {
        return String.format(Locale.ROOT, "%.0f s per fold (%d folds)", average.mean(), average.folds());
    }
}
