package io.cxr4j.core.image;

import io.cxr4j.core.image.ImageDecodeException.Reason;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Which image sizes an {@link ImageDecoder} accepts, checked on the size its file header declares,
 * before any pixel is decoded: a file declaring 100,000,000 x 1 pixels is refused in microseconds
 * instead of being decoded into gigabytes first.
 *
 * <p>{@link #RADIOGRAPH} is cxr4j's one rule for a usable chest X-ray; training, evaluation,
 * prediction, Grad-CAM and the data-set audit all apply it through the default decoder, so they
 * agree on which files are images.
 *
 * @param minSide the smallest accepted width and height in pixels, at least 1
 * @param maxPixels the largest accepted {@code width * height}, from 1 to about 2^31 (a float array
 *     holds the decoded image)
 * @param maxAspectRatio the largest accepted ratio of the longer side to the shorter, at least 1
 */
public record ImageLimits(int minSide, long maxPixels, double maxAspectRatio) {

    /** The most elements a float[] can hold on common JVMs. */
    private static final long MAX_ARRAY_LENGTH = Integer.MAX_VALUE - 8;

    /**
     * A chest radiograph: at least 16 pixels on each side (anything smaller is an icon or a
     * placeholder, and blowing it up to the model's input would only feed noise), at most 100
     * million pixels (e.g. 10,000 x 10,000), and no side more than 10 times the other (real
     * radiographs, even figures of two films side by side, stay below 2.5; a thin strip is no chest
     * X-ray, and cropping or padding it to a square leaves the model a sliver or mostly padding).
     */
    public static final ImageLimits RADIOGRAPH = new ImageLimits(16, 100_000_000L, 10.0);

    /**
     * Validates the limits.
     *
     * @param minSide the smallest accepted width and height in pixels, at least 1
     * @param maxPixels the largest accepted {@code width * height}, from 1 to about 2^31
     * @param maxAspectRatio the largest accepted ratio of the longer side to the shorter, at least 1
     * @throws IllegalArgumentException when a limit is out of range
     */
    public ImageLimits {
        if (minSide < 1) {
            throw new IllegalArgumentException("The smallest side must be at least 1 pixel, but is " + minSide);
        }
        if (maxPixels < 1 || maxPixels > MAX_ARRAY_LENGTH) {
            throw new IllegalArgumentException("The pixel limit must be between 1 and " + MAX_ARRAY_LENGTH
                    + ", but is " + maxPixels);
        }
        if (!(maxAspectRatio >= 1)) {
            throw new IllegalArgumentException("The largest aspect ratio must be at least 1, but is "
                    + maxAspectRatio);
        }
    }

    /**
     * The same limits with another pixel limit.
     *
     * @param newMaxPixels the largest accepted {@code width * height}
     * @return the new limits
     */
    public ImageLimits withMaxPixels(long newMaxPixels) {
        return new ImageLimits(minSide, newMaxPixels, maxAspectRatio);
    }

    /**
     * Refuses an image whose declared size breaks a limit.
     *
     * @param file the image file, for the message
     * @param width the width its header declares
     * @param height the height its header declares
     * @throws ImageDecodeException with {@link Reason#TOO_SMALL}, {@link Reason#TOO_LARGE} or {@link
     *     Reason#EXTREME_ASPECT_RATIO} when the size breaks a limit
     */
    public void check(Path file, int width, int height) throws ImageDecodeException {
        String declared = "its header declares " + width + "x" + height + " pixels";
        if (width < minSide || height < minSide) {
            throw new ImageDecodeException(file, Reason.TOO_SMALL, declared + "; a chest X-ray needs at least "
                    + minSide + " on each side", null);
        }
        long pixels = (long) width * height;
        if (pixels > maxPixels) {
            throw new ImageDecodeException(file, Reason.TOO_LARGE, declared + " = " + pixels
                    + " pixels, more than the limit of " + maxPixels, null);
        }
        double ratio = (double) Math.max(width, height) / Math.min(width, height);
        if (ratio > maxAspectRatio) {
            throw new ImageDecodeException(file, Reason.EXTREME_ASPECT_RATIO, String.format(Locale.ROOT,
                    "%s, one side %.1f times the other; a chest X-ray is at most %s times as long as it is wide",
                    declared, ratio, formatRatio()), null);
        }
    }

    private String formatRatio() {
        return maxAspectRatio == Math.rint(maxAspectRatio) ? String.valueOf((long) maxAspectRatio)
                : String.valueOf(maxAspectRatio);
    }
}
