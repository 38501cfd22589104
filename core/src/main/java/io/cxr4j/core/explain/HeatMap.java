package io.cxr4j.core.explain;

import io.cxr4j.core.image.GrayImage;
import io.cxr4j.core.image.ResizeMode;
import io.cxr4j.core.image.Resizer;
import java.util.Arrays;
import java.util.Objects;

/**
 * A grid of non-negative heat values, row by row from the top left, such as a Grad-CAM map. Its
 * values are in the engine's raw units (ReLU of a gradient-weighted sum of activations): only
 * their relative size within one map means something.
 *
 * <p>Like {@link GrayImage}, the array is taken over, not copied: whoever builds a {@code HeatMap}
 * hands the array over and nobody may modify it afterwards. Every method returns a new map.
 *
 * @param width the width in cells, at least 1
 * @param height the height in cells, at least 1
 * @param values the {@code width * height} finite, non-negative values
 */
public record HeatMap(int width, int height, float[] values) {

    /**
     * Validates the size and that every value is finite and non-negative.
     *
     * @param width the width in cells, at least 1
     * @param height the height in cells, at least 1
     * @param values the {@code width * height} finite, non-negative values, row by row from the top left;
     *     taken over, not copied
     * @throws IllegalArgumentException when a side is below 1, the array is missing or of the wrong length,
     *     or a value is negative, infinite or NaN
     */
    public HeatMap {
        if (width < 1 || height < 1) {
            throw new IllegalArgumentException("Heat map size must be at least 1x1, but is " + width + "x" + height);
        }
        if (values == null || (long) width * height != values.length) {
            throw new IllegalArgumentException("A " + width + "x" + height + " heat map needs "
                    + (long) width * height + " values, but " + (values == null ? "none were" : values.length + " were")
                    + " given");
        }
        for (int i = 0; i < values.length; i++) {
            // Negated so that NaN is refused too; Grad-CAM maps pass a ReLU, so negatives are a bug.
            if (!(values[i] >= 0f && values[i] < Float.POSITIVE_INFINITY)) {
                throw new IllegalArgumentException("Heat map cell (" + i % width + ", " + i / width + ") is "
                        + values[i] + "; values must be finite and >= 0");
            }
        }
    }

    /**
     * The value of one cell.
     *
     * @param x the column, 0 at the left
     * @param y the row, 0 at the top
     * @return the value
     */
    public float get(int x, int y) {
        if (x < 0 || x >= width || y < 0 || y >= height) {
            throw new IndexOutOfBoundsException("Cell (" + x + ", " + y + ") is outside the " + width + "x"
                    + height + " heat map");
        }
        return values[y * width + x];
    }

    /** @return the smallest value */
    public float min() {
        float min = Float.POSITIVE_INFINITY;
        for (float v : values) {
            min = Math.min(min, v);
        }
        return min;
    }

    /** @return the largest value */
    public float max() {
        float max = 0f;
        for (float v : values) {
            max = Math.max(max, v);
        }
        return max;
    }

    /** @return the sum of all values, the map's total "mass" */
    public double sum() {
        double sum = 0;
        for (float v : values) {
            sum += v;
        }
        return sum;
    }

    /**
     * Resamples the map with cxr4j's {@link Resizer} (bilinear when enlarging, antialiased when
     * shrinking), as an image would be.
     *
     * @param newWidth the new width, at least 1
     * @param newHeight the new height, at least 1
     * @return the resampled map, or this map when the size is unchanged
     */
    public HeatMap resize(int newWidth, int newHeight) {
        if (newWidth == width && newHeight == height) {
            return this;
        }
        float max = max();
        if (max == 0f) {
            return new HeatMap(newWidth, newHeight, new float[newWidth * newHeight]);
        }
        // Resizer works on [0, 1] images: scale into that range and back. Interpolation is linear,
        // so the result is the same as resampling the raw values.
        float[] unit = new float[values.length];
        for (int i = 0; i < unit.length; i++) {
            unit[i] = Math.min(1f, values[i] / max);
        }
        float[] resized = Resizer.resize(new GrayImage(width, height, unit), newWidth, newHeight).pixels();
        for (int i = 0; i < resized.length; i++) {
            resized[i] *= max;
        }
        return new HeatMap(newWidth, newHeight, resized);
    }

    /**
     * Maps a heat map over a model's square input back onto the original image, undoing what
     * {@link Resizer#toSquare} did: with {@link ResizeMode#STRETCH} the map is resampled to the
     * original size; with {@link ResizeMode#PAD} the padding bars are cut off first; with {@link
     * ResizeMode#CENTER_CROP} the map covers only the central square the model saw, and the cut-off
     * ends of the longer side get 0 (the model never saw them).
     *
     * @param originalWidth the original image's width
     * @param originalHeight the original image's height
     * @param mode the resize mode of the model's preprocessing
     * @return the map at {@code originalWidth x originalHeight}
     */
    public HeatMap toOriginal(int originalWidth, int originalHeight, ResizeMode mode) {
        Objects.requireNonNull(mode, "mode");
        if (width != height) {
            throw new IllegalArgumentException("Only a square model-input map can be mapped back, but this one is "
                    + width + "x" + height);
        }
        int size = width;
        return switch (mode) {
            case STRETCH -> resize(originalWidth, originalHeight);
            case PAD -> {
                // Resizer pads at the original resolution, so the bars are cut off there.
                int side = Math.max(originalWidth, originalHeight);
                yield resize(side, side).crop((side - originalWidth) / 2, (side - originalHeight) / 2,
                        originalWidth, originalHeight);
            }
            case CENTER_CROP -> {
                // The same arithmetic as Resizer's centre crop.
                int side = Math.min(originalWidth, originalHeight);
                HeatMap square = resize(side, side);
                float[] out = new float[originalWidth * originalHeight];
                int left = (originalWidth - side) / 2;
                int top = (originalHeight - side) / 2;
                for (int y = 0; y < side; y++) {
                    System.arraycopy(square.values, y * side, out, (top + y) * originalWidth + left, side);
                }
                yield new HeatMap(originalWidth, originalHeight, out);
            }
        };
    }

    private HeatMap crop(int left, int top, int cropWidth, int cropHeight) {
        float[] out = new float[cropWidth * cropHeight];
        for (int y = 0; y < cropHeight; y++) {
            System.arraycopy(values, (top + y) * width + left, out, y * cropWidth, cropWidth);
        }
        return new HeatMap(cropWidth, cropHeight, out);
    }

    /**
     * Compares size and values, not array identity.
     *
     * @param other the object to compare with
     * @return whether {@code other} is a {@code HeatMap} with the same size and values
     */
    @Override
    public boolean equals(Object other) {
        return other instanceof HeatMap that && width == that.width && height == that.height
                && Arrays.equals(values, that.values);
    }

    /** @return a hash of size and values, consistent with {@link #equals} */
    @Override
    public int hashCode() {
        return 31 * (31 * width + height) + Arrays.hashCode(values);
    }

    /** @return the size and range only; the values would flood logs */
    @Override
    public String toString() {
        return "HeatMap[" + width + "x" + height + ", max " + max() + "]";
    }
}
