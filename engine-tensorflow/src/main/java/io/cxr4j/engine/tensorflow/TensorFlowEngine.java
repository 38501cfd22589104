package io.cxr4j.engine.tensorflow;

import io.cxr4j.core.engine.CxrEngine;
import io.cxr4j.core.engine.InferenceModel;
import io.cxr4j.core.engine.NetworkInputs;
import io.cxr4j.core.engine.TrainingSession;
import io.cxr4j.core.model.ModelManifest;
import io.cxr4j.core.model.OutputLock;
import io.cxr4j.core.model.NeutralWeights;
import io.cxr4j.core.model.Provenance;
import io.cxr4j.core.config.Precision;
import io.cxr4j.core.config.TrainingConfig;
import io.cxr4j.core.training.TrainingRequest;
import io.cxr4j.core.training.TrainingResult;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Set;

/**
 * The TensorFlow engine: trains in TensorFlow Java graph mode (DJL's TensorFlow engine cannot
 * train) and serves the exported SavedModel with DJL's {@code Predictor} on TensorFlow. The native
 * library comes from the {@code tensorflow-core-native} jar on the classpath and is never
 * downloaded. Registered for {@link java.util.ServiceLoader}.
 */
public final class TensorFlowEngine implements CxrEngine {

    /** The name users select this engine by. */
    public static final String NAME = "tensorflow";

    /** Creates the engine; native code is loaded only when it is first used. */
    public TensorFlowEngine() {
        // ServiceLoader needs a public no-argument constructor.
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String artifactId() {
        return "cxr4j-engine-tensorflow";
    }

    @Override
    public Set<String> architectures() {
        return Architectures.names();
    }

    @Override
    public int minimumImageSize(String architecture) {
        return NetworkInputs.minimumImageSize(architecture);
    }

    /** Also refuses mixed precision, which only the PyTorch engine implements. */
    @Override
    public void checkTrainable(TrainingConfig config) {
        CxrEngine.super.checkTrainable(config);
        if (config.precision() != Precision.FLOAT32) {
            throw new IllegalArgumentException("The TensorFlow engine trains in float32 only; " + config.precision()
                    + " mixed precision is implemented by the PyTorch engine. Train with --precision float32, or"
                    + " with --engine pytorch.");
        }
    }

    @Override
    public TrainingResult train(TrainingRequest request) throws IOException {
        checkTrainable(request.config());
        try (OutputLock claimed = request.claimModelDirectory()) {
            return new TensorFlowTraining(request).run();
        }
    }

    @Override
    public InferenceModel load(ModelManifest manifest, Path modelDirectory) throws IOException {
        return TensorFlowInferenceModel.load(manifest, modelDirectory);
    }

    @Override
    public TrainingSession openTrainingSession(TrainingConfig config, int[] classCounts) {
        checkTrainable(config);
        return TensorFlowTrainingSession.open(config, classCounts);
    }

    @Override
    public NeutralWeights exportWeights(ModelManifest manifest, Path modelDirectory) throws IOException {
        return TensorFlowWeights.export(manifest, modelDirectory);
    }

    @Override
    public ModelManifest writeModel(ModelManifest source, Provenance.Conversion conversion, NeutralWeights weights,
            Path modelDirectory) throws IOException {
        return TensorFlowWeights.write(source, conversion, weights, modelDirectory);
    }
}
