package io.cxr4j.core.metrics;

import java.util.List;

/**
 * Collects a classifier's outputs sample by sample or batch by batch during an evaluation loop and
 * turns them into an {@link Evaluation} and {@link ScoreHistograms} at the end, in the style of
 * MONAI's metric accumulators.
 *
 * <p>Memory does not grow with the number of samples: instead of keeping every score, each class's
 * score is counted into one of {@link #bins()} score bins, of equal width in logit space so that
 * they are finest near 0 and 1 where softmax outputs crowd (see {@link ScoreBins}), separately for
 * samples of that class and of the other classes, next to a confusion matrix and a histogram of
 * the winning probability (for calibration). With the default {@value #DEFAULT_BINS} bins that is
 * 2 MiB per class plus 0.2 MiB, 4.2 MiB for a binary model, whether 100 or 100,000 images are
 * evaluated ({@link #stateBytes()}). ROC, AUC, precision-recall and calibration are then derived
 * from the bins; scores that fall into the same bin count as tied (see {@link
 * RocCurve#binningError()} for the bound this puts on the AUC). Not thread-safe: feed it from one
 * thread.
 */
public final class EvaluationAccumulator {

    /**
     * The number of score bins per class unless told otherwise, 2^17: bins about 6.5e-5 wide at a
     * probability of 0.5 and narrower towards 0 and 1.
     */
    public static final int DEFAULT_BINS = 131_072;

    /**
     * How far outside [0, 1] a softmax output may stray through float rounding before it is
     * treated as not a probability at all (logits, a missing softmax).
     */
    private static final float ROUNDING_SLACK = 1e-4f;

    private final List<String> classNames;
    private final int classCount;
    private final int bins;
    private final long[][] confusion;
    /**
     * {@code scoreCounts[scoredClass][actual == scoredClass ? 0 : 1][bin]}: one-vs-rest curves need
     * no more than whether the sample belongs to the scored class.
     */
    private final long[][][] scoreCounts;
    /**
     * {@code confidenceCounts[correct ? 1 : 0][bin]} of the winning class's probability, in
     * {@link ScoreHistograms#CONFIDENCE_BINS} equal-width bins over [0, 1].
     */
    private final long[][] confidenceCounts;
    private final double[] confidenceSums;
    private long count;

    /**
     * An empty accumulator with {@value #DEFAULT_BINS} score bins per class.
     *
     * @param classNames at least two distinct class names, in the model's output order
     */
    public EvaluationAccumulator(List<String> classNames) {
        this(classNames, DEFAULT_BINS);
    }

    /**
     * An empty accumulator.
     *
     * @param classNames at least two distinct class names, in the model's output order
     * @param bins score bins per class, at least 10; more bins mean fewer scores counted as tied
     *     and more memory ({@code 16 * classes * bins} bytes)
     */
    public EvaluationAccumulator(List<String> classNames, int bins) {
        // Fails now rather than at evaluate(), after a possibly long inference loop.
        this.classNames = ConfusionMatrix.validatedClassNames(classNames);
        if (bins < 10 || bins > 1_000_000) {
            throw new IllegalArgumentException("Use between 10 and 1,000,000 score bins, got " + bins);
        }
        this.classCount = this.classNames.size();
        this.bins = bins;
        this.confusion = new long[classCount][classCount];
        this.scoreCounts = new long[classCount][2][bins];
        this.confidenceCounts = new long[2][ScoreHistograms.CONFIDENCE_BINS];
        this.confidenceSums = new double[ScoreHistograms.CONFIDENCE_BINS];
    }

    /**
     * Records one sample. The predicted class is the one with the highest probability; on a tie
     * the lower class index wins.
     *
     * @param actualIndex the sample's actual class index
     * @param probabilities one probability in [0, 1] per class, such as softmax outputs
     */
    public void add(int actualIndex, float[] probabilities) {
        validate(actualIndex, probabilities, "Sample");
        append(actualIndex, probabilities);
    }

