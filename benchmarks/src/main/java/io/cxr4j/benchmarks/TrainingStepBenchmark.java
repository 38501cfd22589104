package io.cxr4j.benchmarks;

import io.cxr4j.core.engine.TrainingSession;
import io.cxr4j.core.training.AugmentedBatches;
import io.cxr4j.core.config.TrainingConfig;
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
 * One full training step (forward, loss, backward, Adam update) on a batch already in memory, in
 * milliseconds per step; images per second is {@code batchSize * 1000 / score}. The batch is the
 * same seeded random tensor for every engine, and the settings are the project's (balanced class
 * weights over three classes, Adam at the default learning rate).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 10)
@Fork(value = 1, jvmArgsAppend = {"-Dai.djl.offline=true"})
public class TrainingStepBenchmark {

    // DarkCovidNet's class sizes (COVID-19, no findings, pneumonia): the class weights of a real run.
    private static final int[] CLASS_COUNTS = {125, 500, 500};

    /** The engine, by name. */
    @Param({"pytorch", "tensorflow"})
    public String engine;

    /** The network. */
    @Param({"darkcovidnet"})
    public String architecture;

    /**
     * The input, {@code channels x side}: 1x224 against 3x224 measures one gray channel against
     * gray repeated in three; 3x256 is DarkCovidNet's published input.
     */
    @Param({"1x224", "3x224", "3x256"})
    public String input;

    /**
     * The training computation's number format: float32, or bfloat16 mixed precision (PyTorch
     * engine only; run.sh measures it in a second JMH run restricted to that engine).
     */
    @Param({"float32"})
    public String precision;

    /** Images per step. */
    @Param({"32"})
    public int batchSize;

    private TrainingSession session;
    private AugmentedBatches.Batch batch;

    /** Builds the network and its optimizer, and the batch. */
    @Setup(Level.Trial)
    public void setUp() {
        TrainingConfig config = BenchmarkSupport.config(architecture, input, batchSize, precision);
        session = BenchmarkSupport.engine(engine).openTrainingSession(config, CLASS_COUNTS);
        batch = BenchmarkSupport.randomBatch(config.preprocessing(), batchSize, CLASS_COUNTS.length);
    }

    /** Releases the network. */
    @TearDown(Level.Trial)
    public void tearDown() {
        if (session != null) {
            session.close();
        }
    }

    /**
     * One step.
     *
     * @return the loss, which also waits for the engine to finish the step
     */
    @Benchmark
    public float step() {
        return session.step(batch);
    }
}
