package io.cxr4j.core.image;

/** The histogram equalizations of {@link IntensityTransform}, on 256 gray levels. */
final class Equalization {

    /** Tiles per side of {@link IntensityTransform#CLAHE}. */
    static final int CLAHE_TILES = 8;

    /** Clip limit of {@link IntensityTransform#CLAHE}, in multiples of a tile's mean level count. */
    static final double CLAHE_CLIP_LIMIT = 2.0;

    static final int LEVELS = 256;

    private Equalization() {}

    /** The gray level of a value in [0, 1]. */
    static int level(float value) {
        return Math.min(LEVELS - 1, (int) (value * LEVELS));
    }

    /** Global histogram equalization, as {@link IntensityTransform#HISTOGRAM_EQUALIZATION} states. */
    static GrayImage histogram(GrayImage image) {
        float[] pixels = image.pixels();
        long[] cdf = new long[LEVELS];
        for (float value : pixels) {
            cdf[level(value)]++;
        }
        int darkest = 0;
        while (cdf[darkest] == 0) {
            darkest++;
        }
        for (int b = 1; b < LEVELS; b++) {
            cdf[b] += cdf[b - 1];
        }
        long n = pixels.length;
        long atDarkest = cdf[darkest];
        if (atDarkest == n) {
            return image;
        }
        float[] out = new float[pixels.length];
        for (int i = 0; i < pixels.length; i++) {
            out[i] = (float) ((double) (cdf[level(pixels[i])] - atDarkest) / (n - atDarkest));
        }
        return new GrayImage(image.width(), image.height(), out);
    }

    /**
     * Contrast-limited adaptive histogram equalization, as {@link IntensityTransform#CLAHE}
     * states. Tile {@code i} of {@code tilesX} holds the columns {@code x} with {@code floor(x *
     * tilesX / width) == i} (rows likewise); tile centres lie at {@code (i + 0.5) * width /
     * tilesX}, and pixels outside the outermost centres take the nearest tiles' mappings.
     *
     * @param image the image
     * @param tilesX tiles across, reduced to the width if the image is narrower
     * @param tilesY tiles down, reduced to the height if the image is lower
     * @param clipLimit the clip limit in multiples of a tile's mean level count (its pixels / 256);
     *     at least one pixel per level is always kept
     * @return the equalized image
     */
    static GrayImage clahe(GrayImage image, int tilesX, int tilesY, double clipLimit) {
        int width = image.width();
        int height = image.height();
        int gx = Math.min(tilesX, width);
        int gy = Math.min(tilesY, height);
        float[] pixels = image.pixels();
        double[][] maps = new double[gx * gy][];
        for (int ty = 0; ty < gy; ty++) {
            for (int tx = 0; tx < gx; tx++) {
                maps[ty * gx + tx] = tileMapping(pixels, width, firstOf(tx, gx, width), firstOf(tx + 1, gx, width),
                        firstOf(ty, gy, height), firstOf(ty + 1, gy, height), clipLimit);
            }
        }
        float[] out = new float[pixels.length];
        for (int y = 0; y < height; y++) {
            double fy = (y + 0.5) * gy / height - 0.5;
            int y0 = (int) Math.floor(fy);
            double wy = fy - y0;
            int top = clamp(y0, gy);
            int bottom = clamp(y0 + 1, gy);
            for (int x = 0; x < width; x++) {
                double fx = (x + 0.5) * gx / width - 0.5;
                int x0 = (int) Math.floor(fx);
                double wx = fx - x0;
                int left = clamp(x0, gx);
                int right = clamp(x0 + 1, gx);
                int b = level(pixels[y * width + x]);
                double upper = (1 - wx) * maps[top * gx + left][b] + wx * maps[top * gx + right][b];
                double lower = (1 - wx) * maps[bottom * gx + left][b] + wx * maps[bottom * gx + right][b];
                out[y * width + x] = (float) Math.min(1.0, (1 - wy) * upper + wy * lower);
            }
        }
        return new GrayImage(width, height, out);
    }

    /** The first column (or row) of tile {@code tile}, i.e. the smallest x with floor(x * tiles / size) == tile. */
    private static int firstOf(int tile, int tiles, int size) {
        return (int) (((long) tile * size + tiles - 1) / tiles);
    }

    private static int clamp(int tile, int tiles) {
        return Math.max(0, Math.min(tiles - 1, tile));
    }

    /** One tile's clipped cumulative histogram divided by its pixel count: level to value in [0, 1]. */
    private static double[] tileMapping(float[] pixels, int width, int x0, int x1, int y0, int y1, double clipLimit) {
        double[] histogram = new double[LEVELS];
        for (int y = y0; y < y1; y++) {
            for (int x = x0; x < x1; x++) {
                histogram[level(pixels[y * width + x])]++;
            }
        }
        double area = (double) (x1 - x0) * (y1 - y0);
        double clip = Math.max(1.0, clipLimit * area / LEVELS);
        double excess = 0;
        for (int b = 0; b < LEVELS; b++) {
            if (histogram[b] > clip) {
                excess += histogram[b] - clip;
                histogram[b] = clip;
            }
        }
        double share = excess / LEVELS;
        double[] mapping = new double[LEVELS];
        double sum = 0;
        for (int b = 0; b < LEVELS; b++) {
            sum += histogram[b] + share;
            mapping[b] = sum / area;
        }
        return mapping;
    }
}
