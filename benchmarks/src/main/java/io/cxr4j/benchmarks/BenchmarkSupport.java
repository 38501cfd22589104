package io.cxr4j.benchmarks;

import io.cxr4j.core.data.Sample;
import io.cxr4j.core.data.XrayDataset;
import io.cxr4j.core.engine.CxrEngine;
import io.cxr4j.core.engine.EngineNotFoundException;
import io.cxr4j.core.engine.Engines;
import io.cxr4j.core.engine.TrainingSession;
import io.cxr4j.core.image.AugmentationSpec;
import io.cxr4j.core.image.PreprocessingSpec;
import io.cxr4j.core.image.ResizeMode;
import io.cxr4j.core.training.AugmentedBatches;
import io.cxr4j.core.config.ClassWeighting;
import io.cxr4j.core.config.Precision;
import io.cxr4j.core.config.TrainingConfig;
import io.cxr4j.dataset.DatasetRegistry;
import io.cxr4j.dataset.LabelMap;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.stream.Stream;

/**
 * What every benchmark shares: the data from {@code CXR4J_DATA_DIR}, engines chosen by name, and
 * the training settings, so that all engines are measured on identical inputs and settings.
 */
final class BenchmarkSupport {

    /** The seed of every benchmark: weights, shuffling, augmentation and synthetic batches. */
    static final long SEED = 42;

    private BenchmarkSupport() {}

    /**
     * A training session on a data set, with its class counts (for class weights).
     *
     * @param engine the engine's name
     * @param config the training settings
     * @param dataset the training images
     * @return the open session; the caller closes it
     */
    static TrainingSession openSession(String engine, TrainingConfig config, XrayDataset dataset) {
        int[] counts = new int[dataset.classNames().size()];
        dataset.samples().forEach(s -> counts[dataset.classIndex(s)]++);
        return engine(engine).openTrainingSession(config, counts);
    }

    /**
     * The engine with this name, or a failure that says how to put it on the classpath.
     *
     * @param name an engine name such as {@code pytorch} or {@code tensorflow}
     */
    static CxrEngine engine(String name) {
        try {
            return Engines.select(name);
        } catch (EngineNotFoundException e) {
            throw new IllegalStateException("Engine '" + name + "' is not in benchmarks.jar: add the"
                    + " dependency io.cxr4j:cxr4j-engine-" + name.toLowerCase(Locale.ROOT)
                    + " (scope runtime) to benchmarks/pom.xml and rebuild. (" + e.getMessage() + ")", e);
        }
    }

    /** The DarkCovidNet data set with its three classes, from {@code CXR4J_DATA_DIR}. */
    static XrayDataset darkcovidnet() {
        try {
            return DatasetRegistry.create().load(DatasetRegistry.DARKCOVIDNET, LabelMap.threeClass()).dataset();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot load the darkcovidnet images; set CXR4J_DATA_DIR to the folder"
                    + " that holds darkcovidnet/: " + e.getMessage(), e);
        }
    }

    /**
     * The first {@code count} images of a data set in a seeded shuffled order, so that a subset
     * (for short runs) still mixes the classes; all of them when {@code count} is 0 or larger.
     */
    static XrayDataset subset(XrayDataset dataset, int count) {
        List<Sample> samples = new ArrayList<>(dataset.samples());
        java.util.Collections.shuffle(samples, new Random(SEED));
        if (count <= 0 || count >= samples.size()) {
            return dataset.withSamples(dataset.name(), samples);
        }
        return dataset.withSamples(dataset.name() + "-" + count, samples.subList(0, count));
    }

    /**
     * Image files under a folder of {@code CXR4J_DATA_DIR} whose names end with one of the
     * extensions, sorted.
     */
    static List<Path> files(String folder, String... extensions) {
        Path root = dataDirectory().resolve(folder);
        try (Stream<Path> walk = Files.walk(root)) {
            List<Path> found = walk.filter(Files::isRegularFile)
                    .filter(p -> Stream.of(extensions).anyMatch(
                            e -> p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(e)))
                    .sorted()
                    .toList();
            if (found.isEmpty()) {
                throw new IllegalStateException("No " + List.of(extensions) + " files under " + root);
            }
            return found;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + root + "; set CXR4J_DATA_DIR: " + e.getMessage(), e);
        }
    }

    static Path dataDirectory() {
        String dir = System.getenv("CXR4J_DATA_DIR");
        if (dir == null || dir.isBlank()) {
            throw new IllegalStateException("Set CXR4J_DATA_DIR to the folder that holds darkcovidnet/"
                    + " and full-resolution/");
        }
        return Path.of(dir);
    }

    /**
     * The input of a benchmark network, written as {@code CxS} such as {@code 1x224}.
     *
     * @param input channels and side, e.g. {@code 3x256}
     */
    static PreprocessingSpec spec(String input) {
        String[] parts = input.split("x");
        return new PreprocessingSpec(Integer.parseInt(parts[1]), Integer.parseInt(parts[0]),
                ResizeMode.STRETCH, 0f, 1f);
    }

    /**
     * The project's training settings for an architecture, input, batch size and precision ({@code
     * float32} or {@code bfloat16}).
     */
    static TrainingConfig config(String architecture, String input, int batchSize, String precision) {
        return TrainingConfig.builder()
                .optPrecision(Precision.valueOf(precision.toUpperCase(Locale.ROOT)))
                .optArchitecture(architecture)
                .optPreprocessing(spec(input))
                .optBatchSize(batchSize)
                .optEpochs(1)
                .optSeed(SEED)
                .optClassWeighting(ClassWeighting.BALANCED)
                .optAugmentation(AugmentationSpec.defaults())
                .build();
    }

    /**
     * A seeded random batch of the given input, values in [0, 1], classes cycling through {@code
     * classes}: the in-memory tensors of the training-step benchmark.
     */
    static AugmentedBatches.Batch randomBatch(PreprocessingSpec spec, int batchSize, int classes) {
        Random random = new Random(SEED);
        float[] data = new float[batchSize * spec.tensorLength()];
        for (int i = 0; i < data.length; i++) {
            data[i] = random.nextFloat();
        }
        int[] labels = new int[batchSize];
        List<Integer> indices = new ArrayList<>();
        for (int i = 0; i < batchSize; i++) {
            labels[i] = i % classes;
            indices.add(i);
        }
        return new AugmentedBatches.Batch(data, labels, indices);
    }
}
