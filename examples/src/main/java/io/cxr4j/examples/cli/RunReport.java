package io.cxr4j.examples.cli;

import io.cxr4j.core.data.Sample;
import io.cxr4j.core.data.SkippedImage;
import io.cxr4j.core.data.XrayDataset;
import io.cxr4j.core.evaluation.EvaluationReport;
import io.cxr4j.core.metrics.EvaluationSummary;
import io.cxr4j.core.model.ModelDirectory;
import io.cxr4j.core.model.ModelManifest;
import io.cxr4j.core.model.Versions;
import io.cxr4j.core.split.TrainTestSplit;
import io.cxr4j.core.training.EpochResult;
import io.cxr4j.core.training.TrainingConfig;
import io.cxr4j.core.training.TrainingResult;
import io.cxr4j.dataset.FolderDataset;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The {@code report.json} a run writes: every number with its test-set size and interval, the
 * exact settings and data, so a result can be checked and rerun.
 *
 * @param tool cxr4j and DJL versions
 * @param arguments the command line
 * @param createdAt when the report was written
 * @param engine the engine used
 * @param dataset what was loaded
 * @param split how it was divided, or null for an evaluation of a whole folder
 * @param training the training settings, or null for an evaluation
 * @param history per-epoch loss and accuracy, empty for an evaluation
 * @param model the evaluated model's manifest
 * @param evaluation the metrics on the test images
 * @param skippedImages images that could not be read
 * @param reference published numbers to compare with, when the data set has them
 */
record RunReport(
        String tool,
        List<String> arguments,
        String createdAt,
        String engine,
        DatasetInfo dataset,
        SplitInfo split,
        TrainingConfig training,
        List<EpochResult> history,
        ModelManifest model,
        EvaluationSummary evaluation,
        List<Skip> skippedImages,
        Map<String, Object> reference) {

    /** Where the data came from. */
    record DatasetInfo(String name, String folder, Map<String, Integer> classCounts, List<Skip> skippedFiles) {}

    /** How the data was split, with the images on each side. */
    record SplitInfo(String strategy, long seed, int trainSize, int testSize, List<String> sharedPatients,
            List<String> trainImages, List<String> testImages) {}

    /** A file left out, and why. */
    record Skip(String path, String reason) {}

    private static final Map<String, Object> SEED_PUBLISHED = Map.of(
            "source", "github.com/hardiknahata/COVID-19-Detection (Keras VGG16 pretrained on ImageNet)",
            "testSize", 15, "accuracy", 0.93, "sensitivity", 1.00, "specificity", 0.88);

    static RunReport forTraining(List<String> arguments, String engine, FolderDataset loaded,
            TrainTestSplit split, TrainingResult training, EvaluationReport evaluation) {
        XrayDataset dataset = loaded.dataset();
        SplitInfo splitInfo = new SplitInfo(split.strategy().name().toLowerCase(java.util.Locale.ROOT),
                split.seed(), split.train().size(), split.test().size(), List.copyOf(split.sharedPatients()),
                relative(loaded.folder(), split.train()), relative(loaded.folder(), split.test()));
        List<Skip> skipped = new ArrayList<>(skips(training.skipped()));
        skipped.addAll(skips(evaluation.skipped()));
        return new RunReport(toolVersion(), arguments, Instant.now().toString(), engine, info(loaded), splitInfo,
                training.manifest().training(), training.history().epochs(), training.manifest(),
                EvaluationSummary.of(evaluation.evaluation()), skipped, reference(dataset.name()));
    }

    static RunReport forEvaluation(List<String> arguments, ModelManifest model, FolderDataset loaded,
            EvaluationReport evaluation) {
        return new RunReport(toolVersion(), arguments, Instant.now().toString(), model.engine(), info(loaded), null,
                null, List.of(), model, EvaluationSummary.of(evaluation.evaluation()), skips(evaluation.skipped()),
                reference(loaded.dataset().name()));
    }

    /**
     * Writes this report as {@code report.json} into a folder.
     *
     * @param folder the output folder, created if needed
     * @return the written file
     */
    Path write(Path folder) throws IOException {
        Files.createDirectories(folder);
        Path file = folder.resolve("report.json");
        Files.writeString(file, ModelDirectory.gson().toJson(this));
        return file;
    }

    private static String toolVersion() {
        return "cxr4j " + Versions.cxr4j() + " (DJL " + Versions.djl() + ")";
    }

    private static DatasetInfo info(FolderDataset loaded) {
        List<Skip> skipped = loaded.skipped().stream().map(s -> new Skip(s.path().toString(), s.reason())).toList();
        return new DatasetInfo(loaded.dataset().name(), loaded.folder().toAbsolutePath().toString(),
                loaded.dataset().countsPerClass(), skipped);
    }

    private static List<Skip> skips(List<SkippedImage> skipped) {
        return skipped.stream().map(s -> new Skip(s.image().toString(), s.reason())).toList();
    }

    private static List<String> relative(Path root, XrayDataset part) {
        Path base = root.toAbsolutePath();
        return part.samples().stream().map(Sample::image)
                .map(p -> p.toAbsolutePath().startsWith(base) ? base.relativize(p.toAbsolutePath()).toString()
                        : p.toString())
                .toList();
    }

    private static Map<String, Object> reference(String datasetName) {
        return "seed".equals(datasetName) ? SEED_PUBLISHED : Map.of();
    }
}
