package io.cxr4j.engine.pytorch;

import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.modality.Classifications;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.SequentialBlock;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ModelNotFoundException;
import ai.djl.repository.zoo.ZooModel;
import io.cxr4j.core.engine.ArchitectureMismatch;
import io.cxr4j.core.engine.ServedModel;
import io.cxr4j.core.image.PreprocessingSpec;
import io.cxr4j.core.model.ModelManifest;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Loads a trained network through DJL's {@link Criteria} with cxr4j's architecture block, served as
 * a {@link ServedModel}; Grad-CAM runs on the same loaded block with PyTorch's autograd ({@link
 * PyTorchGradCam}).
 */
final class PyTorchInferenceModel {

    private static final Pattern WEIGHTS_FILE = Pattern.compile("(.+)-(\\d{4})\\.params");

    private PyTorchInferenceModel() {}

    static ServedModel load(ModelManifest manifest, Path directory) throws IOException {
        Matcher weights = weightsFile(manifest, directory);
        PyTorchEngine.djlEngine();
        SequentialBlock network = Architectures.build(manifest.architecture(),
                manifest.classNames().size());
        PreprocessingSpec spec = manifest.preprocessing();
        PyTorchGradCam gradCam = new PyTorchGradCam(network, Architectures.lastConvolutionBlock(network),
                new Shape(spec.channels(), spec.imageSize(), spec.imageSize()), manifest.architecture());
        Criteria<float[], Classifications> criteria = ServedModel.criteria(PyTorchEngine.DJL_ENGINE, directory,
                        manifest)
                .optModelName(weights.group(1))
                .optOption("epoch", weights.group(2))
                .optBlock(network)
                .build();
        ZooModel<float[], Classifications> model;
        try {
            model = criteria.loadModel();
        } catch (ModelNotFoundException | MalformedModelException e) {
            throw ArchitectureMismatch.find(directory, manifest,
                    other -> fits(other, manifest, directory, weights), e)
                    .orElseGet(() -> new IOException("Cannot load the weights of model " + directory + ": "
                            + e.getMessage() + ". The file may be damaged; retrain the model or restore the"
                            + " directory.", e));
        }
        return new ServedModel(model, (tensor, classIndex) -> gradCam.compute(model.getNDManager(), tensor,
                classIndex), () -> { });
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
}
