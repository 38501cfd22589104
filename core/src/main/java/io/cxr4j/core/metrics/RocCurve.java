package io.cxr4j.core.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One class's one-vs-rest ROC curve with its AUC and a DeLong 95% confidence interval, derived
 * from binned scores ({@link ScoreHistograms}).
 *
 * <p>The AUC is the Mann-Whitney statistic with ties counted as one half, where two scores in the
 * same bin count as tied. Only (positive, negative) pairs that share a bin can differ from the
 * exact AUC, each by at most one half, so {@code |auc - exact AUC| <= binningError}; reports show
 * that bound beside the AUC whenever it could change the third decimal. The interval
 * is DeLong's (DeLong, DeLong and Clarke-Pearson 1988): the AUC's variance is estimated from the
 * placement values of positives and negatives (computed per bin), and the interval is {@code AUC
 * +- 1.96 SE}, clipped to [0, 1]. It is not a bootstrap interval. When the classes are perfectly
 * separated, or every score is tied, DeLong's variance is 0 and the interval would be a single
 * point however few the images: then there is none ({@code null}), rather than a false certainty.
 *
 * @param positiveClass the class taken as positive
 * @param positives how many samples belong to it
 * @param negatives how many samples belong to other classes
 * @param points the curve from (0, 0) to (1, 1), one point per occupied score bin, in order of
 *     decreasing threshold; empty when there are no positives or no negatives
 * @param auc the area under the curve, {@code NaN} without positives or negatives
 * @param auc95 the DeLong 95% interval, or {@code null} with fewer than two positives or negatives
 *     or when DeLong's variance is 0
 * @param binningError the largest possible difference between {@code auc} and the exact AUC of the
 *     unbinned scores: half the share of (positive, negative) pairs that fell into one bin
 */
public record RocCurve(
        String positiveClass,
        long positives,
        long negatives,
        List<Point> points,
        double auc,
        ConfidenceInterval auc95,
        double binningError) {

    /** The interval method named in reports. */
    public static final String DELONG = "DeLong";

    /**
     * The smallest {@link #binningError()} shown beside an AUC: from here on it can change the
     * third decimal.
     */
    public static final double SHOWN_BINNING_ERROR = 0.0005;

    /**
     * An AUC with three decimals, followed by the largest difference from the exact AUC that the
     * score binning allows when it is at least {@value #SHOWN_BINNING_ERROR}; a smaller one moves
     * the value by less than half a printed digit.
     *
     * @param auc the AUC from binned scores, not NaN
     * @param binningError its {@link #binningError()}
     * @return for example {@code 0.953} or {@code 0.795 +/- 0.009 (score binning)}
     */
    public static String withBinningBound(double auc, double binningError) {
        return String.format(Locale.ROOT, "%.3f", auc) + (binningError >= SHOWN_BINNING_ERROR
                ? String.format(Locale.ROOT, " +/- %.3f (score binning)", binningError) : "");
    }

    /**
     * One point of the curve.
     *
     * @param threshold the sample counts as positive when its score is at least this (the lower
     *     edge of a score bin); {@code +Infinity} for the starting point (0, 0)
     * @param falsePositiveRate 1 - specificity
     * @param truePositiveRate sensitivity
     */
    public record Point(double threshold, double falsePositiveRate, double truePositiveRate) {}

    /**
     * Freezes the points.
     *
     * @param positiveClass the class taken as positive; not null
     * @param positives how many samples belong to it
     * @param negatives how many samples belong to other classes
     * @param points the curve from (0, 0) to (1, 1) in order of decreasing threshold; copied
     * @param auc the area under the curve, {@code NaN} without positives or negatives
     * @param auc95 the DeLong 95% interval, or {@code null} when there is none
     * @param binningError the largest possible difference between {@code auc} and the exact AUC
     */
    public RocCurve {
        Objects.requireNonNull(positiveClass, "positiveClass");
        points = List.copyOf(points);
    }

    /**
     * The curve of binned scores.
     *
     * @param positiveClass the class taken as positive
     * @param positive counts of positives per score bin ({@link ScoreBins}), in increasing order
     *     of score
     * @param negative counts of negatives per score bin, same length
     * @return the curve
     */
    static RocCurve of(String positiveClass, long[] positive, long[] negative) {
        int bins = positive.length;
        long nP = ScoreHistograms.sum(positive);
        long nN = ScoreHistograms.sum(negative);
        if (nP == 0 || nN == 0) {
            return new RocCurve(positiveClass, nP, nN, List.of(), Double.NaN, null, Double.NaN);
        }
        List<Point> points = new ArrayList<>();
        points.add(new Point(Double.POSITIVE_INFINITY, 0, 0));
        long tp = 0;
        long fp = 0;
        for (int b = bins - 1; b >= 0; b--) {
            if (positive[b] + negative[b] > 0) {
                tp += positive[b];
                fp += negative[b];
                points.add(new Point(ScoreBins.lowerEdge(b, bins), (double) fp / nN, (double) tp / nP));
            }
        }
        // Counted in half pairs so that ties stay exact integers.
        long twiceWins = 0;
        long tiedPairs = 0;
        long negativesBelow = 0;
        for (int b = 0; b < bins; b++) {
            twiceWins += positive[b] * (2 * negativesBelow + negative[b]);
            tiedPairs += positive[b] * negative[b];
            negativesBelow += negative[b];
        }
        double pairs = (double) nP * nN;
        double auc = twiceWins / (2 * pairs);
        return new RocCurve(positiveClass, nP, nN, points, auc, delong95(positive, negative, nP, nN, auc),
                tiedPairs / (2 * pairs));
    }

    private static ConfidenceInterval delong95(long[] positive, long[] negative, long nP, long nN, double auc) {
        if (nP < 2 || nN < 2) {
            return null;
        }
        // Placement value of a positive in bin b: the share of negatives it outranks (ties half);
        // of a negative: the share of positives that outrank it. Equal within a bin, so summed per bin.
        long negativesBelow = 0;
        long positivesAbove = nP;
        double positiveSquares = 0;
        double negativeSquares = 0;
        for (int b = 0; b < positive.length; b++) {
            positivesAbove -= positive[b];
            if (positive[b] > 0) {
                double v10 = (negativesBelow + 0.5 * negative[b]) / nN;
                positiveSquares += positive[b] * (v10 - auc) * (v10 - auc);
            }
            if (negative[b] > 0) {
                double v01 = (positivesAbove + 0.5 * positive[b]) / nP;
                negativeSquares += negative[b] * (v01 - auc) * (v01 - auc);
            }
            negativesBelow += negative[b];
        }
        double variance = positiveSquares / (nP - 1) / nP + negativeSquares / (nN - 1) / nN;
        if (!(variance > 1e-15)) {
            return null;
        }
        double half = Quantiles.Z_975 * Math.sqrt(variance);
        return new ConfidenceInterval(Math.max(0, auc - half), Math.min(1, auc + half), 0.95, DELONG);
    }
}
