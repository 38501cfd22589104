package io.cxr4j.core.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One class's one-vs-rest precision-recall curve and average precision, derived from binned scores
 * ({@link ScoreHistograms}). Scores in one bin count as tied, as for {@link RocCurve}; unlike the
 * AUC, average precision also moves when two positives share a bin, so {@link
 * RocCurve#binningError()} does not bound its difference from the unbinned value (checked against
 * scikit-learn: 4e-5 on 200 random scores, 8e-6 on 5,000, far below the three decimals
 * reports print).
 *
 * <p>Average precision is scikit-learn's {@code average_precision_score}: the sum over thresholds
 * of the recall gained times the precision there, without interpolation. A classifier that
 * guesses scores the class's prevalence, {@code positives / (positives + negatives)}.
 *
 * @param positiveClass the class taken as positive
 * @param positives how many samples belong to it
 * @param negatives how many samples belong to other classes
 * @param points one point per occupied score bin, in order of decreasing threshold (increasing
 *     recall); empty without positives
 * @param averagePrecision the average precision, {@code NaN} without positives
 */
public record PrecisionRecallCurve(
        String positiveClass, long positives, long negatives, List<Point> points, double averagePrecision) {

    /**
     * One point of the curve.
     *
     * @param threshold the sample counts as positive when its score is at least this
     * @param recall sensitivity at this threshold
     * @param precision positive predictive value at this threshold
     */
    public record Point(double threshold, double recall, double precision) {}

    /**
     * Freezes the points.
     *
     * @param positiveClass the class taken as positive; not null
     * @param positives how many samples belong to it
     * @param negatives how many samples belong to other classes
     * @param points one point per occupied score bin, in order of decreasing threshold; copied
     * @param averagePrecision the average precision, {@code NaN} without positives
     */
    public PrecisionRecallCurve {
        Objects.requireNonNull(positiveClass, "positiveClass");
        points = List.copyOf(points);
    }

    /** @return the average precision of random guessing, the class's prevalence */
    public double prevalence() {
        return (double) positives / (positives + negatives);
    }

    /**
     * The curve of binned scores.
     *
     * @param positiveClass the class taken as positive
     * @param positive counts of positives per score bin
     * @param negative counts of negatives per score bin, same length
     * @return the curve
     */
    static PrecisionRecallCurve of(String positiveClass, long[] positive, long[] negative) {
        long nP = ScoreHistograms.sum(positive);
        long nN = ScoreHistograms.sum(negative);
        if (nP == 0) {
            return new PrecisionRecallCurve(positiveClass, nP, nN, List.of(), Double.NaN);
        }
        List<Point> points = new ArrayList<>();
        long tp = 0;
        long fp = 0;
        double previousRecall = 0;
        double averagePrecision = 0;
        for (int b = positive.length - 1; b >= 0; b--) {
            if (positive[b] + negative[b] > 0) {
                tp += positive[b];
                fp += negative[b];
                double recall = (double) tp / nP;
                double precision = (double) tp / (tp + fp);
                averagePrecision += (recall - previousRecall) * precision;
                previousRecall = recall;
                points.add(new Point(ScoreBins.lowerEdge(b, positive.length), recall, precision));
            }
        }
        return new PrecisionRecallCurve(positiveClass, nP, nN, points, averagePrecision);
    }
}
