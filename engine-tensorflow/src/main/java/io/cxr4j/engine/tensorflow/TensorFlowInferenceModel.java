package io.cxr4j.engine.tensorflow;

import ai.djl.MalformedModelException;
import ai.djl.inference.Predictor;
import ai.djl.modality.Classifications;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ModelNotFoundException;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.translate.TranslateException;
import io.cxr4j.core.engine.GradCamModel;
import io.cxr4j.core.engine.InferenceModel;
import io.cxr4j.core.explain.ClassActivationMap;
import io.cxr4j.core.engine.ProbabilityTranslator;
import io.cxr4j.core.model.ModelManifest;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * A SavedModel loaded through DJL's TensorFlow engine with {@link Criteria} and cxr4j's translator,
 * so TensorFlow models are served exactly as PyTorch ones. Each call uses its own {@link
 * Predictor}, which makes concurrent use safe. Grad-CAM runs in TensorFlow's own graph on the same
 * weights ({@link TensorFlowGradCam}).
 */
final class TensorFlowInferenceModel implements InferenceModel, GradCamModel {

    private final ZooModel<float[], Classifications> model;
    private final TensorFlowGradCam gradCam;

    private TensorFlowInferenceModel(ZooModel<float[], Classifications> model, TensorFlowGradCam gradCam) {
        this.model = model;
        this.gradCam = gradCam;
    }

    static TensorFlowInferenceModel load(ModelManifest manifest, Path directory) throws IOException {
        Path savedModel = SavedModels.folder(manifest, directory);
        TensorFlowRuntime.djlEngine();
        Criteria<float[], Classifications> criteria = Criteria.builder()
                .setTypes(float[].class, Classifications.class)
                .optEngine(TensorFlowRuntime.DJL_ENGINE)
                .optModelPath(savedModel)
                .optTranslator(new ProbabilityTranslator(manifest.classNames(), manifest.preprocessing()))
                .build();
        ZooModel<float[], Classifications> model;
        try {
            model = criteria.loadModel();
        } catch (ModelNotFoundException | MalformedModelException e) {
            throw new IOException("Cannot load the SavedModel of model " + directory + ": " + e.getMessage()
                    + ". The folder may be damaged; retrain the model or restore the directory.", e);
        }
        try {
            return new TensorFlowInferenceModel(model, TensorFlowGradCam.load(manifest, savedModel));
        } catch (IOException | RuntimeException e) {
            model.close();
            throw e;
        }
    }

    @Override
    public List<Classifications> classify(List<float[]> tensors) throws TranslateException {
        try (Predictor<float[], Classifications> predictor = model.newPredictor()) {
            return predictor.batchPredict(tensors);
        }
    }

    @Override
    public ClassActivationMap gradCam(float[] tensor, int classIndex) throws TranslateException {
        return gradCam.compute(tensor, classIndex);
    }

    @Override
    public void close() {
        // Closes the Grad-CAM graph even when closing the DJL model fails.
        try (gradCam) {
            model.close();
        }
    }
}
