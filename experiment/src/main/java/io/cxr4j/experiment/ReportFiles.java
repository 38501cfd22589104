package io.cxr4j.experiment;

import io.cxr4j.core.metrics.Calibration;
import io.cxr4j.core.model.ChosenThreshold;
import io.cxr4j.core.model.SourceImages;
import io.cxr4j.core.metrics.PrecisionRecallCurve;
import io.cxr4j.core.metrics.RocCurve;
import io.cxr4j.core.metrics.ScoreDistributions;
import io.cxr4j.core.metrics.SourceBreakdown;
import io.cxr4j.core.report.MarkdownTables;
import io.cxr4j.core.report.Plots;
import io.cxr4j.core.training.TrainingHistory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** The plots and Markdown sections every run writes beside its report.json. */
final class ReportFiles {

    private static final int CALIBRATION_BINS = Protocol.CALIBRATION_BINS;

    /** The plots of test predictions, in the order report.md shows them. */
    static final List<String> SCORE_PLOTS = List.of("roc.png", "precision-recall.png", "confusion-matrix.png",
            "reliability.png");

    private ReportFiles() {}

    /**
     * Draws the plots into a folder.
     *
     * @param folder the output folder
     * @param histories learning curves by run name, empty for an evaluation of a saved model
     * @param heldOutName what the per-epoch held-out scores were computed on, for the legend
     * @param scores the test predictions
     * @return the file names written, in the order report.md shows them
     */
    static List<String> plots(Path folder, Map<String, TrainingHistory> histories, String heldOutName,
            ScoreDistributions scores)
            throws IOException {
        List<String> written = new ArrayList<>(learningCurves(folder, histories, heldOutName));
        written.addAll(scorePlots(folder, scores));
        return written;
    }

    /**
     * Draws the accuracy and loss per epoch of each run into a folder.
     *
     * @param histories learning curves by run name; nothing is drawn when empty
     * @param heldOutName what the per-epoch held-out scores were computed on, for the legend
     * @return the file names written
     */
    static List<String> learningCurves(Path folder, Map<String, TrainingHistory> histories, String heldOutName)
            throws IOException {
        if (histories.isEmpty()) {
            return List.of();
        }
        Files.createDirectories(folder);
        Plots.accuracy(histories, heldOutName, folder.resolve("accuracy.png"));
        Plots.loss(histories, heldOutName, folder.resolve("loss.png"));
        return List.of("accuracy.png", "loss.png");
    }

    /**
     * Draws ROC, precision-recall, confusion matrix and reliability diagram of test predictions.
     *
     * @return the file names written
     */
    static List<String> scorePlots(Path folder, ScoreDistributions scores) throws IOException {
        Files.createDirectories(folder);
        Plots.roc(shownRocCurves(scores), folder.resolve("roc.png"));
        Plots.precisionRecall(shownPrCurves(scores), folder.resolve("precision-recall.png"));
        Plots.confusionMatrix(scores.confusionMatrix(), folder.resolve("confusion-matrix.png"));
        Plots.reliability(scores.calibration(CALIBRATION_BINS), folder.resolve("reliability.png"));
        return SCORE_PLOTS;
    }

    /**
     * The Markdown of one evaluation: the per-class table, the operating point if any, calibration
     * and the plots.
     */
    static String evaluationSection(ScoreDistributions scores, RunReport.OperatingPoints points, List<String> plots) {
        StringBuilder md = new StringBuilder();
        md.append(MarkdownTables.evaluation(scores));
        md.append("\nRates are percentages with Wilson 95% intervals and counts; AUCs are one-vs-rest with"
                + " DeLong 95% intervals.\n");
        md.append(bySourceSection(scores));
        if (points != null) {
            md.append("\n## Operating point chosen on validation data\n\n");
            if (points.chosenOn() != null) {
                md.append(thresholdOrigin(points.chosenOn())).append("\n\n");
            }
            md.append(points.validation() != null
                    ? MarkdownTables.operatingPoints(List.of("validation (chosen here)", "test"),
                            List.of(points.validation(), points.test()))
                    : MarkdownTables.operatingPoints(List.of("these images, at the model's threshold"),
                            List.of(points.test())));
        }
        Calibration calibration = scores.calibration(CALIBRATION_BINS);
        md.append("\n## Calibration\n\nExpected calibration error ")
                .append(MarkdownTables.fixed(calibration.expectedCalibrationError(), 3))
                .append(" (").append(CALIBRATION_BINS).append(" equal-width bins of the predicted class's"
                        + " probability, n = ").append(calibration.count()).append(").\n");
        md.append("\n## Plots\n\n");
        for (String plot : plots) {
            md.append("![").append(plot.replace(".png", "")).append("](").append(plot).append(")\n");
        }
        return md.toString();
    }

