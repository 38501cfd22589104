package io.cxr4j.core.model;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Weights a training run starts its network's first layers from, such as a VGG16 base trained on
 * ImageNet: the tensors of layers 1 to {@link #layerCount()} in {@link NeutralWeights}' layout,
 * and the file they were read from. The layers after them (the classification head) start from
 * their usual random values.
 *
 * @param weights the tensors, numbered as the network's own layers from its input
 * @param file the file they were read from, recorded in the trained model's provenance
 * @param layerNames the name of each layer in the file, layer 1 first (such as Keras's {@code
 *     block1_conv1}), for messages
 */
public record BaseWeights(NeutralWeights weights, WeightsFile file, List<String> layerNames) {

    /**
     * Checks the parts.
     *
     * @param weights the tensors; not null, at least one
     * @param file the file they were read from; not null
     * @param layerNames the name of each layer in the file, one per layer; copied
     * @throws IllegalArgumentException when there are no tensors, or not one name per layer
     */
    public BaseWeights {
        Objects.requireNonNull(weights, "weights");
        Objects.requireNonNull(file, "file");
        layerNames = List.copyOf(layerNames);
        if (weights.tensors().isEmpty()) {
            throw new IllegalArgumentException("The base weights read from " + file.name() + " hold no tensor");
        }
        int layers = weights.tensors().get(weights.tensors().size() - 1).layer();
        if (layerNames.size() != layers) {
            throw new IllegalArgumentException("The base weights read from " + file.name() + " have " + layers
                    + " layers but " + layerNames.size() + " layer names");
        }
    }

    /** @return the number of leading layers these weights cover: the highest layer number */
    public int layerCount() {
        return layerNames.size();
    }

    /**
     * The tensor that a layer of the network being trained starts from.
     *
     * @param layer the layer number, from 1, at most {@link #layerCount()}
     * @param role the role
     * @param shape the shape the network expects, in the canonical layout
     * @return the tensor
     * @throws IllegalArgumentException naming the layer, the file and both shapes when the file
     *     has no such tensor or one of another shape
     */
    public NeutralWeights.Tensor require(int layer, NeutralWeights.Role role, long[] shape) {
        NeutralWeights.Tensor tensor = weights.find(layer, role).orElseThrow(() -> new IllegalArgumentException(
                "The base weights from " + file.name() + " have no " + role.layerKind() + " " + role.parameter()
                        + " for layer " + layer + " (" + layerNames.get(layer - 1) + "). Use weights read for this"
                        + " network."));
        if (!Arrays.equals(tensor.shape(), shape)) {
            throw new IllegalArgumentException("Layer " + layer + " (" + layerNames.get(layer - 1) + ", "
                    + role.layerKind() + " " + role.parameter() + ") of the base weights from " + file.name() + " has shape " + Arrays.toString(tensor.shape()) + ", but the network"
                    + " needs " + Arrays.toString(shape) + ". Use weights read for this network and input"
                    + " channel count.");
        }
        return tensor;
    }

    /**
     * Checks that a network took every tensor of these weights, so that none is silently left out.
     *
     * @param used how many tensors the network's layers 1 to {@link #layerCount()} took
     * @param network a name of the network for the message, such as {@code PyTorch 'vgg16'}
     * @throws IllegalArgumentException when the weights have tensors the network has no place for
     */
    public void checkAllUsed(int used, String network) {
        if (used != weights.tensors().size()) {
            throw new IllegalArgumentException("The base weights from " + file.name() + " have "
                    + weights.tensors().size() + " tensors in layers 1 to " + layerCount() + ", but the " + network
                    + " network has " + used + " there. Use weights read for this network.");
        }
    }
}
