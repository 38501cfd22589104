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
 * @param fill what the warp puts outside the source image: {@link WarpFill#BLACK} (the default)
 *     or the nearest edge pixel, as Keras's {@code fill_mode="nearest"}. Manifests written before
 *     this setting existed read as {@code BLACK}, which is how those models were trained.
 * @param interpolation how the warp reads the source between pixel centres: the nearest pixel
 *     (the default) or bilinear, as Keras. Manifests written before this setting existed read as
 *     {@link WarpInterpolation#NEAREST}, which is how those models were trained.
 */
public record AugmentationSpec(
        double maxRotationDegrees,
        double maxZoom,
        double maxShift,
        double maxBrightness,
        double maxContrast,
        boolean horizontalFlip,
        WarpFill fill,
        WarpInterpolation interpolation) {

    /**
     * Validates the ranges.
     *
     * @param maxRotationDegrees rotation range in degrees, 0 to 180
     * @param maxZoom zoom range as a fraction, 0 to below 1 (a zoom factor of 0 would collapse the image)
     * @param maxShift translation range as a fraction of the image width and height, 0 to 1
     * @param maxBrightness range of the brightness factor's distance from 1, 0 to 1
     * @param maxContrast range of the contrast factor's distance from 1, 0 to 1
     * @param horizontalFlip whether half of the images are mirrored left to right
     * @param fill what the warp puts outside the source; null (absent in older manifests) means
     *     {@link WarpFill#BLACK}
     * @param interpolation how the warp reads the source; null (absent in older manifests) means
     *     {@link WarpInterpolation#NEAREST}
     * @throws IllegalArgumentException when a range is negative, NaN or above its maximum
     */
    public AugmentationSpec {
        if (fill == null) {
            fill = WarpFill.BLACK;
        }
        if (interpolation == null) {
            interpolation = WarpInterpolation.NEAREST;
        }
        check("maxRotationDegrees", maxRotationDegrees, 180, true);
        // A zoom factor of 0 would collapse the image to a point.
        check("maxZoom", maxZoom, 1, false);
        check("maxShift", maxShift, 1, true);
        check("maxBrightness", maxBrightness, 1, true);
        check("maxContrast", maxContrast, 1, true);
    }

    /**
     * Ranges with cxr4j's warp: nearest source pixel, black outside the source.
     *
     * @param maxRotationDegrees rotation range in degrees, 0 to 180
     * @param maxZoom zoom range as a fraction, 0 to below 1
     * @param maxShift translation range as a fraction of the image size, 0 to 1
     * @param maxBrightness range of the brightness factor's distance from 1, 0 to 1
     * @param maxContrast range of the contrast factor around 1, 0 to 1
     * @param horizontalFlip whether half of the images are mirrored left to right
     */
    public AugmentationSpec(double maxRotationDegrees, double maxZoom, double maxShift,
            double maxBrightness, double maxContrast, boolean horizontalFlip) {
        this(maxRotationDegrees, maxZoom, maxShift, maxBrightness, maxContrast, horizontalFlip,
                WarpFill.BLACK, WarpInterpolation.NEAREST);
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

    /**
     * @return whether these ranges change nothing, so that every epoch sees the same images (how
     *     a warp would fill and interpolate does not matter then)
     */
    public boolean isNone() {
        return new AugmentationSpec(maxRotationDegrees, maxZoom, maxShift, maxBrightness, maxContrast,
                horizontalFlip).equals(none());
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
     * The seed project's {@code ImageDataGenerator(rotation_range=10, fill_mode="nearest")}:
     * rotation up to 10 degrees and nothing else, read bilinearly as Keras does, the corners the
     * rotation uncovers filled with the nearest edge pixel.
     *
     * @return the seed project's augmentation
     */
    public static AugmentationSpec seedProject() {
        return new AugmentationSpec(10, 0, 0, 0, 0, false, WarpFill.NEAREST_EDGE, WarpInterpolation.BILINEAR);
    }

    /**
     * @param flip whether to mirror half of the images left to right
     * @return these ranges with horizontal flips switched on or off
     */
    public AugmentationSpec withHorizontalFlip(boolean flip) {
        return new AugmentationSpec(maxRotationDegrees, maxZoom, maxShift, maxBrightness, maxContrast,
                flip, fill, interpolation);
    }

    /**
     * @return the ranges in words, e.g. {@code rotation 10 deg, zoom 0.1, shift 0.1, brightness 0.1,
     *     contrast 0.1, horizontal flips}, or {@code no augmentation}; a warp other than cxr4j's
     *     default is named at the end, e.g. {@code bilinear, nearest-edge fill}
     */
    public String summary() {
        if (isNone()) {
            return "no augmentation";
        }
        String ranges = String.format(Locale.ROOT, "rotation %s deg, zoom %s, shift %s, brightness %s, contrast %s",
                plain(maxRotationDegrees), plain(maxZoom), plain(maxShift), plain(maxBrightness),
                plain(maxContrast));
        StringBuilder words = new StringBuilder(ranges);
        if (horizontalFlip) {
            words.append(", horizontal flips");
        }
        if (interpolation != WarpInterpolation.NEAREST) {
            words.append(", ").append(interpolation.name().toLowerCase(Locale.ROOT));
        }
        if (fill != WarpFill.BLACK) {
            words.append(", ").append(fill.name().toLowerCase(Locale.ROOT).replace('_', '-')).append(" fill");
        }
        return words.toString();
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
