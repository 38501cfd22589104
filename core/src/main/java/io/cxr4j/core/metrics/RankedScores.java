package io.cxr4j.core.metrics;

import java.util.Arrays;

/**
 * One class's scores, one-vs-rest, laid side by side: every distinct score of either side in
 * increasing order, with how many positives and how many negatives had it. ROC and
 * precision-recall curves, the AUC and DeLong's placement values are all walks over these rows;
 * a row is one threshold, and the positives and negatives in one row are truly tied.
 *
 * @param scores the distinct scores of positives and negatives, increasing
 * @param positive how many positives had each score
 * @param negative how many negatives had each score
 * @param positives all positives
 * @param negatives all negatives
 */
record RankedScores(double[] scores, long[] positive, long[] negative, long positives, long negatives) {

    /**
     * Lays two sets of counts side by side.
     *
     * @param positives the scores of samples of the class
     * @param negatives the scores of samples of the other classes
     * @return the rows
     */
    static RankedScores of(ScoreCounts positives, ScoreCounts negatives) {
        int p = positives.distinct();
        int n = negatives.distinct();
        double[] scores = new double[p + n];
        long[] positive = new long[p + n];
        long[] negative = new long[p + n];
        int rows = 0;
        for (int i = 0, j = 0; i < p || j < n; rows++) {
            // Scores are finite, so infinity marks a side that is used up.
            float next = Math.min(i < p ? positives.value(i) : Float.POSITIVE_INFINITY,
                    j < n ? negatives.value(j) : Float.POSITIVE_INFINITY);
            scores[rows] = next;
            if (i < p && positives.value(i) == next) {
                positive[rows] = positives.count(i++);
            }
            if (j < n && negatives.value(j) == next) {
                negative[rows] = negatives.count(j++);
            }
        }
        return new RankedScores(Arrays.copyOf(scores, rows), Arrays.copyOf(positive, rows),
                Arrays.copyOf(negative, rows), positives.total(), negatives.total());
    }

    /** @return the number of rows, distinct scores */
    int rows() {
        return scores.length;
    }
}