    /**
     * Where a threshold was chosen, in one sentence.
     *
     * @param chosen the threshold as the model records it
     * @return for example {@code Chosen on 'hannover' (243 images; sources: ...), a source the model
     *     never trained on: figures on it are development figures, not an external test.}
     */
    static String thresholdOrigin(ChosenThreshold chosen) {
        String sources = chosen.validationSources().stream()
                .map(s -> (s.source() == null ? "unknown source" : s.source()) + " " + s.images())
                .collect(Collectors.joining(", "));
        int images = chosen.validationSources().stream().mapToInt(SourceImages::images).sum();
        String origin = chosen.carvedFromTraining() ? "a part carved from the training data"
                : chosen.trainingSourcesAmong().isEmpty() ? "separate validation data of sources the model never"
                        + " trained on" : "separate validation data that shares sources with the training data "
                        + chosen.trainingSourcesAmong();
        return String.format(Locale.ROOT, "Threshold p(%s) >= %s for a target sensitivity of %s, chosen"
                + " on '%s' (%d images; %s), %s. Figures on the images it was chosen on are development figures,"
                + " not a test.", chosen.positiveClass(), MarkdownTables.threshold(chosen.threshold()),
                MarkdownTables.fixed(chosen.targetSensitivity(), 2), chosen.validationData(), images, sources, origin);
    }

    /**
     * The Markdown of an evaluation's breakdown by source, or nothing when no image has a source.
     *
     * @param scores the test predictions, with their sources
     */
    static String bySourceSection(ScoreDistributions scores) {
        SourceBreakdown breakdown = RunReport.bySource(scores);
        return breakdown == null ? "" : "\n### By source\n\n" + MarkdownTables.bySource(breakdown)
                + "\nA source that holds one class only gives the rate of that class alone; its images still count in"
                + " the overall results above.\n";
    }

    /** Binary runs show the positive class only: the other class's curve mirrors it. */
    static List<RocCurve> shownRocCurves(ScoreDistributions scores) {
        return scores.classNames().size() == 2
                ? List.of(scores.roc(Protocol.positiveClass(scores.classNames())))
                : scores.rocCurves();
    }

    private static List<PrecisionRecallCurve> shownPrCurves(ScoreDistributions scores) {
        return scores.classNames().size() == 2
                ? List.of(scores.precisionRecall(Protocol.positiveClass(scores.classNames())))
                : scores.precisionRecallCurves();
    }

    /** The title and the facts needed to rerun: command, engine and versions, data checksum, split. */
    static String header(String title, RunReport report) {
        StringBuilder md = new StringBuilder("# ").append(title).append("\n\n");
        md.append(commandLine(report.arguments()));
        md.append("- engine: ").append(report.versions().get("engine")).append(' ')
                .append(report.versions().get("engineVersion")).append(", ").append(report.tool())
                .append(", Java ").append(report.versions().get("java")).append('\n');
        md.append("- data set: ").append(report.dataset().name()).append(' ').append(report.dataset().classCounts())
                .append(", SHA-256 ").append(report.dataset().checksum().sha256()).append(" over ")
                .append(report.dataset().checksum().files()).append(" images\n");
        if (report.split() != null) {
            md.append("- split: ").append(report.split().strategy()).append("-level, seed ").append(report.split().seed())
                    .append(", train ").append(report.split().trainSize()).append(", validation ")
                    .append(report.split().validationSize()).append(", test ").append(report.split().testSize())
                    .append(" (").append(report.splitFile()).append(")\n");
        }
        if (report.training() != null) {
            md.append("- training: ").append(report.training().summary()).append("; ")
                    .append(MarkdownTables.fixed(report.trainingSeconds(), 0)).append(" s\n");
        }
        return md.append(warningsSection(report.warnings())).append("\n## Test results\n\n").toString();
    }

    /** The command line a report records, as a Markdown bullet; nothing for a run started from code. */
    static String commandLine(List<String> arguments) {
        return arguments.isEmpty() ? "" : "- command: `cxr4j " + String.join(" ", arguments) + "`\n";
    }

    /** The run's warnings, which qualify every number after them; empty without warnings. */
    static String warningsSection(List<String> warnings) {
        if (warnings.isEmpty()) {
            return "";
        }
        StringBuilder md = new StringBuilder("\n## Warnings\n\n");
        warnings.forEach(w -> md.append("- ").append(w).append('\n'));
        return md.toString();
    }

    /**
     * The images a run left out, one bullet each, or nothing when there are none.
     *
     * @param items each image with where it was skipped and why
     */
    static String skippedSection(List<String> items) {
        if (items.isEmpty()) {
            return "";
        }
        return "\n## Skipped images\n\nUnreadable, left out of training or of the metrics:\n\n"
                + items.stream().map(i -> "- " + i).collect(Collectors.joining("\n")) + "\n";
    }

    /** The files left out when the data set was loaded and the images left out of the run. */
    static String skippedSection(RunReport report) {
        List<String> items = new ArrayList<>();
        report.dataset().skippedFiles().forEach(s -> items.add("`" + s.path() + "` (loading): " + s.reason()));
        report.skippedImages().forEach(s -> items.add("`" + s.path() + "`: " + s.reason()));
        return skippedSection(items);
    }

    /**
     * Writes a report's JSON as {@code report.json}.
     *
     * @param folder the output folder, created if needed
     * @return the written file
     */
    static Path writeReport(Path folder, String json) throws IOException {
        Files.createDirectories(folder);
        Path file = folder.resolve(Protocol.REPORT_FILE);
        Files.writeString(file, json);
        return file;
    }

    static void writeMarkdown(Path folder, String markdown) throws IOException {
        Files.createDirectories(folder);
        Files.writeString(folder.resolve(Protocol.MARKDOWN_FILE), markdown);
    }
}
