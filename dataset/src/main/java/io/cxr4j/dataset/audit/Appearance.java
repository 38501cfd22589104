package io.cxr4j.dataset.audit;

import io.cxr4j.core.image.GrayImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Coarse image statistics for the appearance check: the mean brightness of each cell of an 8 x 8
 * grid laid over the whole image, and the image's overall mean and spread. Coarse enough that
 * lung findings rarely separate classes by themselves, fine enough to catch what a source stamps
 * on its images: a different exposure, a marker or label at a fixed place, a frame.
 */
final class Appearance {

    static final int GRID = 8;

    /** The feature names, in the order of {@link #of}. */
    static final List<String> FEATURES = names();

    private Appearance() {}

    /**
     * @param image a decoded image
     * @return its {@value #GRID} x {@value #GRID} cell means (row by row), overall mean and standard deviation
     */
    static double[] of(GrayImage image) {
        double[] features = new double[GRID * GRID + 2];
        long[] counts = new long[GRID * GRID];
        double sum = 0;
        double squares = 0;
        for (int y = 0; y < image.height(); y++) {
            int row = (int) ((long) y * GRID / image.height());
            for (int x = 0; x < image.width(); x++) {
                double v = image.get(x, y);
                int cell = row * GRID + (int) ((long) x * GRID / image.width());
                features[cell] += v;
                counts[cell]++;
                sum += v;
                squares += v * v;
            }
        }
        for (int cell = 0; cell < GRID * GRID; cell++) {
            features[cell] = counts[cell] == 0 ? 0 : features[cell] / counts[cell];
        }
        double n = (double) image.width() * image.height();
        double mean = sum / n;
        features[GRID * GRID] = mean;
        features[GRID * GRID + 1] = Math.sqrt(Math.max(0, squares / n - mean * mean));
        return features;
    }

    private static List<String> names() {
        List<String> names = new ArrayList<>();
        for (int row = 0; row < GRID; row++) {
            for (int column = 0; column < GRID; column++) {
                names.add(String.format(Locale.ROOT, "brightness of cell (row %d, column %d)", row + 1, column + 1));
            }
        }
        names.add("mean brightness");
        names.add("brightness spread");
        return List.copyOf(names);
    }
}
