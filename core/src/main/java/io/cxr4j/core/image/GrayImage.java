package io.cxr4j.core.image;

import java.util.Arrays;

/**
 * A one-channel image with values in [0, 1], 0 being black.
 *
 * <p>The pixel array is taken over, not copied, because images of several megapixels pass through
 * the pipeline: whoever builds a {@code GrayImage} hands the array over, and nobody may modify it
 * afterwards. Every method of this package returns a new image and leaves its input unchanged.
 *
 * @param width the width in pixels, at least 1
 * @param height the height in pixels, at least 1
 * @param pixels the {@code width * height} values, row by row from the top left
 */
public record GrayImage(int width, int height, float[] pixels) {

    /**
     * Validates the size and that every value is in [0, 1].
     *
     * @param width the width in pixels, at least 1
     * @param height the height in pixels, at least 1
     * @param pixels the {@code width * height} values in [0, 1], row by row from the top left; taken over,
     *     not copied
     * @throws IllegalArgumentException when a side is below 1, the array is missing or of the wrong length,
     *     or a value lies outside [0, 1] or is NaN
     */
    public GrayImage {
        if (width < 1 || height < 1) {
            throw new IllegalArgumentException(
                    "Image size must be at least 1x1, but is " + width + "x" + height);
        }
        if (pixels == null || (long) width * height != pixels.length) {
            throw new IllegalArgumentException("A " + width + "x" + height + " image needs "
                    + (long) width * height + " pixel values, but "
                    + (pixels == null ? "none were" : pixels.length + " were") + " given");
        }
        for (int i = 0; i < pixels.length; i++) {
            // Written as a negated range test so that NaN is refused too.
            if (!(pixels[i] >= 0f && pixels[i] <= 1f)) {
                throw new IllegalArgumentException("Pixel (" + i % width + ", " + i / width
                        + ") of a " + width + "x" + height + " image is " + pixels[i]
                        + "; values must lie in [0, 1]");
            }
        }
    }

    /**
     * The value of one pixel.
     *
     * @param x the column, 0 at the left
     * @param y the row, 0 at the top
     * @return the value in [0, 1]
     * @throws IndexOutOfBoundsException when (x, y) lies outside the image
     */
    public float get(int x, int y) {
        if (x < 0 || x >= width || y < 0 || y >= height) {
            throw new IndexOutOfBoundsException("Pixel (" + x + ", " + y + ") is outside the "
                    + width + "x" + height + " image");
        }
        return pixels[y * width + x];
    }

    /**
     * Compares size and pixel values, not array identity.
     *
     * @param other the object to compare with
     * @return whether {@code other} is a {@code GrayImage} with the same size and pixels
     */
    @Override
    public boolean equals(Object other) {
        return other instanceof GrayImage that
                && width == that.width
                && height == that.height
                && Arrays.equals(pixels, that.pixels);
    }

    /** @return a hash of size and pixel values, consistent with {@link #equals} */
    @Override
    public int hashCode() {
        return 31 * (31 * width + height) + Arrays.hashCode(pixels);
    }

    /** @return the size only; the pixels would flood logs */
    @Override
    public String toString() {
        return "GrayImage[" + width + "x" + height + "]";
    }
}
