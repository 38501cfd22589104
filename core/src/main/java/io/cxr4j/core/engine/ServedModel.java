package io.cxr4j.core.engine;

import ai.djl.inference.Predictor;
import ai.djl.modality.Classifications;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.translate.TranslateException;
import io.cxr4j.core.explain.ClassActivationMap;
import io.cxr4j.core.model.ModelManifest;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * A model an engine serves through DJL: each call uses its own {@link Predictor}, which makes
 * concurrent use safe, and Grad-CAM is computed by the engine on the same weights. Engines load
 * the {@link ZooModel} from {@link #criteria} with their own options and wrap it in this class.
 */
public final class ServedModel implements InferenceModel, GradCamModel {

    private final ZooModel<float[], Classifications> model;
    private final GradCamModel gradCam;
    private final Runnable closeGradCam;

    /**
     * Wraps a loaded model.
     *
     * @param model the loaded DJL model, owned by this object from now on
     * @param gradCam computes Grad-CAM on the same weights
     * @param closeGradCam releases what {@code gradCam} holds; runs even when closing the model fails
     */
    public ServedModel(ZooModel<float[], Classifications> model, GradCamModel gradCam, Runnable closeGradCam) {
        this.model = Objects.requireNonNull(model, "model");
        this.gradCam = Objects.requireNonNull(gradCam, "gradCam");
        this.closeGradCam = Objects.requireNonNull(closeGradCam, "closeGradCam");
    }

    /**
     * The criteria every engine loads a cxr4j model with: float tensors in, class probabilities out
     * through {@link ProbabilityTranslator}, so that all engines turn logits into probabilities the
     * same way.
     *
     * @param djlEngine DJL's name of the engine, such as {@code PyTorch}
     * @param modelPath the folder DJL loads from
     * @param manifest the model's manifest: classes and preprocessing
     * @return the builder, for the engine's own options
     */
    public static Criteria.Builder<float[], Classifications> criteria(String djlEngine, Path modelPath,
            ModelManifest manifest) {
        return Criteria.builder()
                .setTypes(float[].class, Classifications.class)
                .optEngine(djlEngine)
                .optModelPath(modelPath)
                .optTranslator(new ProbabilityTranslator(manifest.classNames(), manifest.preprocessing()));
    }

    /** @return the loaded DJL model */
    public ZooModel<float[], Classifications> model() {
        return model;
    }

    @Override
    public List<Classifications> classify(List<float[]> tensors) throws TranslateException {
        try (Predictor<float[], Classifications> predictor = model.newPredictor()) {
            return predictor.batchPredict(tensors);
        }
    }

    @Override
    public ClassActivationMap gradCam(float[] tensor, int classIndex) throws TranslateException {
        return gradCam.gradCam(tensor, classIndex);
    }

    @Override
    public void close() {
        try {
            model.close();
        } finally {
            closeGradCam.run();
        }
    }
}
