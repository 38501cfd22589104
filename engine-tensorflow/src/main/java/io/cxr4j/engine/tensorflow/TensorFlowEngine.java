package io.cxr4j.engine.tensorflow;

import io.cxr4j.core.config.Precision;
import io.cxr4j.core.config.TrainingConfig;
import io.cxr4j.core.engine.EngineBackend;
import io.cxr4j.core.engine.InferenceModel;
import io.cxr4j.core.engine.TrainingNetwork;
import io.cxr4j.core.engine.TrainingPlan;
import io.cxr4j.core.engine.TrainingSession;
import io.cxr4j.core.engine.UnsupportedPrecisionException;
import io.cxr4j.core.model.ModelManifest;
import io.cxr4j.core.model.NeutralWeights;
import java.io.IOException;
import java.nio.file.Path;
import org.tensorflow.TensorFlow;

/**
 * The TensorFlow engine: trains in TensorFlow Java graph mode (DJL's TensorFlow engine cannot
 * train) and serves the exported SavedModel with DJL's {@code Predictor} on TensorFlow. The native
 * library comes from the {@code tensorflow-core-native} jar on the classpath and is never
 * downloaded. Found through {@link TensorFlowEngineProvider}.
 */
final class TensorFlowEngine implements EngineBackend {

    /** The name users select this engine by. */
    static final String NAME = "tensorflow";

    @Override
    public String engineVersion() {
        TensorFlowRuntime.loadNatives();
        return "TensorFlow " + TensorFlow.version();
    }

    /** Refuses mixed precision, which only the PyTorch engine implements. */
    @Override
    public void checkTrainable(TrainingConfig config) {
        if (config.precision() != Precision.FLOAT32) {
            throw new UnsupportedPrecisionException(NAME, config.precision(), "The TensorFlow engine trains in"
                    + " float32 only; " + config.precision() + " mixed precision is implemented by the PyTorch engine."
                    + " Train with Precision.FLOAT32 (TrainingConfig.Builder.optPrecision), or with the pytorch"
                    + " engine.");
        }
    }

    @Override
    public TrainingNetwork startTraining(TrainingPlan plan) throws IOException {
        return TensorFlowTrainingNetwork.start(plan);
    }

    @Override
    public TrainingSession openTrainingSession(TrainingConfig config, int[] classCounts) {
        return TensorFlowTrainingSession.open(config, classCounts);
    }

    @Override
    public InferenceModel load(ModelManifest manifest, Path modelDirectory) throws IOException {
        return TensorFlowInferenceModel.load(manifest, modelDirectory);
    }

    @Override
    public NeutralWeights exportWeights(ModelManifest manifest, Path modelDirectory) throws IOException {
        return TensorFlowWeights.export(manifest, modelDirectory);
    }

    @Override
    public String importWeights(ModelManifest manifest, NeutralWeights weights, Path staging) throws IOException {
        return TensorFlowWeights.write(manifest, weights, staging);
    }
}
