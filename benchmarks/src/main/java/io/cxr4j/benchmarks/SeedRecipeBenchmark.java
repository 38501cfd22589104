package io.cxr4j.benchmarks;

import io.cxr4j.core.config.ClassWeighting;
import io.cxr4j.core.config.LearningRateSchedule;
import io.cxr4j.core.config.TrainingConfig;
import io.cxr4j.core.data.XrayDataset;
import io.cxr4j.core.engine.Networks;
import io.cxr4j.core.engine.TrainingSession;
import io.cxr4j.core.image.AugmentationSpec;
import io.cxr4j.core.image.Preprocessor;
import io.cxr4j.core.split.SplitStrategy;
import io.cxr4j.core.split.Splits;
import io.cxr4j.core.training.AugmentedBatches;
import io.cxr4j.core.training.PreparedImages;
import io.cxr4j.dataset.DatasetRegistry;
import io.cxr4j.dataset.LabelMap;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
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
 * One training epoch of the seed project's recipe, in seconds per epoch (one invocation is one
 * epoch; the seed trained 25): {@code vgg16} with its five blocks frozen and the seed's head, the
 * 35 training images of the seed set's 70/30 image split stretched to 3x224, batch 8, Adam 1e-3,
 * unweighted loss, the seed's augmentation ({@link AugmentationSpec#seedProject()}: rotation up to
 * 10 degrees, bilinear, nearest-edge fill) drawn for every batch. The frozen base holds the
 * engine's seeded random values instead of the ImageNet weights, which cost the same to compute;
 * images are decoded once before measuring. The session steps at the base rate: Keras's decay
 * ({@link LearningRateSchedule#KERAS_DECAY}, set in the configuration as the recipe has it) only
 * changes one number per step.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(value = 1, jvmArgsAppend = {"-Dai.djl.offline=true"})
public class SeedRecipeBenchmark {

    /** The engine, by name. */
    @Param({"pytorch", "tensorflow"})
    public String engine;

    /** How many of VGG16's blocks stay frozen: 5 is the seed's recipe, 4 fine-tunes block 5. */
    @Param({"5"})
    public int frozenBlocks;

    private AugmentedBatches batches;
    private TrainingSession session;

    /** Decodes the seed set's training images and builds the network. */
    @Setup(Level.Trial)
    public void setUp() throws IOException {
        TrainingConfig config = BenchmarkSupport.config(Networks.VGG16, "3x224", 8, "float32").toBuilder()
                .optFrozenBlocks(frozenBlocks)
                .optAugmentation(AugmentationSpec.seedProject())
                .optSchedule(LearningRateSchedule.KERAS_DECAY)
                .optClassWeighting(ClassWeighting.NONE)
                .optEpochs(25)
                .build();
        XrayDataset seed = DatasetRegistry.create().load(DatasetRegistry.SEED, LabelMap.binary()).dataset();
        XrayDataset train = Splits.trainTest(seed, 0.3, BenchmarkSupport.SEED, SplitStrategy.IMAGE).train();
        Preprocessor preprocessor = new Preprocessor(config.preprocessing());
        batches = new AugmentedBatches(PreparedImages.prepare(train, preprocessor), preprocessor,
                config.augmentation(), config.batchSize(), config.seed(), true);
        session = BenchmarkSupport.openSession(engine, config, train);
    }

    /** Releases the network. */
    @TearDown(Level.Trial)
    public void tearDown() {
        if (session != null) {
            session.close();
        }
    }

    /**
     * One epoch.
     *
     * @return the sum of the batches' losses, so no step can be optimised away
     */
    @Benchmark
    public double epoch() {
        double loss = 0;
        for (AugmentedBatches.Batch batch : batches.nextEpoch(2)) {
            loss += session.step(batch);
        }
        return loss;
    }
}
