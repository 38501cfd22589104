package io.cxr4j.core.metrics;

/**
 * Where a probability goes among {@code n} score bins: bins of equal width in logit space,
 * {@code log(p / (1 - p))}, from -{@value #LOGIT_LIMIT} to {@value #LOGIT_LIMIT}, the first bin
 * also holding everything below and the last everything above.
 *
 * <p>Equal widths in logit space make a bin narrow in probability where softmax outputs crowd,
 * near 0 and 1: its width at {@code p} is about {@code p (1 - p)} times the logit width. With
 * {@link EvaluationAccumulator#DEFAULT_BINS} bins a bin is about 6.5e-5 wide at p = 0.5, 2.6e-6 at
 * 0.99 and 2.6e-8 at 0.9999 (as many equal-width bins over [0, 1] would be 7.6e-6 wide everywhere:
 * finer in the middle, far coarser where a trained classifier puts most of its scores). The limit keeps apart the float probabilities just
 * below 1 (1 - 2^-24 has logit 16.6) and lumps together only probabilities within 4e-8 of 0 or 1.
 */
final class ScoreBins {

    /** The absolute logit beyond which probabilities share the first or last bin. */
    static final double LOGIT_LIMIT = 17;

    private ScoreBins() {}

    /**
     * The bin of a probability; float rounding just outside [0, 1] lands in the edge bins.
     *
     * @param probability a probability
     * @param bins the number of bins
     * @return the bin index in [0, bins)
     */
    static int bin(float probability, int bins) {
        double p = Math.min(1, Math.max(0, probability));
        double logit = Math.log(p) - Math.log1p(-p);
        double position = (logit + LOGIT_LIMIT) / (2 * LOGIT_LIMIT) * bins;
        // NaN cannot occur: p = 0 gives -Infinity, p = 1 gives +Infinity.
        return (int) Math.max(0, Math.min(bins - 1, Math.floor(position)));
    }

    /**
     * The lowest probability a bin holds, used as its threshold.
     *
     * @param bin the bin index
     * @param bins the number of bins
     * @return 0 for the first bin, else the sigmoid of the bin's lower logit edge
     */
    static double lowerEdge(int bin, int bins) {
        if (bin == 0) {
            return 0;
        }
        double logit = -LOGIT_LIMIT + 2 * LOGIT_LIMIT * bin / bins;
        return 1 / (1 + Math.exp(-logit));
    }

    /**
     * The first bin whose lower edge is at least a threshold, so that a threshold that is itself a
     * bin edge (chosen on another snapshot) maps back to exactly that bin.
     *
     * @param threshold a probability in [0, 1]
     * @param bins the number of bins
     * @return the bin index, the last bin for thresholds above its lower edge
     */
    static int firstBinFrom(double threshold, int bins) {
        double logit = Math.log(threshold) - Math.log1p(-threshold);
        double estimate = Math.ceil((logit + LOGIT_LIMIT) / (2 * LOGIT_LIMIT) * bins);
        int b = (int) Math.max(0, Math.min(bins - 1, estimate));
        // The logit of a sigmoid is off by rounding, most near 1; settle it on the edges themselves.
        while (b > 0 && lowerEdge(b - 1, bins) >= threshold) {
            b--;
        }
        while (b < bins - 1 && lowerEdge(b, bins) < threshold) {
            b++;
        }
        return b;
    }
}