    /**
     * Records a batch. The whole batch is validated first, so an invalid row adds nothing.
     *
     * @param actual the actual class index of each sample
     * @param probabilities one row of per-class probabilities per sample
     */
    public void addBatch(int[] actual, float[][] probabilities) {
        if (actual.length != probabilities.length) {
            throw new IllegalArgumentException("Batch has " + actual.length + " labels but "
                    + probabilities.length + " probability rows; they must match");
        }
        for (int i = 0; i < actual.length; i++) {
            validate(actual[i], probabilities[i], "Batch row " + i);
        }
        for (int i = 0; i < actual.length; i++) {
            append(actual[i], probabilities[i]);
        }
    }

    /** @return how many samples have been recorded */
    public long count() {
        return count;
    }

    /** @return the number of score bins per class */
    public int bins() {
        return bins;
    }

    /**
     * The bytes the accumulated state occupies in its arrays. It depends on the number of classes
     * and bins only, never on how many samples were added.
     *
     * @return the size of the state arrays in bytes
     */
    public long stateBytes() {
        long longs = (long) classCount * classCount + 2L * classCount * bins + 2L * ScoreHistograms.CONFIDENCE_BINS;
        return 8 * longs + 8L * ScoreHistograms.CONFIDENCE_BINS;
    }

    /**
     * Evaluates everything recorded so far. The accumulator stays usable; more samples may be
     * added and evaluated again.
     *
     * @return the evaluation, its per-class AUCs computed from the score bins
     * @throws IllegalStateException if no sample has been recorded
     */
    public Evaluation evaluate() {
        return snapshot().evaluation();
    }

    /**
     * An immutable copy of the state, from which curves, calibration and operating points are
     * derived, and which can be merged with other snapshots (for example pooled over folds).
     *
     * @return the snapshot
     * @throws IllegalStateException if no sample has been recorded
     */
    public ScoreHistograms snapshot() {
        if (count == 0) {
            throw new IllegalStateException(
                    "No samples to evaluate; call add or addBatch with the model outputs first");
        }
        return new ScoreHistograms(classNames, bins, confusion, scoreCounts, confidenceCounts, confidenceSums);
    }

    private void validate(int actualIndex, float[] probabilities, String where) {
        if (actualIndex < 0 || actualIndex >= classCount) {
            throw new IllegalArgumentException(where + " has actual class index " + actualIndex
                    + ", outside 0.." + (classCount - 1) + " for classes " + classNames);
        }
        if (probabilities.length != classCount) {
            throw new IllegalArgumentException(where + " has " + probabilities.length
                    + " probabilities, expected one per class " + classNames);
        }
        for (int c = 0; c < classCount; c++) {
            if (!Float.isFinite(probabilities[c])) {
                throw new IllegalArgumentException(where + " has a non-finite probability "
                        + probabilities[c] + " for class '" + classNames.get(c) + "'; check the model output");
            }
            if (probabilities[c] < -ROUNDING_SLACK || probabilities[c] > 1 + ROUNDING_SLACK) {
                throw new IllegalArgumentException(where + " has score " + probabilities[c] + " for class '"
                        + classNames.get(c) + "', which is not a probability in [0, 1]; pass softmax outputs,"
                        + " not logits");
            }
        }
    }

    private void append(int actualIndex, float[] probabilities) {
        int best = 0;
        for (int c = 1; c < classCount; c++) {
            if (probabilities[c] > probabilities[best]) {
                best = c;
            }
        }
        confusion[actualIndex][best]++;
        for (int c = 0; c < classCount; c++) {
            scoreCounts[c][c == actualIndex ? 0 : 1][ScoreBins.bin(probabilities[c], bins)]++;
        }
        int confidenceBin = ScoreHistograms.confidenceBin(probabilities[best]);
        confidenceCounts[best == actualIndex ? 1 : 0][confidenceBin]++;
        confidenceSums[confidenceBin] += Math.min(1, Math.max(0, probabilities[best]));
        count++;
    }
}
