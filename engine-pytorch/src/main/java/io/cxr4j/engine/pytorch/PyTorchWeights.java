package io.cxr4j.engine.pytorch;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import io.cxr4j.core.image.PreprocessingSpec;
import io.cxr4j.core.model.BaseWeights;
import io.cxr4j.core.model.ModelManifest;
import io.cxr4j.core.model.ModelStaging;
import io.cxr4j.core.model.NeutralWeights;
import io.cxr4j.core.model.NeutralWeights.Role;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;

/**
 * Moves the PyTorch engine's weights to and from {@link NeutralWeights}. DJL stores parameters in
 * the canonical channel-first layout already, so nothing is transposed: the work is naming each
 * parameter by its layer number and role while walking the architecture's blocks in order.
 */
final class PyTorchWeights {

    private PyTorchWeights() {}

    /** One DJL parameter with its place in the canonical numbering. */
    private record Slot(int layer, Role role, Parameter parameter) {}

    static NeutralWeights export(ModelManifest manifest, Path directory) throws IOException {
        Matcher weights = PyTorchInferenceModel.weightsFile(manifest, directory);
        PyTorchEngine.djlEngine();
        try (Model model = Model.newInstance(manifest.architecture(), Device.cpu(), PyTorchEngine.DJL_ENGINE)) {
            model.setBlock(Architectures.build(manifest.architecture(), manifest.classNames().size()));
            model.load(directory, weights.group(1), Map.of("epoch", weights.group(2)));
            NeutralWeights.Builder builder = NeutralWeights.builder(manifest.architecture());
            for (Slot slot : slots(model.getBlock())) {
                builder.add(slot.layer(), slot.role(), slot.parameter().getArray().getShape().getShape(),
                        slot.parameter().getArray().toFloatArray());
            }
            return builder.build();
        } catch (MalformedModelException e) {
            throw new IOException("Cannot read the weights of model " + directory + ": " + e.getMessage()
                    + ". The file may be damaged; retrain the model or restore the directory.", e);
        }
    }

    /** Writes the weights as a DJL parameter file into a staged model directory; returns its name. */
    static String write(ModelManifest source, NeutralWeights weights, Path staging) throws IOException {
        String architecture = source.architecture();
        PreprocessingSpec spec = source.preprocessing();
        PyTorchEngine.djlEngine();
        try (Model model = Model.newInstance(architecture, Device.cpu(), PyTorchEngine.DJL_ENGINE)) {
            Block block = Architectures.build(architecture, source.classNames().size());
            model.setBlock(block);
            block.initialize(model.getNDManager(), DataType.FLOAT32,
                    new Shape(1, spec.channels(), spec.imageSize(), spec.imageSize()));
            List<Slot> slots = slots(block);
            if (slots.size() != weights.tensors().size()) {
                throw new IllegalArgumentException("The '" + weights.architecture() + "' weights have "
                        + weights.tensors().size() + " tensors, but the PyTorch '" + architecture + "' network has "
                        + slots.size() + ". Convert only between the same architecture and classes.");
            }
            for (Slot slot : slots) {
                long[] shape = slot.parameter().getArray().getShape().getShape();
                slot.parameter().getArray().set(weights.require(slot.layer(), slot.role(), shape).values());
            }
            // The epoch in the file name only makes it a valid DJL parameter file; keep the trained count.
            int epoch = source.training() == null ? 0 : source.training().epochs();
            model.setProperty("Epoch", Integer.toString(epoch));
            model.save(staging, architecture);
            return String.format(Locale.ROOT, "%s-%04d.params", architecture, epoch);
        }
    }

    /**
     * Sets the first layers of an initialised network to base weights, tensor by tensor in the
     * canonical numbering; the later layers keep their values.
     *
     * @param network the network, its parameters initialised
     * @param base the weights of layers 1 to {@link BaseWeights#layerCount()}
     * @param architecture the network's architecture, for messages
     * @throws IllegalArgumentException naming the layer when a tensor is missing or shaped
     *     differently, or when the weights have tensors the network has no place for
     */
    static void importBase(Block network, BaseWeights base, String architecture) {
        int used = 0;
        for (Slot slot : slots(network)) {
            if (slot.layer() <= base.layerCount()) {
                NDArray array = slot.parameter().getArray();
                array.set(base.require(slot.layer(), slot.role(), array.getShape().getShape()).values());
                used++;
            }
        }
        base.checkAllUsed(used, "PyTorch '" + architecture + "'");
    }

    /**
     * Freezes the parameters of the first layers, so that training computes no gradient for them
     * and Adam leaves them as they are; the other parameters are left as they are (batch-norm
     * statistics never take gradients).
     *
     * @param network the network
     * @param layers the number of leading layers in the canonical numbering to freeze, 0 for none
     */
    static void freezeLayers(Block network, int layers) {
        for (Slot slot : slots(network)) {
            if (slot.layer() <= layers) {
                slot.parameter().freeze(true);
            }
        }
    }

    /** The network's parameters in canonical order: layers as the blocks are applied, roles within. */
    private static List<Slot> slots(Block network) {
        List<Slot> slots = new ArrayList<>();
        collect(network, slots, new int[1]);
        return slots;
    }

    private static void collect(Block block, List<Slot> slots, int[] layer) {
        if (!block.getChildren().isEmpty()) {
            for (Block child : block.getChildren().values()) {
                collect(child, slots, layer);
            }
            return;
        }
        if (block.getDirectParameters().isEmpty()) {
            return;
        }
        int number = ++layer[0];
        List<Slot> own = new ArrayList<>();
        for (Parameter parameter : block.getDirectParameters().values()) {
            own.add(new Slot(number, role(block, parameter), parameter));
        }
        own.sort(Comparator.comparing(Slot::role));
        slots.addAll(own);
    }

    private static Role role(Block block, Parameter parameter) {
        Parameter.Type type = parameter.getType();
        Role role = null;
        if (block instanceof Conv2d) {
            role = type == Parameter.Type.WEIGHT ? Role.CONV_WEIGHT : type == Parameter.Type.BIAS ? Role.CONV_BIAS : null;
        } else if (block instanceof Linear) {
            role = type == Parameter.Type.WEIGHT ? Role.DENSE_WEIGHT : type == Parameter.Type.BIAS ? Role.DENSE_BIAS : null;
        } else if (block instanceof BatchNorm) {
            role = switch (type) {
                case GAMMA -> Role.BN_GAMMA;
                case BETA -> Role.BN_BETA;
                case RUNNING_MEAN -> Role.BN_MOVING_MEAN;
                case RUNNING_VAR -> Role.BN_MOVING_VAR;
                default -> null;
            };
        }
        if (role == null) {
            throw new IllegalStateException("No canonical layout for parameter '" + parameter.getName() + "' of "
                    + block.getClass().getSimpleName() + "; NeutralWeights covers convolution, batch norm and dense"
                    + " layers only");
        }
        return role;
    }
}
