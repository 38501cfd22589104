package io.cxr4j.experiment;

import io.cxr4j.core.metrics.ScoreDistributions;
import io.cxr4j.core.split.SplitFile;
import io.cxr4j.core.split.TrainTestSplit;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What a {@link TrainTestExperiment} produced: the report with every number, the warnings that
 * qualify them, the model's outcome and the split.
 *
 * @param report the content of {@code report.json}
 * @param warnings the guards' findings, in the order found (the report lists their messages)
 * @param outcome the trained model, its test evaluation and operating point
 * @param split the split trained and tested on
 * @param dataFolder the data set's folder, which the saved split's paths are relative to
 * @param modelDirectory where the model was written
 * @param heldOutName what the per-epoch held-out scores were computed on
 */
public record TrainTestResult(RunReport report, List<ExperimentWarning> warnings, ModelOutcome outcome,
        TrainTestSplit split, Path dataFolder, Path modelDirectory, String heldOutName) {

    public TrainTestResult {
        warnings = List.copyOf(warnings);
    }

    /** @return the report as the JSON of {@code report.json} */
    public String toJson() {
        return report.toJson();
    }

    /** @return the test predictions' scores, for curves and metrics */
    public ScoreDistributions scores() {
        return outcome.test().scores();
    }

    /** @return the plot files {@link #writeTo} draws, in the order {@link #toMarkdown()} shows them */
    public List<String> plotFiles() {
        List<String> files = new ArrayList<>(List.of("accuracy.png", "loss.png"));
        files.addAll(ReportFiles.SCORE_PLOTS);
        return files;
    }

    /** @return {@code report.md}: settings, warnings, the test results with intervals, calibration and plots */
    public String toMarkdown() {
        return ReportFiles.header("cxr4j train on '" + report.dataset().name() + "'", report)
                + ReportFiles.evaluationSection(scores(), report.operatingPoint(), plotFiles())
                + ReportFiles.skippedSection(report);
    }

    /**
     * Writes {@code report.json}, {@code split.tsv} (to rerun the split), the plots and {@code report.md}.
     *
     * @param folder the folder, created if needed
     * @return the written {@code report.json}
     * @throws IOException when a file cannot be written
     */
    public Path writeTo(Path folder) throws IOException {
        Path file = report.write(folder);
        SplitFile.write(split, dataFolder, folder.resolve(Protocol.SPLIT_FILE));
        ReportFiles.plots(folder, Map.of("run", outcome.training().history()), heldOutName, scores());
        ReportFiles.writeMarkdown(folder, toMarkdown());
        return file;
    }
}
