package io.cxr4j.core.metrics;

import java.util.ArrayList;
import java.util.List;

/**
 * How well the winning class's probability matches how often the prediction is right, as a
 * reliability diagram (equal-width confidence bins) and the expected calibration error (ECE) of
 * Guo et al. 2017: the mean over bins of {@code |accuracy - mean confidence|}, weighted by the
 * share of samples in each bin. A perfectly calibrated model has ECE 0; one that says 99% and is
 * right 90% of the time has an ECE near 0.09.
 *
 * @param count the number of samples
 * @param bins the reliability-diagram bins, from low to high confidence
 * @param expectedCalibrationError the ECE in [0, 1]
 */
public record Calibration(long count, List<Bin> bins, double expectedCalibrationError) {

    /**
     * One bin of the reliability diagram.
     *
     * @param lower the bin's lower edge (excluded, except 0 in the first bin)
     * @param upper the highest confidence in the bin
     * @param count samples whose confidence fell into it
     * @param meanConfidence their mean winning probability, {@code NaN} for an empty bin
     * @param accuracy how many of them were classified correctly
     */
    public record Bin(double lower, double upper, long count, double meanConfidence, Proportion accuracy) {}

    /**
     * Freezes the bins.
     *
     * @param count the number of samples
     * @param bins the reliability-diagram bins, from low to high confidence; copied
     * @param expectedCalibrationError the ECE in [0, 1]
     */
    public Calibration {
        bins = List.copyOf(bins);
    }

    /**
     * The calibration from binned confidences.
     *
     * @param wrong per fine bin, how many wrong predictions had that confidence
     * @param right per fine bin, how many right predictions had that confidence
     * @param sums per fine bin, the sum of the confidences
     * @param reliabilityBins the number of reliability-diagram bins; must divide the fine bins
     * @return the calibration
     */
    static Calibration of(long[] wrong, long[] right, double[] sums, int reliabilityBins) {
        int fine = wrong.length;
        if (reliabilityBins < 1 || fine % reliabilityBins != 0) {
            throw new IllegalArgumentException("The " + fine + " confidence bins cannot be grouped into "
                    + reliabilityBins + " equal reliability bins; use a divisor such as 10 or 20");
        }
        int width = fine / reliabilityBins;
        long total = ScoreHistograms.sum(wrong) + ScoreHistograms.sum(right);
        List<Bin> bins = new ArrayList<>();
        double ece = 0;
        for (int r = 0; r < reliabilityBins; r++) {
            long correct = 0;
            long n = 0;
            double confidence = 0;
            for (int b = r * width; b < (r + 1) * width; b++) {
                correct += right[b];
                n += right[b] + wrong[b];
                confidence += sums[b];
            }
            double mean = n == 0 ? Double.NaN : confidence / n;
            Proportion accuracy = new Proportion(correct, n);
            if (n > 0) {
                ece += (double) n / total * Math.abs(accuracy.value() - mean);
            }
            bins.add(new Bin((double) r / reliabilityBins, (double) (r + 1) / reliabilityBins, n, mean, accuracy));
        }
        return new Calibration(total, bins, ece);
    }
}
