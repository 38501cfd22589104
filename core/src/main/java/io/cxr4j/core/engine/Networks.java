package io.cxr4j.core.engine;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The networks cxr4j's engines build, by name, with the smallest square input each takes. Every
 * engine builds the same layers under the same names, so the names and their limits are kept here
 * once: engines build from these constants, {@link CxrEngine#checkTrainable} checks against them.
 */
public final class Networks {

    /** DarkCovidNet (Ozturk et al. 2020), the default. */
    public static final String DARKCOVIDNET = "darkcovidnet";
    /** DarkCovidNet's convolutions with global average pooling and one dense layer as its head. */
    public static final String DARKCOVIDNET_GAP = "darkcovidnet-gap";
    /** A small VGG-style stack with the seed project's classification head. */
    public static final String SEED_VGG = "seed-vgg";
    /**
     * Keras's VGG16 without its top (13 convolutions in five blocks, the base the seed project
     * loaded with ImageNet weights) with the seed project's classification head.
     */
    public static final String VGG16 = "vgg16";

    /**
     * VGG16's convolutions: for each of its five blocks, the filters of each 3x3 convolution, as
     * Keras's {@code VGG16} builds them. Each block ends in a 2x2 max pool.
     */
    public static final List<List<Integer>> VGG16_BLOCKS = List.of(List.of(64, 64), List.of(128, 128),
            List.of(256, 256, 256), List.of(512, 512, 512), List.of(512, 512, 512));

    /** The networks made of numbered blocks of convolutions, which training can keep frozen. */
    private static final Map<String, List<List<Integer>>> BLOCKS = Map.of(VGG16, VGG16_BLOCKS);

    /**
     * DarkCovidNet (with either head) halves its maps five times, so 32 px leave one cell; seed-vgg
     * does so too and then pools 4 x 4, so it needs 128 px, and so does vgg16 with the same head.
     */
    private static final Map<String, Integer> MINIMUM_IMAGE_SIZE = Map.of(
            DARKCOVIDNET, 32,
            DARKCOVIDNET_GAP, 32,
            SEED_VGG, 128,
            VGG16, 128);

    private Networks() {}

    /** @return the names of the networks cxr4j's engines build */
    public static Set<String> names() {
        return MINIMUM_IMAGE_SIZE.keySet();
    }

    /**
     * The smallest input side a network takes: each pooling layer shrinks its maps, and below this
     * side nothing is left for the classification head.
     *
     * @param architecture an architecture name, matched ignoring case
     * @return the minimum image side in pixels
     * @throws IllegalArgumentException when cxr4j builds no such network
     */
    public static int minimumImageSize(String architecture) {
        Integer minimum = MINIMUM_IMAGE_SIZE.get(architecture.toLowerCase(Locale.ROOT));
        if (minimum == null) {
            throw new IllegalArgumentException("Unknown architecture '" + architecture + "'. Choose one of "
                    + new TreeSet<>(MINIMUM_IMAGE_SIZE.keySet()) + ".");
        }
        return minimum;
    }

    /**
     * The convolution blocks of a network, for freezing the first ones ({@link
     * io.cxr4j.core.config.TrainingConfig#frozenBlocks()}).
     *
     * @param architecture an architecture name, matched ignoring case
     * @return for each block, the filters of its convolutions; empty for a network not made of
     *     numbered blocks
     */
    public static List<List<Integer>> convolutionBlocks(String architecture) {
        return BLOCKS.getOrDefault(architecture.toLowerCase(Locale.ROOT), List.of());
    }

    /**
     * How many of a network's weighted layers, counted from its input as {@link
     * io.cxr4j.core.model.NeutralWeights} numbers them, lie in its first blocks. In a VGG base every
     * weighted layer is a convolution, so these are the first convolutions.
     *
     * @param architecture an architecture name
     * @param blocks the number of leading blocks, 0 to the network's block count
     * @return the number of layers they hold: layers 1 to this number
     * @throws IllegalArgumentException when the network has fewer blocks
     */
    public static int layersInBlocks(String architecture, int blocks) {
        List<List<Integer>> all = convolutionBlocks(architecture);
        if (blocks < 0 || blocks > all.size()) {
            throw new IllegalArgumentException("The " + architecture + " network has " + all.size()
                    + " convolution blocks, so " + blocks + " of them cannot be frozen");
        }
        return all.subList(0, blocks).stream().mapToInt(List::size).sum();
    }
}
