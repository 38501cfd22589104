package io.cxr4j.core.image;

/**
 * The random training-time distortions applied by an {@link Augmenter}; each value is the largest
 * amount in either direction.
 *
 * @param maxRotationDegrees rotation range in degrees, 0 to 180
 * @param maxZoom zoom range as a fraction: the zoom factor lies in {@code [1 - maxZoom, 1 +
 *     maxZoom]}; 0 to below 1
 * @param maxShift translation range as a fraction of the image width (x) and height (y), 0 to 1
 * @param maxBrightness range of the value added to every pixel, 0 to 1
 * @param maxContrast range of the contrast factor around 1: it lies in {@code [1 - maxContrast, 1
 *     + maxContrast]}; 0 to 1
 */
public record AugmentationSpec(
        double maxRotationDegrees,
        double maxZoom,
        double maxShift,
        double maxBrightness,
        double maxContrast) {

    /** Validates the ranges. */
    public AugmentationSpec {
        check("maxRotationDegrees", maxRotationDegrees, 180, true);
        // A zoom factor of 0 would collapse the image to a point.
        check("maxZoom", maxZoom, 1, false);
        check("maxShift", maxShift, 1, true);
        check("maxBrightness", maxBrightness, 1, true);
        check("maxContrast", maxContrast, 1, true);
    }

    /** @return no augmentation: the {@link Augmenter} returns its input unchanged */
    public static AugmentationSpec none() {
        return new AugmentationSpec(0, 0, 0, 0, 0);
    }

    /**
     * The project's default: rotation up to 10 degrees (as the seed project used) and 10% zoom,
     * shift, brightness and contrast.
     *
     * @return the default augmentation
     */
    public static AugmentationSpec defaults() {
        return new AugmentationSpec(10, 0.1, 0.1, 0.1, 0.1);
    }

    private static void check(String name, double value, double max, boolean maxAllowed) {
        boolean inRange = value >= 0 && (maxAllowed ? value <= max : value < max);
        if (!inRange) { // also refuses NaN
            throw new IllegalArgumentException("Augmentation " + name + " is " + value
                    + ", but must lie in [0, " + max + (maxAllowed ? "]" : ")"));
        }
    }
}
