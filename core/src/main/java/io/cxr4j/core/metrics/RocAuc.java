package io.cxr4j.core.metrics;

import java.util.Arrays;

/**
 * The exact area under the ROC curve, computed as the Mann-Whitney U statistic: the fraction of
 * (positive, negative) pairs in which the positive scores higher, counting ties as one half.
 */
public final class RocAuc {

    private RocAuc() {
    }

    /**
     * The exact ROC AUC of scores against binary labels, in O(n log n).
     *
     * @param scores one score per sample, higher meaning more likely positive; no {@code NaN}
     * @param positive whether each sample is positive, same length as {@code scores}
     * @return the AUC in [0, 1], or {@code NaN} when there are no positives or no negatives
     */
    public static double of(double[] scores, boolean[] positive) {
        if (scores.length != positive.length) {
            throw new IllegalArgumentException("ROC AUC needs one label per score, got "
                    + scores.length + " scores and " + positive.length + " labels");
        }
        int positiveCount = 0;
        for (int i = 0; i < scores.length; i++) {
            if (Double.isNaN(scores[i])) {
                throw new IllegalArgumentException("ROC AUC score " + i + " is NaN; check the model output");
            }
            if (positive[i]) {
                positiveCount++;
            }
        }
        double[] positiveScores = new double[positiveCount];
        double[] negativeScores = new double[scores.length - positiveCount];
        for (int i = 0, p = 0, n = 0; i < scores.length; i++) {
            if (positive[i]) {
                positiveScores[p++] = scores[i];
            } else {
                negativeScores[n++] = scores[i];
            }
        }
        if (positiveScores.length == 0 || negativeScores.length == 0) {
            return Double.NaN;
        }
        Arrays.sort(positiveScores);
        Arrays.sort(negativeScores);
        // Counted in half pairs so that ties stay exact integers.
        long twiceWins = 0;
        int below = 0;
        int notAbove = 0;
        for (double score : positiveScores) {
            while (below < negativeScores.length && negativeScores[below] < score) {
                below++;
            }
            while (notAbove < negativeScores.length && negativeScores[notAbove] <= score) {
                notAbove++;
            }
            twiceWins += 2L * below + (notAbove - below);
        }
        return twiceWins / (2.0 * positiveScores.length * negativeScores.length);
    }
}
