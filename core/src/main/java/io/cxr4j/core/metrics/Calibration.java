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

    /** The most reliability-diagram bins, far more than a diagram can show. */
    public static final int MAX_BINS = 1_000_000;

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
     * The calibration of winning probabilities. Bins are closed at their upper edge, (lower,
     * upper], as in Guo et al.'s definition of the ECE (and scikit-learn's calibration curve), so a
     * confidence of exactly 0.5 falls in the bin below 0.5; the first bin also takes 0.
     *
     * @param right the winning probabilities (clipped to [0, 1]) of right predictions
     * @param wrong those of wrong predictions
     * @param reliabilityBins the number of equal-width reliability-diagram bins, at least 1
     * @return the calibration
     */
    static Calibration of(ScoreCounts right, ScoreCounts wrong, int reliabilityBins) {
        if (reliabilityBins < 1 || reliabilityBins > MAX_BINS) {
            throw new IllegalArgumentException("A reliability diagram needs between 1 and " + MAX_BINS
                    + " bins, such as 10, got " + reliabilityBins);
        }
        long[] correct = new long[reliabilityBins];
        long[] counts = new long[reliabilityBins];
        double[] confidences = new double[reliabilityBins];
        for (boolean isRight : new boolean[] {true, false}) {
            ScoreCounts side = isRight ? right : wrong;
            for (int i = 0; i < side.distinct(); i++) {
                double p = side.value(i);
                // p * bins is exact (a float times a small integer), so the edges are exact too.
                int bin = (int) Math.max(0, Math.ceil(p * reliabilityBins) - 1);
                counts[bin] += side.count(i);
                correct[bin] += isRight ? side.count(i) : 0;
                confidences[bin] += p * side.count(i);
            }
        }
        long total = right.total() + wrong.total();
        List<Bin> bins = new ArrayList<>();
        double ece = 0;
        for (int r = 0; r < reliabilityBins; r++) {
            long n = counts[r];
            double mean = n == 0 ? Double.NaN : confidences[r] / n;
            Proportion accuracy = new Proportion(correct[r], n);
            if (n > 0) {
                ece += (double) n / total * Math.abs(accuracy.value() - mean);
            }
            bins.add(new Bin((double) r / reliabilityBins, (double) (r + 1) / reliabilityBins, n, mean, accuracy));
        }
        return new Calibration(total, bins, ece);
    }
}
