package io.cxr4j.engine.pytorch;

import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.inference.Predictor;
import ai.djl.modality.Classifications;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.SequentialBlock;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ModelNotFoundException;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.translate.TranslateException;
import io.cxr4j.core.engine.ProbabilityTranslator;
import io.cxr4j.core.engine.ArchitectureMismatch;
import io.cxr4j.core.engine.GradCamModel;
import io.cxr4j.core.engine.InferenceModel;
import io.cxr4j.core.explain.ClassActivationMap;
import io.cxr4j.core.image.PreprocessingSpec;
import io.cxr4j.core.model.ModelManifest;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A trained network loaded through DJL's {@link Criteria} with cxr4j's architecture block and
 * translator. Each call uses its own {@link Predictor}, which makes concurrent use safe. Grad-CAM
 * runs on the same loaded block with PyTorch's autograd ({@link PyTorchGradCam}).
 */
final class PyTorchInferenceModel implements InferenceModel, GradCamModel {

    private static final Pattern WEIGHTS_FILE = Pattern.compile("(.+)-(\\d{4})\\.params");

    private final ZooModel<float[], Classifications> model;
    private final PyTorchGradCam gradCam;

    private PyTorchInferenceModel(ZooModel<float[], Classifications> model, PyTorchGradCam gradCam) {
        this.model = model;
        this.gradCam = gradCam;
    }

    static PyTorchInferenceModel load(ModelManifest manifest, Path directory) throws IOException {
        Matcher weights = weightsFile(manifest, directory);
        PyTorchEngine.djlEngine();
        SequentialBlock network = Architectures.build(manifest.architecture(),
                manifest.classNames().size());
        PreprocessingSpec spec = manifest.preprocessing();
        PyTorchGradCam gradCam = new PyTorchGradCam(network, Architectures.lastConvolutionBlock(network),
                new Shape(spec.channels(), spec.imageSize(), spec.imageSize()), manifest.architecture());
        Criteria<float[], Classifications> criteria = Criteria.builder()
                .setTypes(float[].class, Classifications.class)
                .optEngine(PyTorchEngine.DJL_ENGINE)
                .optModelPath(directory)
                .optModelName(weights.group(1))
                .optOption("epoch", weights.group(2))
                .optBlock(network)
                .optTranslator(new ProbabilityTranslator(manifest.classNames(), manifest.preprocessing()))
                .build();
        try {
            return new PyTorchInferenceModel(criteria.loadModel(), gradCam);
        } catch (ModelNotFoundException | MalformedModelException e) {
            throw ArchitectureMismatch.find(directory, manifest, Architectures.names(),
                    other -> fits(other, manifest, directory, weights), e)
                    .orElseGet(() -> new IOException("Cannot load the weights of model " + directory + ": "
                            + e.getMessage() + ". The file may be damaged; retrain the model or restore the"
                            + " directory.", e));
        }
    }

    /** Whether a model's weights load into a network of another architecture. */
    private static boolean fits(String architecture, ModelManifest manifest, Path directory, Matcher weights) {
        try (Model model = Model.newInstance(weights.group(1), PyTorchEngine.DJL_ENGINE)) {
            model.setBlock(Architectures.build(architecture, manifest.classNames().size()));
            model.load(directory, weights.group(1), Map.of("epoch", weights.group(2)));
            return true;
        } catch (IOException | MalformedModelException | RuntimeException e) {
            return false;
        }
    }

    /**
     * The manifest's weights file split into DJL's model name (group 1) and epoch (group 2).
     *
     * @throws IOException when it is not a DJL parameter file
     */
    static Matcher weightsFile(ModelManifest manifest, Path directory) throws IOException {
        Matcher weights = WEIGHTS_FILE.matcher(manifest.weightsFile());
        if (!weights.matches()) {
            throw new IOException("Model " + directory + " names weights file '" + manifest.weightsFile()
                    + "', which is not a DJL parameter file (<name>-<epoch>.params). Was it written by"
                    + " the " + PyTorchEngine.NAME + " engine?");
        }
        return weights;
    }

    @Override
    public List<Classifications> classify(List<float[]> tensors) throws TranslateException {
        try (Predictor<float[], Classifications> predictor = model.newPredictor()) {
            return predictor.batchPredict(tensors);
        }
    }

    @Override
    public ClassActivationMap gradCam(float[] tensor, int classIndex) {
        return gradCam.compute(model.getNDManager(), tensor, classIndex);
    }

    @Override
    public void close() {
        model.close();
    }
}
