package io.cxr4j.engine.pytorch;

import ai.djl.engine.Engine;
import io.cxr4j.core.config.Precision;
import io.cxr4j.core.config.TrainingConfig;
import io.cxr4j.core.engine.EngineBackend;
import io.cxr4j.core.engine.InferenceModel;
import io.cxr4j.core.engine.NativeCaches;
import io.cxr4j.core.engine.TrainingNetwork;
import io.cxr4j.core.engine.TrainingPlan;
import io.cxr4j.core.engine.TrainingSession;
import io.cxr4j.core.model.ModelManifest;
import io.cxr4j.core.model.NeutralWeights;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The PyTorch engine: trains with DJL's {@code Trainer} and serves with DJL's {@code Predictor} on
 * libtorch, whose native library comes from the {@code pytorch-native-cpu} jar on the classpath.
 * Found through {@link PyTorchEngineProvider}.
 */
final class PyTorchEngine implements EngineBackend {

    /** The name users select this engine by. */
    static final String NAME = "pytorch";

    static final String DJL_ENGINE = "PyTorch";

    @Override
    public String engineVersion() {
        return "PyTorch " + djlEngine().getVersion();
    }

    /**
     * Checks, for bfloat16, that libtorch's bfloat16 kernels compute correctly on this processor
     * ({@link PyTorchKnownAnswer}); this loads the native library.
     *
     * @throws io.cxr4j.core.engine.KnownAnswerException when they do not: bfloat16 is refused
     */
    @Override
    public void checkTrainable(TrainingConfig config) {
        if (config.precision() == Precision.BFLOAT16) {
            djlEngine();
            PyTorchKnownAnswer.requireBfloat16();
        }
    }

    @Override
    public TrainingNetwork startTraining(TrainingPlan plan) throws IOException {
        return PyTorchTrainingNetwork.start(plan);
    }

    @Override
    public TrainingSession openTrainingSession(TrainingConfig config, int[] classCounts) {
        return PyTorchTrainingSession.open(config, classCounts);
    }

    @Override
    public InferenceModel load(ModelManifest manifest, Path modelDirectory) throws IOException {
        return PyTorchInferenceModel.load(manifest, modelDirectory);
    }

    @Override
    public NeutralWeights exportWeights(ModelManifest manifest, Path modelDirectory) throws IOException {
        return PyTorchWeights.export(manifest, modelDirectory);
    }

    @Override
    public String importWeights(ModelManifest manifest, NeutralWeights weights, Path staging) throws IOException {
        return PyTorchWeights.write(manifest, weights, staging);
    }

    /**
     * DJL's PyTorch engine, started offline. Without {@code ai.djl.offline=true} DJL would try to
     * download natives and contact a metadata address at start; cxr4j never lets it, unless the
     * user has set the property explicitly. libtorch is unpacked into a per-user folder ({@link
     * NativeCaches}). libtorch's OpenMP threads are set to sleep while idle first ({@link
     * OpenMpSettings}), NNPACK is switched off ({@link Nnpack}), and its float32 kernels must pass
     * the known-answer check ({@link PyTorchKnownAnswer}) before anything is computed with them.
     *
     * @return the started engine
     * @throws io.cxr4j.core.engine.KnownAnswerException when libtorch miscomputes on this processor
     */
    static Engine djlEngine() {
        NativeCaches.configure();
        if (System.getProperty("ai.djl.offline") == null) {
            System.setProperty("ai.djl.offline", "true");
        }
        OpenMpSettings.beforeLoadingLibtorch();
        Engine engine = Engine.getEngine(DJL_ENGINE);
        Nnpack.disable();
        PyTorchKnownAnswer.requireFloat32();
        return engine;
    }
}
