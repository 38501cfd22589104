package io.cxr4j.engine.pytorch;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.norm.Dropout;
import ai.djl.nn.pooling.Pool;
import io.cxr4j.core.engine.Networks;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/** The networks of {@link Networks}, built from DJL blocks. */
public final class Architectures {

    private static final float LEAKY_SLOPE = 0.1f;

    private Architectures() {}

    /**
     * Builds an untrained network.
     *
     * @param name an architecture name
     * @param classes the number of output classes
     * @return the network, producing one logit per class
     */
    public static SequentialBlock build(String name, int classes) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case Networks.DARKCOVIDNET -> darkCovidNet(classes);
            case Networks.DARKCOVIDNET_GAP -> darkCovidNetGap(classes);
            case Networks.SEED_VGG -> seedVgg(classes);
            case Networks.VGG16 -> vgg16(classes);
            default -> throw new IllegalArgumentException("Unknown architecture '" + name
                    + "'. Choose one of " + new TreeSet<>(Networks.names()) + ".");
        };
    }

    /**
     * DarkCovidNet as published with the paper's fastai code: 17 convolutions in
     * Conv-BatchNorm-LeakyReLU(0.1) blocks with 5 max-pools, a last convolution with one filter per
     * class, then a linear layer over the flattened maps.
     */
    static SequentialBlock darkCovidNet(int classes) {
        SequentialBlock net = darkCovidNetConvolutions();
        // fastai's conv_layer: convolution, ReLU, then batch norm.
        net.add(Conv2d.builder().setFilters(classes).setKernelShape(new Shape(3, 3))
                        .optPadding(new Shape(1, 1)).optBias(false).build())
                .add(Activation.reluBlock())
                .add(BatchNorm.builder().build())
                .add(Blocks.batchFlattenBlock())
                .add(Linear.builder().setUnits(classes).build());
        return net;
    }

    /**
     * DarkCovidNet's 16 convolution blocks, then the mean of each of the 256 maps and a dense
     * layer with one output per class. Averaging before the head leaves the classifier no weight
     * for where in the image a feature lies, which the published head (a dense layer over every
     * cell of the per-class maps) has: a border that only one source's films carry is one such
     * place.
     */
    static SequentialBlock darkCovidNetGap(int classes) {
        return darkCovidNetConvolutions()
                .add(Pool.globalAvgPool2dBlock())
                .add(Linear.builder().setUnits(classes).build());
    }

    /** DarkCovidNet up to and including its last 256-filter block, the part both heads share. */
    private static SequentialBlock darkCovidNetConvolutions() {
        return new SequentialBlock()
                .add(conv(8, 3)).add(maxPool())
                .add(conv(16, 3)).add(maxPool())
                .add(tripleConv(16, 32)).add(maxPool())
                .add(tripleConv(32, 64)).add(maxPool())
                .add(tripleConv(64, 128)).add(maxPool())
                .add(tripleConv(128, 256))
                .add(conv(128, 1))
                .add(conv(256, 3));
    }

    /**
     * Five VGG blocks (two 3x3 convolutions with ReLU, then 2x2 max-pool) with 16 to 128 filters,
     * then the seed project's head: 4x4 max-pool, dense 64 with ReLU, dropout 0.2, dense per class.
     */
    static SequentialBlock seedVgg(int classes) {
        SequentialBlock net = new SequentialBlock();
        for (int filters : new int[] {16, 32, 64, 128, 128}) {
            net.add(vggConv(filters)).add(vggConv(filters)).add(maxPool());
        }
        return seedHead(net, classes);
    }

    /**
     * Keras's VGG16 base ({@link Networks#VGG16_BLOCKS}: 13 convolutions with ReLU in five blocks,
     * each ending in a 2x2 max-pool), then the seed project's head as on {@link #seedVgg}. The
     * convolutions are layers 1 to 13 of the canonical numbering, as in Keras's weight files.
     */
    static SequentialBlock vgg16(int classes) {
        SequentialBlock net = new SequentialBlock();
        for (List<Integer> block : Networks.VGG16_BLOCKS) {
            block.forEach(filters -> net.add(vggConv(filters)));
            net.add(maxPool());
        }
        return seedHead(net, classes);
    }

    /** The seed project's head: 4x4 max-pool, dense 64 with ReLU, dropout 0.2, dense per class. */
    private static SequentialBlock seedHead(SequentialBlock net, int classes) {
        return net.add(Pool.maxPool2dBlock(new Shape(4, 4), new Shape(4, 4)))
                .add(Blocks.batchFlattenBlock())
                .add(Linear.builder().setUnits(64).build())
                .add(Activation.reluBlock())
                .add(Dropout.builder().optRate(0.2f).build())
                .add(Linear.builder().setUnits(classes).build());
    }

    /**
     * The index of the child block whose output Grad-CAM weights: the last convolution block,
     * convolution with its normalisation and activation, as built by this class. On DarkCovidNet
     * that is the 256-filter 3x3 block; the per-class convolution after it is a bare {@link
     * Conv2d} that acts as the classifier, so it belongs to the head. On seed-vgg and vgg16 it is
     * the last VGG convolution, before the pooling.
     *
     * @param net a network built by {@link #build}
     * @return the index of the last child that is a sequential block starting with a convolution
     */
    static int lastConvolutionBlock(SequentialBlock net) {
        List<Block> children = net.getChildren().values();
        for (int i = children.size() - 1; i >= 0; i--) {
            if (children.get(i) instanceof SequentialBlock block && !block.getChildren().isEmpty()
                    && block.getChildren().get(0).getValue() instanceof Conv2d) {
                return i;
            }
        }
        throw new IllegalArgumentException("The network has no convolution block for Grad-CAM: " + net);
    }

    /**
     * The index of the child block where the classifier's trained layers start: the first dense
     * layer. Everything before it is the convolution base and the parameter-free pooling and
     * flattening after it, so with a frozen base its output is fixed for each image.
     *
     * @param net a network built by {@link #build}
     * @return the index of its first {@link Linear} child
     */
    static int headStart(SequentialBlock net) {
        List<Block> children = net.getChildren().values();
        for (int i = 0; i < children.size(); i++) {
            if (children.get(i) instanceof Linear) {
                return i;
            }
        }
        throw new IllegalArgumentException("The network has no dense layer: " + net);
    }

    private static Block conv(int filters, int kernel) {
        int padding = (kernel - 1) / 2;
        return new SequentialBlock()
                .add(Conv2d.builder().setFilters(filters).setKernelShape(new Shape(kernel, kernel))
                        .optPadding(new Shape(padding, padding)).optBias(false).build())
                .add(BatchNorm.builder().build())
                .add(Activation.leakyReluBlock(LEAKY_SLOPE));
    }

    private static Block tripleConv(int in, int out) {
        return new SequentialBlock().add(conv(out, 3)).add(conv(in, 1)).add(conv(out, 3));
    }

    private static Block vggConv(int filters) {
        return new SequentialBlock()
                .add(Conv2d.builder().setFilters(filters).setKernelShape(new Shape(3, 3))
                        .optPadding(new Shape(1, 1)).build())
                .add(Activation.reluBlock());
    }

    private static Block maxPool() {
        return Pool.maxPool2dBlock(new Shape(2, 2), new Shape(2, 2));
    }
}
