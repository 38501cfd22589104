package io.cxr4j.benchmarks;

import io.cxr4j.core.config.TrainingConfig;
import io.cxr4j.core.data.XrayDataset;
import io.cxr4j.core.engine.CxrEngine;
import io.cxr4j.core.engine.Networks;
import io.cxr4j.core.engine.TrainingPlan;
import io.cxr4j.core.image.AugmentationSpec;
import io.cxr4j.core.model.BaseWeights;
import io.cxr4j.core.model.WeightsFile;
import io.cxr4j.core.split.SplitStrategy;
import io.cxr4j.core.split.Splits;
import io.cxr4j.core.split.TrainTestSplit;
import io.cxr4j.core.training.TrainingRequest;
import io.cxr4j.dataset.DatasetRegistry;
import io.cxr4j.dataset.LabelMap;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A whole training run of the seed project's recipe without augmentation, in seconds per run
 * (one invocation is one run of 3 epochs, each with its validation pass): {@code vgg16} with its
 * five blocks frozen, the seed set's 70/30 image split (35 training and 15 validation images) at
 * 3x224, batch 8, with and without the frozen base's features computed once ({@link
 * TrainingPlan#cachesBaseFeatures}). The base holds seeded random values instead of the ImageNet
 * weights, which cost the same to compute. Each run decodes its images, as a real one does.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 0)
@Measurement(iterations = 1)
@Fork(value = 1, jvmArgsAppend = {"-Dai.djl.offline=true"})
public class BaseFeatureCacheBenchmark {

    /** The engine, by name. */
    @Param({"pytorch", "tensorflow"})
    public String engine;

    /** Whether the frozen base's features are computed once. */
    @Param({"true", "false"})
    public boolean cache;

    private CxrEngine cxr;
    private TrainTestSplit split;
    private TrainingConfig config;
    private BaseWeights base;
    private Path output;

    /** Loads and splits the seed set and makes the base. */
    @Setup(Level.Trial)
    public void setUp() throws IOException {
        System.setProperty(TrainingPlan.BASE_FEATURE_CACHE_PROPERTY, Boolean.toString(cache));
        cxr = BenchmarkSupport.engine(engine);
        XrayDataset seed = DatasetRegistry.create().load(DatasetRegistry.SEED, LabelMap.binary()).dataset();
        split = Splits.trainTest(seed, 0.3, BenchmarkSupport.SEED, SplitStrategy.IMAGE);
        config = BenchmarkSupport.config(Networks.VGG16, "3x224", 8, "float32").toBuilder()
                .optEpochs(3)
                .optFrozenBlocks(5)
                .optAugmentation(AugmentationSpec.none())
                .build();
        base = BaseWeights.seededRandom(Networks.VGG16, Networks.VGG16_BLOCKS, 3, BenchmarkSupport.SEED,
                new WeightsFile("vgg16-seeded-random.h5", "0".repeat(64)));
        output = Files.createTempDirectory("cxr4j-feature-cache");
    }

    /** Deletes the models written. */
    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        try (Stream<Path> files = Files.walk(output)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }

    /**
     * One training run.
     *
     * @return the last epoch's training loss, so the run cannot be optimised away
     * @throws IOException when the images or the model cannot be read or written
     */
    @Benchmark
    public double trainingRun() throws IOException {
        Path model = Files.createTempDirectory(output, "model");
        Files.delete(model);
        return cxr.train(TrainingRequest.of(split.train(), split.test(), config, model).withBaseWeights(base))
                .history().epochs().get(config.epochs() - 1).trainLoss();
    }
}
