package io.cxr4j.engine.tensorflow;

import ai.djl.MalformedModelException;
import ai.djl.inference.Predictor;
import ai.djl.modality.Classifications;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ModelNotFoundException;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.translate.TranslateException;
import io.cxr4j.core.inference.ProbabilityTranslator;
import io.cxr4j.core.engine.InferenceModel;
import io.cxr4j.core.model.ModelManifest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A SavedModel loaded through DJL's TensorFlow engine with {@link Criteria} and cxr4j's translator,
 * so TensorFlow models are served exactly as PyTorch ones. Each call uses its own {@link
 * Predictor}, which makes concurrent use safe.
 */
final class TensorFlowInferenceModel implements InferenceModel {

    private final ZooModel<float[], Classifications> model;

    private TensorFlowInferenceModel(ZooModel<float[], Classifications> model) {
        this.model = model;
    }

    static TensorFlowInferenceModel load(ModelManifest manifest, Path directory) throws IOException {
        Path graphFile = directory.resolve(manifest.weightsFile()).normalize();
        if (!graphFile.getFileName().toString().equals("saved_model.pb") || !Files.isRegularFile(graphFile)) {
            throw new IOException("Model " + directory + " names weights file '" + manifest.weightsFile()
                    + "', which is not a TensorFlow SavedModel (<folder>/saved_model.pb). Was it written by the "
                    + TensorFlowEngine.NAME + " engine?");
        }
        TensorFlowRuntime.djlEngine();
        Criteria<float[], Classifications> criteria = Criteria.builder()
                .setTypes(float[].class, Classifications.class)
                .optEngine(TensorFlowRuntime.DJL_ENGINE)
                .optModelPath(graphFile.getParent())
                .optTranslator(new ProbabilityTranslator(manifest.classNames(), manifest.preprocessing()))
                .build();
        try {
            return new TensorFlowInferenceModel(criteria.loadModel());
        } catch (ModelNotFoundException | MalformedModelException e) {
            throw new IOException("Cannot load the SavedModel of model " + directory + ": " + e.getMessage()
                    + ". The folder may be damaged; retrain the model or restore the directory.", e);
        }
    }

    @Override
    public List<Classifications> classify(List<float[]> tensors) throws TranslateException {
        try (Predictor<float[], Classifications> predictor = model.newPredictor()) {
            return predictor.batchPredict(tensors);
        }
    }

    @Override
    public void close() {
        model.close();
    }
}
