package io.cxr4j.core.engine;

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
     * DarkCovidNet (with either head) halves its maps five times, so 32 px leave one cell; seed-vgg
     * does so too and then pools 4 x 4, so it needs 128 px.
     */
    private static final Map<String, Integer> MINIMUM_IMAGE_SIZE = Map.of(
            DARKCOVIDNET, 32,
            DARKCOVIDNET_GAP, 32,
            SEED_VGG, 128);

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
}
