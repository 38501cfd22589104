package io.cxr4j.experiment;

import io.cxr4j.core.metrics.ScoreDistributions;
import io.cxr4j.core.split.FoldPlan;
import io.cxr4j.core.training.TrainingHistory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a {@link CrossValidation} produced: the report with every fold's numbers, the means across
 * folds and the pooled test folds, and the warnings that qualify them.
 *
 * @param report the content of {@code report.json}
 * @param warnings the guards' findings, in the order found (the report lists their messages)
 * @param plan the folds that were run
 * @param scoresByRepeat each repeat's test predictions, pooled over its folds
 * @param histories each fold's learning curves, by fold name
 * @param positiveClass the class the per-fold table centres on
 */
public record CrossValidationResult(CrossValidationReport report, List<ExperimentWarning> warnings, FoldPlan plan,
        Map<Integer, ScoreDistributions> scoresByRepeat, Map<String, TrainingHistory> histories,
        String positiveClass) {

    public CrossValidationResult {
        warnings = List.copyOf(warnings);
        scoresByRepeat = new TreeMap<>(scoresByRepeat);
        histories = new LinkedHashMap<>(histories);
    }

    /** @return the report as the JSON of {@code report.json} */
    public String toJson() {
        return report.toJson();
    }

    /**
     * @return the plot files {@link #writeTo} draws, in the order {@link #toMarkdown()} shows them:
     *     every fold's learning curves, then the pooled test folds' plots (in {@code repeat-R/} per
     *     repeat when there are several)
     */
    public List<String> plotFiles() {
        List<String> plots = new ArrayList<>(List.of("accuracy.png", "loss.png"));
        for (Integer repeat : scoresByRepeat.keySet()) {
            String prefix = scoresByRepeat.size() == 1 ? "" : "repeat-" + repeat + "/";
            ReportFiles.SCORE_PLOTS.forEach(p -> plots.add(prefix + p));
        }
        return plots;
    }

    /** @return {@code report.md}: settings, warnings, {@link #summaryMarkdown()} and the plots */
    public String toMarkdown() {
        return CrossValidationMarkdown.of(report, scoresByRepeat, positiveClass, plotFiles());
    }

    /**
     * @return the results part of {@link #toMarkdown()}: mean across folds, pooled test folds, per
     *     fold and published numbers
     */
    public String summaryMarkdown() {
        return CrossValidationMarkdown.summary(report, scoresByRepeat, positiveClass);
    }

    /**
     * Writes {@code report.json}, the learning curves of every fold, the pooled plots and {@code
     * report.md}. (Each fold's model and plots are in its own folder of the run's output already.)
     *
     * @param folder the folder, created if needed
     * @return the written {@code report.json}
     * @throws IOException when a file cannot be written
     */
    public Path writeTo(Path folder) throws IOException {
        Path file = report.write(folder);
        ReportFiles.learningCurves(folder, histories, "validation");
        for (Map.Entry<Integer, ScoreDistributions> e : scoresByRepeat.entrySet()) {
            // One repeat's plots go beside report.md; several repeats get a folder each.
            ReportFiles.scorePlots(scoresByRepeat.size() == 1 ? folder : folder.resolve("repeat-" + e.getKey()),
                    e.getValue());
        }
        ReportFiles.writeMarkdown(folder, toMarkdown());
        return file;
    }
}
