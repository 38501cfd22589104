package io.cxr4j.experiment;

import io.cxr4j.core.data.DatasetChecksum;
import io.cxr4j.core.data.Sample;
import io.cxr4j.core.data.SkippedImage;
import io.cxr4j.core.data.XrayDataset;
import io.cxr4j.core.metrics.EvaluationReport;
import io.cxr4j.core.io.Json;
import io.cxr4j.core.metrics.Calibration;
import io.cxr4j.core.metrics.EvaluationSummary;
import io.cxr4j.core.metrics.OperatingPoint;
import io.cxr4j.core.metrics.PrecisionRecallCurve;
import io.cxr4j.core.metrics.RocCurve;
import io.cxr4j.core.metrics.ScoreDistributions;
import io.cxr4j.core.metrics.SourceBreakdown;
import io.cxr4j.core.model.ChosenThreshold;
import io.cxr4j.core.model.ModelManifest;
import io.cxr4j.core.model.Versions;
import io.cxr4j.core.platform.CpuInfo;
import io.cxr4j.core.split.TrainTestSplit;
import io.cxr4j.core.training.EpochResult;
import io.cxr4j.core.config.TrainingConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code report.json} of a train/test run or of a saved model's evaluation: every number with
 * its test-set size and interval, the curves, the exact settings, versions and data, so a result
 * can be checked and rerun. Its JSON form ({@link #toJson()}) is the file's content.
 *
 * @param tool cxr4j and DJL versions
 * @param arguments the command line, or what the caller passed as such (empty from code)
 * @param warnings what the run warned about, as printed: they qualify every number below
 * @param createdAt when the report was written
 * @param engine the engine used
 * @param versions cxr4j, DJL, engine, Java and platform versions
 * @param dataset what was loaded, with its checksum
 * @param split how it was divided, or null for an evaluation of a whole folder
 * @param splitFile the file holding the split (relative paths), or null
 * @param training the training settings, or null for an evaluation
 * @param trainingSeconds wall-clock training time, NaN for an evaluation
 * @param history per-epoch loss and accuracy, empty for an evaluation
 * @param model the evaluated model's manifest
 * @param evaluation the metrics on the test images
 * @param bySource the metrics per source of the test images, or null when no image has a known source
 * @param curves ROC and precision-recall curves and calibration on the test images
 * @param operatingPoint the threshold chosen on validation data and its test result; in an
 *     evaluation's report, the threshold the model records, on the evaluated images; or null
 * @param skippedImages images that could not be read
 * @param reference published numbers to compare with, when the data set has them
 */
public record RunReport(
        String tool,
        List<String> arguments,
        List<String> warnings,
        String createdAt,
        String engine,
        Map<String, String> versions,
        DatasetInfo dataset,
        SplitInfo split,
        String splitFile,
        TrainingConfig training,
        double trainingSeconds,
        List<EpochResult> history,
        ModelManifest model,
        EvaluationSummary evaluation,
        SourceBreakdown bySource,
        Curves curves,
        OperatingPoints operatingPoint,
        List<Skip> skippedImages,
        Map<String, Object> reference) {

    /** Where the data came from, and its fingerprint. */
    public record DatasetInfo(String name, String folder, Map<String, Integer> classCounts, DatasetChecksum checksum,
            List<Skip> skippedFiles) {}

    /** How the data was split, with the images on each side (relative to the data-set folder). */
    public record SplitInfo(String strategy, long seed, int trainSize, int validationSize, int testSize,
            List<String> sharedPatients, List<String> trainImages, List<String> validationImages,
            List<String> testImages) {}

    /** Curves and calibration of an evaluation. */
    public record Curves(List<RocCurve> roc, List<PrecisionRecallCurve> precisionRecall, Calibration calibration) {

        /** @return the curves of test predictions, with {@link Protocol#CALIBRATION_BINS} calibration bins */
        public static Curves of(ScoreDistributions scores) {
            return new Curves(scores.rocCurves(), scores.precisionRecallCurves(),
                    scores.calibration(Protocol.CALIBRATION_BINS));
        }
    }

    /**
     * A threshold chosen on validation data for a target sensitivity, and the same threshold on test
     * data.
     *
     * @param targetSensitivity the sensitivity the threshold was chosen to reach
     * @param validation what it achieved on the validation images, or null in the report of a later
     *     evaluation (the model's {@code chosenThreshold} records it)
     * @param test what it achieves on the test images
     * @param chosenOn the threshold as the model records it: which data and sources it was chosen
     *     on, and whether the model trained on them
     */
    public record OperatingPoints(double targetSensitivity, OperatingPoint validation, OperatingPoint test,
            ChosenThreshold chosenOn) {}

    /** A file left out, and why. */
    public record Skip(String path, String reason) {}

    static RunReport forTraining(List<String> arguments, List<String> warnings, String engine,
            ExperimentData loaded, DatasetChecksum checksum, TrainTestSplit split, XrayDataset train,
            XrayDataset validation, ModelOutcome outcome, Double targetSensitivity, Map<String, Object> reference) {
        SplitInfo splitInfo = new SplitInfo(split.strategy().name().toLowerCase(Locale.ROOT), split.seed(),
                train.size(), validation == null ? 0 : validation.size(), split.test().size(),
                List.copyOf(split.sharedPatients()), relative(loaded.folder(), train),
                validation == null ? List.of() : relative(loaded.folder(), validation),
                relative(loaded.folder(), split.test()));
        EvaluationReport evaluation = outcome.test();
        List<Skip> skipped = skips(outcome.skipped());
        ModelManifest manifest = outcome.training().manifest();
        return new RunReport(toolVersion(), arguments, warnings, Instant.now().toString(), engine, versions(manifest),
                info(loaded, checksum), splitInfo, Protocol.SPLIT_FILE, manifest.training(), outcome.trainingSeconds(),
                outcome.training().history().epochs(), manifest, EvaluationSummary.of(evaluation.evaluation()),
                bySource(evaluation.scores()), Curves.of(evaluation.scores()), operatingPoints(targetSensitivity, outcome), skipped, reference);
    }

    static RunReport forEvaluation(List<String> arguments, List<String> warnings, ModelManifest model,
            ExperimentData loaded, DatasetChecksum checksum, EvaluationReport evaluation) {
        return new RunReport(toolVersion(), arguments, warnings, Instant.now().toString(), model.engine(),
                versions(model),
                info(loaded, checksum), null, null, null, Double.NaN, List.of(), model,
                EvaluationSummary.of(evaluation.evaluation()), bySource(evaluation.scores()),
                Curves.of(evaluation.scores()), atRecordedThreshold(model, evaluation.scores()),
                skips(evaluation.skipped()), PublishedResults.trainTest(loaded.dataset().name()));
    }

    /**
     * The breakdown of an evaluation by the source of its images, the protocol's positive class
     * taken as positive.
     *
     * @param scores the test predictions' scores
     * @return the breakdown, or null when no image has a known source (so the report leaves it out)
     */
    static SourceBreakdown bySource(ScoreDistributions scores) {
        SourceBreakdown breakdown = SourceBreakdown.of(scores, Protocol.positiveClass(scores.classNames()));
        return breakdown.sources().isEmpty() ? null : breakdown;
    }

    /** @return this report as the JSON of {@code report.json} */
    public String toJson() {
        return Json.gson().toJson(this);
    }

    /**
     * Writes this report as {@code report.json} into a folder.
     *
     * @param folder the output folder, created if needed
     * @return the written report
     */
    Path write(Path folder) throws IOException {
        return ReportFiles.writeReport(folder, toJson());
    }

    static String toolVersion() {
        return "cxr4j " + Versions.cxr4j() + " (DJL " + Versions.djl() + ")";
    }

    static Map<String, String> versions(ModelManifest model) {
        Map<String, String> versions = new LinkedHashMap<>();
        versions.put("cxr4j", Versions.cxr4j());
        versions.put("djl", Versions.djl());
        versions.put("engine", model.engine());
        versions.put("engineVersion", model.provenance() == null ? "unknown" : model.provenance().engineVersion());
        versions.put("java", System.getProperty("java.version"));
        versions.put("platform", CpuInfo.platform());
        return versions;
    }

    static DatasetInfo info(ExperimentData loaded, DatasetChecksum checksum) {
        List<Skip> skipped = loaded.skipped().stream().map(s -> new Skip(s.path().toString(), s.reason())).toList();
        return new DatasetInfo(loaded.dataset().name(), loaded.folder().toAbsolutePath().toString(),
                loaded.dataset().countsPerClass(), checksum, skipped);
    }

    static List<Skip> skips(List<SkippedImage> skipped) {
        return skipped.stream().map(s -> new Skip(s.image().toString(), s.reason())).toList();
    }

    static List<String> relative(Path root, XrayDataset part) {
        return part.samples().stream().map(Sample::image).map(p -> DatasetChecksum.relative(root, p)).toList();
    }

    /** @return the run's chosen threshold on validation and test data, or null when none was chosen */
    static OperatingPoints operatingPoints(Double target, ModelOutcome outcome) {
        return outcome.onTest() == null ? null : new OperatingPoints(target, outcome.chosenOnValidation(),
                outcome.onTest(), outcome.training().manifest().chosenThreshold());
    }

    /**
     * The threshold a model recorded, measured on an evaluation's images.
     *
     * @return the operating point, or null when the model records no threshold or the evaluated
     *     classes lack its positive class
     */
    static OperatingPoints atRecordedThreshold(ModelManifest model, ScoreDistributions scores) {
        ChosenThreshold chosen = model.chosenThreshold();
        if (chosen == null || !scores.classNames().contains(chosen.positiveClass())) {
            return null;
        }
        return new OperatingPoints(chosen.targetSensitivity(), null,
                scores.at(chosen.positiveClass(), chosen.threshold()), chosen);
    }
}
