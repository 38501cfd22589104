package io.cxr4j.core.engine;

import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * The smallest square input of each network cxr4j's engines build. Both engines build the same
 * layers, so the limits are kept here once and each engine's {@link CxrEngine#minimumImageSize}
 * reads them.
 */
public final class NetworkInputs {

    /**
     * DarkCovidNet (with either head) halves its maps five times, so 32 px leave one cell; seed-vgg
     * does so too and then pools 4 x 4, so it needs 128 px.
     */
    private static final Map<String, Integer> MINIMUM_IMAGE_SIZE = Map.of(
            "darkcovidnet", 32,
            "darkcovidnet-gap", 32,
            "seed-vgg", 128);

    private NetworkInputs() {}

    /**
     * The smallest input side a network takes.
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
