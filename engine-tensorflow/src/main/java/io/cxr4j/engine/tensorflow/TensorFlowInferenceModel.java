package io.cxr4j.engine.tensorflow;

import ai.djl.MalformedModelException;
import ai.djl.modality.Classifications;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ModelNotFoundException;
import ai.djl.repository.zoo.ZooModel;
import io.cxr4j.core.engine.ServedModel;
import io.cxr4j.core.model.ModelManifest;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Loads a SavedModel through DJL's TensorFlow engine with {@link Criteria} and cxr4j's translator,
 * served as a {@link ServedModel} exactly as PyTorch models are. Grad-CAM runs in TensorFlow's own
 * graph on the same weights ({@link TensorFlowGradCam}).
 */
final class TensorFlowInferenceModel {

    private TensorFlowInferenceModel() {}

    static ServedModel load(ModelManifest manifest, Path directory) throws IOException {
        Path savedModel = SavedModels.folder(manifest, directory);
        TensorFlowRuntime.djlEngine();
        Criteria<float[], Classifications> criteria = ServedModel.criteria(TensorFlowRuntime.DJL_ENGINE, savedModel,
                manifest).build();
        ZooModel<float[], Classifications> model;
        try {
            model = criteria.loadModel();
        } catch (ModelNotFoundException | MalformedModelException e) {
            throw new IOException("Cannot load the SavedModel of model " + directory + ": " + e.getMessage()
                    + ". The folder may be damaged; retrain the model or restore the directory.", e);
        }
        try {
            TensorFlowGradCam gradCam = TensorFlowGradCam.load(manifest, savedModel);
            return new ServedModel(model, gradCam::compute, gradCam::close);
        } catch (IOException | RuntimeException e) {
            model.close();
            throw e;
        }
    }
}
