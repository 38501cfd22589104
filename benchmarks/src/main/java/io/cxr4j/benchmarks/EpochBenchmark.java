package io.cxr4j.benchmarks;

import io.cxr4j.core.data.XrayDataset;
import io.cxr4j.core.engine.TrainingSession;
import io.cxr4j.core.image.Preprocessor;
import io.cxr4j.core.training.AugmentedBatches;
import io.cxr4j.core.training.ImageCache;
import io.cxr4j.core.training.PreparedImages;
import io.cxr4j.core.config.TrainingConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
 * One training epoch over the real DarkCovidNet images, in seconds per epoch (one invocation is
 * one epoch): does the data pipeline keep the engine busy? Every {@code source} trains the same
 * network on the same images with the same settings:
 *
 * <ul>
 *   <li>{@code files}: decode every file again, then train (no cache: what each epoch would cost
 *       without one);
 *   <li>{@code memory}, {@code disk}: decoded once before measuring and cached on the heap or in a
 *       memory-mapped file; each epoch shuffles, augments and batches with {@code prefetch}
 *       batches made ahead on a background thread (0: on the training thread);
 *   <li>{@code tensors}: the first epoch's finished batches kept as tensors and replayed, the
 *       engine's upper bound with no data work at all.
 * </ul>
 *
 * <p>The target is {@code disk} (and {@code memory}) at 90% or more of the {@code tensors}
 * throughput.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(value = 1, jvmArgsAppend = {"-Dai.djl.offline=true"})
public class EpochBenchmark {

    /** The engine, by name. */
    @Param({"pytorch", "tensorflow"})
    public String engine;

    /** Where each epoch's images come from; see the class documentation. */
    @Param({"files", "memory", "disk", "tensors"})
    public String source;

    /** Batches made ahead of the engine; 0 makes them on the training thread. */
    @Param({"2"})
    public int prefetch;

    /** The input, {@code channels x side}. */
    @Param({"1x224"})
    public String input;

    /**
     * The training computation's number format: float32, or bfloat16 mixed precision (PyTorch
     * engine only; run.sh measures it in a second JMH run restricted to that engine).
     */
    @Param({"float32"})
    public String precision;

    /** Images per epoch; 0 is all 1,124 (smaller values only for smoke runs). */
    @Param({"0"})
    public int images;

    private TrainingConfig config;
    private XrayDataset dataset;
    private Preprocessor preprocessor;
    private AugmentedBatches batches;
    private List<AugmentedBatches.Batch> replay;
    private TrainingSession session;

    /** Loads the list of images, decodes them for the cached sources, builds the network. */
    @Setup(Level.Trial)
    public void setUp() throws IOException {
        config = BenchmarkSupport.config("darkcovidnet", input, 32, precision);
        dataset = BenchmarkSupport.subset(BenchmarkSupport.darkcovidnet(), images);
        preprocessor = new Preprocessor(config.preprocessing());
        switch (source) {
            case "files" -> batches = null;
            case "memory" -> batches = batches(PreparedImages.prepare(dataset, preprocessor));
            case "disk" -> batches = batches(PreparedImages.prepare(dataset, preprocessor,
                    ImageCache.onDisk(Path.of(System.getProperty("java.io.tmpdir")))));
            case "tensors" -> {
                replay = new ArrayList<>();
                batches(PreparedImages.prepare(dataset, preprocessor)).nextEpoch().forEach(replay::add);
            }
            default -> throw new IllegalArgumentException("Unknown source '" + source
                    + "'; use files, memory, disk or tensors");
        }
        session = BenchmarkSupport.openSession(engine, config, dataset);
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
        Iterable<AugmentedBatches.Batch> epoch;
        if (replay != null) {
            epoch = replay;
        } else {
            AugmentedBatches source = batches != null ? batches
                    : batches(PreparedImages.prepare(dataset, preprocessor));
            epoch = prefetch == 0 ? source.nextEpoch() : source.nextEpoch(prefetch);
        }
        double loss = 0;
        for (AugmentedBatches.Batch batch : epoch) {
            loss += session.step(batch);
        }
        return loss;
    }

    private AugmentedBatches batches(PreparedImages prepared) {
        return new AugmentedBatches(prepared, preprocessor, config.augmentation(), config.batchSize(),
                config.seed(), true);
    }
}
