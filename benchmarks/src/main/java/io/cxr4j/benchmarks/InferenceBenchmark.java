package io.cxr4j.benchmarks;

import ai.djl.modality.Classifications;
import ai.djl.translate.TranslateException;
import io.cxr4j.core.data.XrayDataset;
import io.cxr4j.core.engine.CxrEngine;
import io.cxr4j.core.engine.InferenceModel;
import io.cxr4j.core.image.Preprocessor;
import io.cxr4j.core.data.Prediction;
import io.cxr4j.core.inference.XrayClassifier;
import io.cxr4j.core.io.FileTrees;
import io.cxr4j.core.config.TrainingConfig;
import io.cxr4j.core.model.ModelDirectory;
import io.cxr4j.core.training.TrainingRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Inference of a DarkCovidNet model: the latency of one image from file to probabilities, the
 * network alone on one preprocessed tensor, and throughput at batch 32. The model is trained for
 * one epoch on a few real images before measuring: the weights' values do not change the cost.
 */
@State(Scope.Benchmark)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 5)
@Fork(value = 1, jvmArgsAppend = {"-Dai.djl.offline=true"})
public class InferenceBenchmark {

    private static final int BATCH = 32;

    /** The engine, by name. */
    @Param({"pytorch", "tensorflow"})
    public String engine;

    /** The network. */
    @Param({"darkcovidnet"})
    public String architecture;

    /**
     * The input, {@code channels x side}: 1x224, the input of the latency target, by
     * default; {@code -p input=3x224,3x256} adds gray repeated in three channels and DarkCovidNet's
     * published input.
     */
    @Param({"1x224"})
    public String input;

    private Path modelDirectory;
    private XrayClassifier classifier;
    private InferenceModel model;
    private List<Path> files;
    private List<float[]> tensors;
    private int position;

    /** Trains the model, loads it twice (for the classifier and the bare network), preprocesses. */
    @Setup(Level.Trial)
    public void setUp() throws IOException {
        CxrEngine cxrEngine = BenchmarkSupport.engine(engine);
        XrayDataset all = BenchmarkSupport.darkcovidnet();
        XrayDataset few = BenchmarkSupport.subset(all, 16);
        TrainingConfig config = BenchmarkSupport.config(architecture, input, 8, "float32");
        modelDirectory = Files.createTempDirectory("cxr4j-bench-model-");
        Path model = modelDirectory.resolve("model");
        cxrEngine.train(TrainingRequest.of(few, null, config, model));
        classifier = XrayClassifier.load(model, cxrEngine);
        this.model = cxrEngine.load(classifier.manifest(), model);
        files = new ArrayList<>(all.samples().stream().map(s -> s.image()).toList());
        Collections.shuffle(files, new java.util.Random(BenchmarkSupport.SEED));
        Preprocessor preprocessor = new Preprocessor(config.preprocessing());
        tensors = new ArrayList<>();
        for (Path file : files.subList(0, BATCH)) {
            tensors.add(preprocessor.preprocess(file));
        }
    }

    /** Releases the models and deletes the model folder. */
    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        if (model != null) {
            model.close();
        }
        if (classifier != null) {
            classifier.close();
        }
        if (modelDirectory != null) {
            FileTrees.deleteRecursively(modelDirectory);
        }
    }

    /**
     * One image file to class probabilities: decode, resize, normalise, network, softmax. Walks
     * the 1,124 files so the file cache, not one hot image, is measured.
     *
     * @return the prediction
     */
    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public Prediction endToEnd() throws IOException {
        return classifier.predict(files.get(position++ % files.size()));
    }

    /**
     * The network alone (with the engine's tensor copy and softmax) on one preprocessed image.
     *
     * @return the probabilities
     */
    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public List<Classifications> forward() throws TranslateException {
        return model.classify(tensors.subList(0, 1));
    }

    /**
     * Batches of 32 preprocessed images; the score is images per second.
     *
     * @return the probabilities
     */
    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    @OperationsPerInvocation(BATCH)
    public List<Classifications> batch32() throws TranslateException {
        return model.classify(tensors);
    }
}
