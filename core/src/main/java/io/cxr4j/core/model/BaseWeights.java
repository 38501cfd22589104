package io.cxr4j.core.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Random;

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

    /**
     * A VGG-style base of seeded random values: kernels at He scale, biases small and non-zero. It
     * costs a network what real weights of its shape cost, for checks and timings without the
     * real file; it holds no learned features.
     *
     * @param architecture the network the weights are for, such as {@code vgg16}
     * @param blocks for each block, the filters of its 3x3 convolutions (such as {@code
     *     io.cxr4j.core.engine.Networks.VGG16_BLOCKS}); layer {@code i} is the {@code i}-th
     * @param inputChannels the first convolution's input channels (3 for ImageNet weights)
     * @param seed seeds the values
     * @param file the file the weights are said to come from, recorded in a model's provenance
     * @return the base weights, its layers named as Keras names VGG16's ({@code block1_conv1}, ...)
     */
    public static BaseWeights seededRandom(String architecture, List<List<Integer>> blocks, int inputChannels,
            long seed, WeightsFile file) {
        Random random = new Random(seed);
        NeutralWeights.Builder builder = NeutralWeights.builder(architecture);
        List<String> names = new ArrayList<>();
        int channels = inputChannels;
        int layer = 0;
        for (int b = 0; b < blocks.size(); b++) {
            List<Integer> block = blocks.get(b);
            for (int i = 0; i < block.size(); i++) {
                int filters = block.get(i);
                layer++;
                float[] kernel = new float[filters * channels * 9];
                double scale = Math.sqrt(2.0 / (channels * 9));
                for (int k = 0; k < kernel.length; k++) {
                    kernel[k] = (float) (random.nextGaussian() * scale);
                }
                float[] bias = new float[filters];
                for (int k = 0; k < bias.length; k++) {
                    bias[k] = (float) (random.nextGaussian() * 0.01);
                }
                builder.add(layer, NeutralWeights.Role.CONV_WEIGHT, new long[] {filters, channels, 3, 3}, kernel)
                        .add(layer, NeutralWeights.Role.CONV_BIAS, new long[] {filters}, bias);
                names.add("block" + (b + 1) + "_conv" + (i + 1));
                channels = filters;
            }
        }
        return new BaseWeights(builder.build(), file, names);
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
