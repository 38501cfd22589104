package io.cxr4j.pretrained;

import io.cxr4j.core.engine.Networks;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The convolutional base of a VGG network as data: its convolutions in order, grouped in blocks,
 * with the names Keras gives them. It is the one description that the weight reader checks a file
 * against and that engines build the network from.
 *
 * <p>Every convolution is {@code kernelSize x kernelSize} with stride 1, {@code 'same'} padding, a
 * bias and ReLU; every block ends in a 2x2 max pool with stride 2. Nothing else holds weights, so
 * convolution {@code i} (from 1, in order) is layer {@code i} of {@link
 * io.cxr4j.core.model.NeutralWeights}.
 *
 * @param name the network's name, used as the architecture of the weights read for it
 * @param inputChannels the channels of the input image, 3 (RGB or BGR) for ImageNet weights
 * @param convolutions every convolution in the order the network applies them
 */
public record VggTopology(String name, int inputChannels, List<Convolution> convolutions) {

    /** The kernel side of every VGG convolution. */
    public static final int KERNEL_SIZE = 3;

    /**
     * One convolution of the base.
     *
     * @param name its Keras name, {@code block<b>_conv<i>}, which is also its group in Keras's weight files
     * @param block the block it belongs to, from 1
     * @param inChannels its input channels
     * @param outChannels its output channels (filters)
     */
    public record Convolution(String name, int block, int inChannels, int outChannels) {

        /**
         * Checks the values.
         *
         * @param name its Keras name; not null
         * @param block the block, from 1
         * @param inChannels input channels, at least 1
         * @param outChannels output channels, at least 1
         * @throws IllegalArgumentException when a number is below 1
         */
        public Convolution {
            Objects.requireNonNull(name, "name");
            if (block < 1 || inChannels < 1 || outChannels < 1) {
                throw new IllegalArgumentException("Convolution " + name + " needs a block and channel counts of"
                        + " at least 1, got block " + block + ", " + inChannels + " -> " + outChannels);
            }
        }

        /** @return the kernel's shape as Keras stores it: {@code (height, width, in, out)} */
        public long[] kerasKernelShape() {
            return new long[] {KERNEL_SIZE, KERNEL_SIZE, inChannels, outChannels};
        }

        /** @return the kernel's shape in cxr4j's neutral layout: {@code (out, in, height, width)} */
        public long[] neutralKernelShape() {
            return new long[] {outChannels, inChannels, KERNEL_SIZE, KERNEL_SIZE};
        }

        /** @return the bias's shape, {@code (out)}, the same in both layouts */
        public long[] biasShape() {
            return new long[] {outChannels};
        }

        /** @return the number of weights: kernel and bias */
        public long parameterCount() {
            return (long) KERNEL_SIZE * KERNEL_SIZE * inChannels * outChannels + outChannels;
        }
    }

    /**
     * Checks that the convolutions chain (each takes the channels the previous one gives), that
     * blocks run 1, 2, ... without gaps and that names are unique.
     *
     * @param name the network's name; not null
     * @param inputChannels the input's channels, at least 1
     * @param convolutions the convolutions in order; at least one; copied
     * @throws IllegalArgumentException when they do not form a VGG base
     */
    public VggTopology {
        Objects.requireNonNull(name, "name");
        convolutions = List.copyOf(convolutions);
        if (convolutions.isEmpty()) {
            throw new IllegalArgumentException("A VGG base needs at least one convolution");
        }
        int channels = inputChannels;
        int block = 1;
        Set<String> names = new HashSet<>();
        for (Convolution c : convolutions) {
            if (c.inChannels() != channels) {
                throw new IllegalArgumentException("Convolution " + c.name() + " takes " + c.inChannels()
                        + " channels, but " + channels + " arrive there");
            }
            if (c.block() != block && c.block() != block + 1) {
                throw new IllegalArgumentException("Convolution " + c.name() + " is in block " + c.block()
                        + " after block " + block + "; blocks run 1, 2, ... in order");
            }
            if (!names.add(c.name())) {
                throw new IllegalArgumentException("Convolution name " + c.name() + " appears twice");
            }
            channels = c.outChannels();
            block = c.block();
        }
        if (convolutions.get(0).block() != 1) {
            throw new IllegalArgumentException("The first convolution must be in block 1");
        }
    }

    /**
     * Keras's VGG16 without its top ({@code VGG16(include_top=False)}): 13 convolutions in five
     * blocks of 64, 128, 256, 512 and 512 filters, 14,714,688 weights, named {@code block1_conv1}
     * to {@code block5_conv3}: the base of the engines' {@link Networks#VGG16} network, built from
     * the same {@link Networks#VGG16_BLOCKS}.
     *
     * @return the topology, named {@code vgg16}
     */
    public static VggTopology vgg16() {
        return of(Networks.VGG16, 3, Networks.VGG16_BLOCKS);
    }

    /**
     * A VGG base from the filters of each block's convolutions, named as Keras names them.
     *
     * @param name the network's name
     * @param inputChannels the input's channels
     * @param blocks for each block, the filters of its convolutions in order
     * @return the topology
     * @throws IllegalArgumentException when a block is empty or a count is below 1
     */
    public static VggTopology of(String name, int inputChannels, List<List<Integer>> blocks) {
        List<Convolution> convolutions = new ArrayList<>();
        int channels = inputChannels;
        for (int b = 0; b < blocks.size(); b++) {
            if (blocks.get(b).isEmpty()) {
                throw new IllegalArgumentException("Block " + (b + 1) + " of " + name + " has no convolution");
            }
            for (int i = 0; i < blocks.get(b).size(); i++) {
                int filters = blocks.get(b).get(i);
                convolutions.add(new Convolution("block" + (b + 1) + "_conv" + (i + 1), b + 1, channels, filters));
                channels = filters;
            }
        }
        return new VggTopology(name, inputChannels, convolutions);
    }

    /** @return the number of blocks, and so of 2x2 max pools */
    public int blockCount() {
        return convolutions.get(convolutions.size() - 1).block();
    }

    /** @return the channels of the base's output, those of its last convolution */
    public int outputChannels() {
        return convolutions.get(convolutions.size() - 1).outChannels();
    }

    /**
     * The side of the base's output for an input side: each block's pool halves it, rounding down.
     *
     * @param inputSide the input's height or width
     * @return the output's height or width, 7 for VGG16 at 224
     */
    public int outputSide(int inputSide) {
        return inputSide >> blockCount();
    }

    /** @return the number of weights of all convolutions, 14,714,688 for VGG16 */
    public long parameterCount() {
        return convolutions.stream().mapToLong(Convolution::parameterCount).sum();
    }
}
