package io.cxr4j.core.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One class's one-vs-rest precision-recall curve and average precision, computed exactly from every
 * score ({@link ScoreDistributions}); only equal scores count as tied, as in scikit-learn.
 *
 * <p>Average precision is scikit-learn's {@code average_precision_score}: the sum over thresholds
 * of the recall gained times the precision there, without interpolation. A classifier that
 * guesses scores the class's prevalence, {@code positives / (positives + negatives)}.
 *
 * @param positiveClass the class taken as positive
 * @param positives how many samples belong to it
 * @param negatives how many samples belong to other classes
 * @param points one point per distinct score, in order of decreasing threshold (increasing
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
     * @param points one point per distinct score, in order of decreasing threshold; copied
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
     * The curve of one class's scores.
     *
     * @param positiveClass the class taken as positive
     * @param ranked its scores, positives and negatives side by side
     * @return the curve
     */
    static PrecisionRecallCurve of(String positiveClass, RankedScores ranked) {
        long nP = ranked.positives();
        long nN = ranked.negatives();
        if (nP == 0) {
            return new PrecisionRecallCurve(positiveClass, nP, nN, List.of(), Double.NaN);
        }
        List<Point> points = new ArrayList<>(ranked.rows());
        long tp = 0;
        long fp = 0;
        double previousRecall = 0;
        double averagePrecision = 0;
        for (int r = ranked.rows() - 1; r >= 0; r--) {
            tp += ranked.positive()[r];
            fp += ranked.negative()[r];
            double recall = (double) tp / nP;
            double precision = (double) tp / (tp + fp);
            averagePrecision += (recall - previousRecall) * precision;
            previousRecall = recall;
            points.add(new Point(ranked.scores()[r], recall, precision));
        }
        return new PrecisionRecallCurve(positiveClass, nP, nN, points, averagePrecision);
    }
}
