package io.cxr4j.core.image;

import java.util.Arrays;
import java.util.Objects;

/**
 * Resamples gray images with an antialiased bilinear (triangle) filter, the algorithm of PIL's
 * {@code Image.resize(..., BILINEAR)}: the filter support is widened by the scale factor when
 * shrinking, so every source pixel contributes and fine patterns do not alias.
 *
 * <p>The filter is separable (rows, then columns) and the result is deterministic: the same input
 * gives the same floats on every JVM.
 */
public final class Resizer {

    private Resizer() {}

    /**
     * Resamples an image to a given size.
     *
     * @param src the image
     * @param width the new width, at least 1
     * @param height the new height, at least 1
     * @return the resampled image, or {@code src} itself when the size is unchanged
     */
    public static GrayImage resize(GrayImage src, int width, int height) {
        Objects.requireNonNull(src, "src");
        if (width < 1 || height < 1) {
            throw new IllegalArgumentException(
                    "Cannot resize " + src + " to " + width + "x" + height + ": sizes must be >= 1");
        }
        if (width == src.width() && height == src.height()) {
            return src;
        }
        float[] rows = resampleRows(src.pixels(), src.width(), src.height(), width);
        float[] both = resampleColumns(rows, width, src.height(), height);
        return new GrayImage(width, height, both);
    }

    /**
     * Makes the square input of a model.
     *
     * <p>With {@link ResizeMode#PAD} the image is placed on a black square of its longer side (an
     * odd number of padding pixels puts the extra one at the right or bottom) and that square is
     * resampled, so the bars' edges are filtered like the content's; with {@link
     * ResizeMode#CENTER_CROP} an odd excess is cut one pixel more at the right or bottom.
     *
     * @param src the image
     * @param size the side of the square, at least 1
     * @param mode how to handle a non-square image
     * @return a {@code size x size} image
     */
    public static GrayImage toSquare(GrayImage src, int size, ResizeMode mode) {
        Objects.requireNonNull(src, "src");
        Objects.requireNonNull(mode, "mode");
        if (size < 1) {
            throw new IllegalArgumentException("Square size must be >= 1, but is " + size);
        }
        return switch (mode) {
            case STRETCH -> resize(src, size, size);
            case PAD -> pad(src, size);
            case CENTER_CROP -> centerCrop(src, size);
        };
    }

    private static GrayImage pad(GrayImage src, int size) {
        // Padding at the source resolution and resampling the whole square, as PIL and torchvision
        // pipelines do, lets the filter blend the bars' edges like any other edge. Fitting the
        // content first and adding bars afterwards gave crisp bars that only padded (COVID-19)
        // images have, which measurably cost COVID-19 sensitivity (docs/darkcovidnet-runs.md).
        int side = Math.max(src.width(), src.height());
        float[] square = new float[side * side];
        int left = (side - src.width()) / 2;
        int top = (side - src.height()) / 2;
        for (int y = 0; y < src.height(); y++) {
            System.arraycopy(src.pixels(), y * src.width(), square, (top + y) * side + left, src.width());
        }
        return resize(new GrayImage(side, side, square), size, size);
    }

    private static GrayImage centerCrop(GrayImage src, int size) {
        // Cropping before resampling keeps the filter away from pixels that are thrown away.
        int side = Math.min(src.width(), src.height());
        int left = (src.width() - side) / 2;
        int top = (src.height() - side) / 2;
        float[] square = new float[side * side];
        for (int y = 0; y < side; y++) {
            System.arraycopy(src.pixels(), (top + y) * src.width() + left, square, y * side, side);
        }
        return resize(new GrayImage(side, side, square), size, size);
    }

    private static float[] resampleRows(float[] in, int inWidth, int height, int outWidth) {
        Kernel kernel = Kernel.of(inWidth, outWidth);
        float[] out = new float[outWidth * height];
        for (int y = 0; y < height; y++) {
            int rowStart = y * inWidth;
            for (int x = 0; x < outWidth; x++) {
                double[] weights = kernel.weights[x];
                int first = rowStart + kernel.first[x];
                double sum = 0;
                for (int k = 0; k < weights.length; k++) {
                    sum += weights[k] * in[first + k];
                }
                out[y * outWidth + x] = clamp(sum);
            }
        }
        return out;
    }

    private static float[] resampleColumns(float[] in, int width, int inHeight, int outHeight) {
        Kernel kernel = Kernel.of(inHeight, outHeight);
        float[] out = new float[width * outHeight];
        double[] row = new double[width];
        for (int y = 0; y < outHeight; y++) {
            double[] weights = kernel.weights[y];
            Arrays.fill(row, 0);
            // Walking whole source rows keeps memory access sequential.
            for (int k = 0; k < weights.length; k++) {
                int sourceRow = (kernel.first[y] + k) * width;
                for (int x = 0; x < width; x++) {
                    row[x] += weights[k] * in[sourceRow + x];
                }
            }
            for (int x = 0; x < width; x++) {
                out[y * width + x] = clamp(row[x]);
            }
        }
        return out;
    }

    private static float clamp(double value) {
        // Normalised weights still overshoot 1 or undershoot 0 by a rounding error.
        return (float) Math.min(1.0, Math.max(0.0, value));
    }

    /** Per output pixel: the first contributing source pixel and the normalised weights. */
    private record Kernel(int[] first, double[][] weights) {

        static Kernel of(int inSize, int outSize) {
            double scale = (double) inSize / outSize;
            double filterScale = Math.max(scale, 1.0);
            double support = filterScale; // the triangle filter's support is 1
            int[] first = new int[outSize];
            double[][] weights = new double[outSize][];
            for (int i = 0; i < outSize; i++) {
                double center = (i + 0.5) * scale;
                // (int) truncates towards zero, as PIL's C code does.
                int min = Math.max(0, (int) (center - support + 0.5));
                int max = Math.min(inSize, (int) (center + support + 0.5));
                double[] w = new double[max - min];
                double total = 0;
                for (int k = 0; k < w.length; k++) {
                    w[k] = triangle((min + k - center + 0.5) / filterScale);
                    total += w[k];
                }
                for (int k = 0; k < w.length; k++) {
                    w[k] /= total;
                }
                first[i] = min;
                weights[i] = w;
            }
            return new Kernel(first, weights);
        }

        private static double triangle(double x) {
            double distance = Math.abs(x);
            return distance < 1.0 ? 1.0 - distance : 0.0;
        }
    }
}
