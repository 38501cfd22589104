package io.cxr4j.experiment;

import io.cxr4j.core.metrics.EvaluationReport;
import io.cxr4j.core.metrics.ScoreDistributions;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What a {@link ModelEvaluation} produced: the report, the warnings that qualify it and the
 * evaluation itself.
 *
 * @param report the content of {@code report.json}
 * @param warnings the guards' findings, in the order found (the report lists their messages)
 * @param evaluation the metrics, scores and skipped images
 */
public record EvaluationResult(RunReport report, List<ExperimentWarning> warnings, EvaluationReport evaluation) {

    public EvaluationResult {
        warnings = List.copyOf(warnings);
    }

    /** @return the report as the JSON of {@code report.json} */
    public String toJson() {
        return report.toJson();
    }

    /** @return the test predictions' scores */
    public ScoreDistributions scores() {
        return evaluation.scores();
    }

    /** @return the plot files {@link #writeTo} draws, in the order {@link #toMarkdown()} shows them */
    public List<String> plotFiles() {
        return ReportFiles.SCORE_PLOTS;
    }

    /** @return {@code report.md}: the model, data, warnings, results with intervals, calibration and plots */
    public String toMarkdown() {
        return ReportFiles.header("cxr4j evaluate on '" + report.dataset().name() + "'", report)
                + ReportFiles.evaluationSection(scores(), report.operatingPoint(), plotFiles())
                + ReportFiles.skippedSection(report);
    }

    /**
     * Writes {@code report.json}, the plots and {@code report.md}.
     *
     * @param folder the folder, created if needed
     * @return the written {@code report.json}
     * @throws IOException when a file cannot be written
     */
    public Path writeTo(Path folder) throws IOException {
        Path file = report.write(folder);
        ReportFiles.plots(folder, Map.of(), "", scores());
        ReportFiles.writeMarkdown(folder, toMarkdown());
        return file;
    }
}
