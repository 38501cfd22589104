package io.cxr4j.core.image;

import java.math.BigDecimal;
import java.util.Locale;

/**
 * The random training-time distortions applied by an {@link Augmenter}; each value is the largest
 * amount in either direction.
 *
 * @param maxRotationDegrees rotation range in degrees, 0 to 180
 * @param maxZoom zoom range as a fraction: the zoom factor lies in {@code [1 - maxZoom, 1 +
 *     maxZoom]}; 0 to below 1
 * @param maxShift translation range as a fraction of the image width (x) and height (y), 0 to 1;
 *     each draw is rounded to whole pixels
 * @param maxBrightness range of the brightness factor's distance from 1 (pixels are multiplied by
 *     a factor between {@code 1 - maxBrightness} and {@code 1 + maxBrightness}), 0 to 1
 * @param maxContrast range of the contrast factor around 1: it lies in {@code [1 - maxContrast, 1
 *     + maxContrast]}; 0 to 1
 * @param horizontalFlip whether half of the images, drawn at random, are mirrored left to right
 *     (as CheXNet and fastai's default transforms train); off unless asked for, since a mirrored
 *     chest has its heart on the wrong side. Manifests written before this setting existed read
 *     as {@code false}, which is how those models were trained.
 */
public record AugmentationSpec(
        double maxRotationDegrees,
        double maxZoom,
        double maxShift,
        double maxBrightness,
        double maxContrast,
        boolean horizontalFlip) {

    /**
     * Validates the ranges.
     *
     * @param maxRotationDegrees rotation range in degrees, 0 to 180
     * @param maxZoom zoom range as a fraction, 0 to below 1 (a zoom factor of 0 would collapse the image)
     * @param maxShift translation range as a fraction of the image width and height, 0 to 1
     * @param maxBrightness range of the brightness factor's distance from 1, 0 to 1
     * @param maxContrast range of the contrast factor's distance from 1, 0 to 1
     * @param horizontalFlip whether half of the images are mirrored left to right
     * @throws IllegalArgumentException when a range is negative, NaN or above its maximum
     */
    public AugmentationSpec {
        check("maxRotationDegrees", maxRotationDegrees, 180, true);
        // A zoom factor of 0 would collapse the image to a point.
        check("maxZoom", maxZoom, 1, false);
        check("maxShift", maxShift, 1, true);
        check("maxBrightness", maxBrightness, 1, true);
        check("maxContrast", maxContrast, 1, true);
    }

    /**
     * Ranges without horizontal flips.
     *
     * @param maxRotationDegrees rotation range in degrees, 0 to 180
     * @param maxZoom zoom range as a fraction, 0 to below 1
     * @param maxShift translation range as a fraction of the image size, 0 to 1
     * @param maxBrightness range of the brightness factor's distance from 1, 0 to 1
     * @param maxContrast range of the contrast factor around 1, 0 to 1
     */
    public AugmentationSpec(double maxRotationDegrees, double maxZoom, double maxShift,
            double maxBrightness, double maxContrast) {
        this(maxRotationDegrees, maxZoom, maxShift, maxBrightness, maxContrast, false);
    }

    /** @return no augmentation: the {@link Augmenter} returns its input unchanged */
    public static AugmentationSpec none() {
        return new AugmentationSpec(0, 0, 0, 0, 0);
    }

    /** @return whether these ranges change nothing, so that every epoch sees the same images */
    public boolean isNone() {
        return equals(none());
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

    /**
     * @param flip whether to mirror half of the images left to right
     * @return these ranges with horizontal flips switched on or off
     */
    public AugmentationSpec withHorizontalFlip(boolean flip) {
        return new AugmentationSpec(maxRotationDegrees, maxZoom, maxShift, maxBrightness, maxContrast,
                flip);
    }

    /**
     * @return the ranges in words, e.g. {@code rotation 10 deg, zoom 0.1, shift 0.1, brightness 0.1,
     *     contrast 0.1, horizontal flips}, or {@code no augmentation}
     */
    public String summary() {
        if (isNone()) {
            return "no augmentation";
        }
        String ranges = String.format(Locale.ROOT, "rotation %s deg, zoom %s, shift %s, brightness %s, contrast %s",
                plain(maxRotationDegrees), plain(maxZoom), plain(maxShift), plain(maxBrightness),
                plain(maxContrast));
        return horizontalFlip ? ranges + ", horizontal flips" : ranges;
    }

    private static String plain(double value) {
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }

    private static void check(String name, double value, double max, boolean maxAllowed) {
        boolean inRange = value >= 0 && (maxAllowed ? value <= max : value < max);
        if (!inRange) { // also refuses NaN
            throw new IllegalArgumentException("Augmentation " + name + " is " + value
                    + ", but must lie in [0, " + max + (maxAllowed ? "]" : ")"));
        }
    }
}
