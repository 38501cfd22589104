package io.cxr4j.core.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One class's one-vs-rest ROC curve with its AUC and a DeLong 95% confidence interval, computed
 * exactly from every score ({@link ScoreDistributions}).
 *
 * <p>The AUC is the Mann-Whitney statistic with ties counted as one half, as scikit-learn's
 * {@code roc_auc_score}; only equal scores count as tied. The interval is DeLong's (DeLong, DeLong
 * and Clarke-Pearson 1988): the AUC's variance is estimated from the placement values of positives
 * and negatives, and the interval is {@code AUC +- 1.96 SE}, clipped to [0, 1]. It is not a
 * bootstrap interval. When the classes are perfectly separated, or every score is tied, DeLong's
 * variance is 0 and the interval would be a single point however few the images: then there is
 * none ({@code null}), rather than a false certainty.
 *
 * @param positiveClass the class taken as positive
 * @param positives how many samples belong to it
 * @param negatives how many samples belong to other classes
 * @param points the curve from (0, 0) to (1, 1), one point per distinct score, in order of
 *     decreasing threshold; empty when there are no positives or no negatives
 * @param auc the area under the curve, {@code NaN} without positives or negatives
 * @param auc95 the DeLong 95% interval, or {@code null} with fewer than two positives or negatives
 *     or when DeLong's variance is 0
 */
public record RocCurve(
        String positiveClass,
        long positives,
        long negatives,
        List<Point> points,
        double auc,
        ConfidenceInterval auc95) {

    /** The interval method named in reports. */
    public static final String DELONG = "DeLong";

    /**
     * One point of the curve.
     *
     * @param threshold the sample counts as positive when its score is at least this (one of the
     *     scores); {@code +Infinity} for the starting point (0, 0)
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
     */
    public RocCurve {
        Objects.requireNonNull(positiveClass, "positiveClass");
        points = List.copyOf(points);
    }

    /**
     * The curve of one class's scores.
     *
     * @param positiveClass the class taken as positive
     * @param ranked its scores, positives and negatives side by side
     * @return the curve
     */
    static RocCurve of(String positiveClass, RankedScores ranked) {
        long nP = ranked.positives();
        long nN = ranked.negatives();
        if (nP == 0 || nN == 0) {
            return new RocCurve(positiveClass, nP, nN, List.of(), Double.NaN, null);
        }
        long[] positive = ranked.positive();
        long[] negative = ranked.negative();
        List<Point> points = new ArrayList<>(ranked.rows() + 1);
        points.add(new Point(Double.POSITIVE_INFINITY, 0, 0));
        long tp = 0;
        long fp = 0;
        for (int r = ranked.rows() - 1; r >= 0; r--) {
            tp += positive[r];
            fp += negative[r];
            points.add(new Point(ranked.scores()[r], (double) fp / nN, (double) tp / nP));
        }
        double auc = auc(ranked);
        return new RocCurve(positiveClass, nP, nN, points, auc, delong95(positive, negative, nP, nN, auc));
    }

    /**
     * The AUC alone, without the curve's points.
     *
     * @param ranked one class's scores, positives and negatives side by side
     * @return the share of (positive, negative) pairs the positive wins, ties counting one half;
     *     {@code NaN} without positives or negatives
     */
    static double auc(RankedScores ranked) {
        if (ranked.positives() == 0 || ranked.negatives() == 0) {
            return Double.NaN;
        }
        // Counted in half pairs so that ties stay exact integers.
        long twiceWins = 0;
        long negativesBelow = 0;
        for (int r = 0; r < ranked.rows(); r++) {
            twiceWins += ranked.positive()[r] * (2 * negativesBelow + ranked.negative()[r]);
            negativesBelow += ranked.negative()[r];
        }
        double pairs = (double) ranked.positives() * ranked.negatives();
        return twiceWins / (2 * pairs);
    }

    private static ConfidenceInterval delong95(long[] positive, long[] negative, long nP, long nN, double auc) {
        if (nP < 2 || nN < 2) {
            return null;
        }
        // Placement value of a positive with score s: the share of negatives it outranks (ties half);
        // of a negative: the share of positives that outrank it. Equal for equal scores, so summed per score.
        long negativesBelow = 0;
        long positivesAbove = nP;
        double positiveSquares = 0;
        double negativeSquares = 0;
        for (int r = 0; r < positive.length; r++) {
            positivesAbove -= positive[r];
            if (positive[r] > 0) {
                double v10 = (negativesBelow + 0.5 * negative[r]) / nN;
                positiveSquares += positive[r] * (v10 - auc) * (v10 - auc);
            }
            if (negative[r] > 0) {
                double v01 = (positivesAbove + 0.5 * positive[r]) / nP;
                negativeSquares += negative[r] * (v01 - auc) * (v01 - auc);
            }
            negativesBelow += negative[r];
        }
        double variance = positiveSquares / (nP - 1) / nP + negativeSquares / (nN - 1) / nN;
        if (!(variance > 1e-15)) {
            return null;
        }
        double half = Quantiles.Z_975 * Math.sqrt(variance);
        return new ConfidenceInterval(Math.max(0, auc - half), Math.min(1, auc + half), 0.95, DELONG);
    }
}
