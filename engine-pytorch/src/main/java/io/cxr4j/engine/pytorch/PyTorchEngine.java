package io.cxr4j.engine.pytorch;

import ai.djl.engine.Engine;
import io.cxr4j.core.engine.CxrEngine;
import io.cxr4j.core.engine.InferenceModel;
import io.cxr4j.core.engine.NativeCaches;
import io.cxr4j.core.engine.NetworkInputs;
import io.cxr4j.core.engine.TrainingSession;
import io.cxr4j.core.model.ModelManifest;
import io.cxr4j.core.model.OutputLock;
import io.cxr4j.core.config.Precision;
import io.cxr4j.core.config.TrainingConfig;
import io.cxr4j.core.model.NeutralWeights;
import io.cxr4j.core.model.Provenance;
import io.cxr4j.core.training.TrainingRequest;
import io.cxr4j.core.training.TrainingResult;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Set;

/**
 * The PyTorch engine: trains with DJL's {@code Trainer} and serves with DJL's {@code Predictor} on
 * libtorch, whose native library comes from the {@code pytorch-native-cpu} jar on the classpath.
 * Registered for {@link java.util.ServiceLoader}.
 */
public final class PyTorchEngine implements CxrEngine {

    /** The name users select this engine by. */
    public static final String NAME = "pytorch";

    static final String DJL_ENGINE = "PyTorch";

    /** Creates the engine; native code is loaded only when it is first used. */
    public PyTorchEngine() {
        // ServiceLoader needs a public no-argument constructor.
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String artifactId() {
        return "cxr4j-engine-pytorch";
    }

    @Override
    public Set<String> architectures() {
        return Architectures.names();
    }

    @Override
    public int minimumImageSize(String architecture) {
        return NetworkInputs.minimumImageSize(architecture);
    }

    /**
     * Also checks, for bfloat16, that libtorch's bfloat16 kernels compute correctly on this
     * processor ({@link PyTorchKnownAnswer}); this loads the native library.
     *
     * @throws io.cxr4j.core.engine.KnownAnswerException when they do not: bfloat16 is refused
     */
    @Override
    public void checkTrainable(TrainingConfig config) {
        CxrEngine.super.checkTrainable(config);
        if (config.precision() == Precision.BFLOAT16) {
            djlEngine();
            PyTorchKnownAnswer.requireBfloat16();
        }
    }

    @Override
    public TrainingResult train(TrainingRequest request) throws IOException {
        checkTrainable(request.config());
        try (OutputLock claimed = request.claimModelDirectory()) {
            return new PyTorchTraining(request).run();
        }
    }

    @Override
    public InferenceModel load(ModelManifest manifest, Path modelDirectory) throws IOException {
        return PyTorchInferenceModel.load(manifest, modelDirectory);
    }

    @Override
    public TrainingSession openTrainingSession(TrainingConfig config, int[] classCounts) {
        checkTrainable(config);
        return PyTorchTrainingSession.open(config, classCounts);
    }

    @Override
    public NeutralWeights exportWeights(ModelManifest manifest, Path modelDirectory) throws IOException {
        return PyTorchWeights.export(manifest, modelDirectory);
    }

    @Override
    public ModelManifest writeModel(ModelManifest source, Provenance.Conversion conversion, NeutralWeights weights,
            Path modelDirectory) throws IOException {
        return PyTorchWeights.write(source, conversion, weights, modelDirectory);
    }

    /**
     * DJL's PyTorch engine, started offline. Without {@code ai.djl.offline=true} DJL would try to
     * download natives and contact a metadata address at start; cxr4j never lets it, unless the
     * user has set the property explicitly. libtorch is unpacked into a per-user folder ({@link
     * NativeCaches}). libtorch's OpenMP threads are set to sleep while idle
     * first ({@link OpenMpSettings}), NNPACK is switched off ({@link Nnpack}), and its float32 kernels must pass the known-answer check
     * ({@link PyTorchKnownAnswer}) before anything is computed with them.
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
