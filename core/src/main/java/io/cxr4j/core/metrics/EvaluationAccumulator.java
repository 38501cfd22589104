package io.cxr4j.core.metrics;

import java.io.Serial;
import java.io.Serializable;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Collects a classifier's outputs sample by sample or batch by batch during an evaluation loop and
 * turns them into an {@link Evaluation} and {@link ScoreDistributions} at the end, in the style of
 * MONAI's metric accumulators: {@link #add} and {@link #addBatch} extend it, {@link #merge} combines
 * accumulators of disjoint data (the partitions of a distributed evaluation, or folds), {@link
 * #snapshot} and {@link #evaluate} aggregate.
 *
 * <p>Nothing is approximated: every class's scores are kept exactly, as distinct float values
 * with their counts (separately for samples of that class and of the other classes), next to a
 * confusion matrix and the winning probabilities of right and wrong predictions (for calibration).
 * AUC, DeLong intervals, ROC and precision-recall curves, average precision and calibration are
 * then what scikit-learn computes from the same floats. Merging is merging of sorted runs, so
 * merged accumulators give the very results, bit for bit, of one accumulator fed every prediction.
 *
 * <p>Memory grows with the number of distinct scores, not of samples: 8 bytes per distinct score
 * of each class and of the winning probabilities, plus a buffer of at most a quarter of that. A
 * softmax in float32 has few distinct values near 1 and many near 0: a binary model took about 13
 * bytes of heap per prediction, 25 when nearly every score was distinct ({@code docs/metrics.md},
 * 10 million predictions); {@link #stateBytes()} tells. Counts are exact up to 2^31 - 1 samples
 * per distinct score and class, and 4 billion samples in all. Not thread-safe: feed it from one
 * thread (or one accumulator per thread, merged).
 *
 * <p>Samples recorded with their source ({@link #add(int, float[], String)}) are also counted in
 * an accumulator of that source, so that the snapshot breaks the evaluation down by source
 * ({@link ScoreDistributions#bySource()}); merging merges each source's accumulators. Their scores
 * are kept a second time, which doubles the memory for samples with a source.
 *
 * <p>Serializable: the buffer of scores not yet sorted is merged before writing, so the stream
 * holds the sorted counts only (4 bytes per distinct score and 4 per count), as Apache Spark ships
 * accumulators and partial aggregates between JVMs.
 */
public final class EvaluationAccumulator implements Serializable {

    @Serial
    private static final long serialVersionUID = 2L;

    /**
     * How far outside [0, 1] a softmax output may stray through float rounding before it is
     * treated as not a probability at all (logits, a missing softmax).
     */
    private static final float ROUNDING_SLACK = 1e-4f;

    private final List<String> classNames;
    private final int classCount;
    private final long[][] confusion;
    /** Per class, the scores of samples of that class. */
    private final ScoreCounts.Builder[] positives;
    /** Per class, the scores of samples of the other classes: one-vs-rest curves need no more. */
    private final ScoreCounts.Builder[] negatives;
    private final ScoreCounts.Builder rightConfidences = new ScoreCounts.Builder();
    private final ScoreCounts.Builder wrongConfidences = new ScoreCounts.Builder();
    private long count;
    /** Per source, the samples recorded with that source; sorted so that snapshots list sources in order. */
    private final TreeMap<String, EvaluationAccumulator> bySource = new TreeMap<>();

    /**
     * An empty accumulator.
     *
     * @param classNames at least two distinct class names, in the model's output order
     */
    public EvaluationAccumulator(List<String> classNames) {
        // Fails now rather than at evaluate(), after a possibly long inference loop.
        this.classNames = ConfusionMatrix.validatedClassNames(classNames);
        this.classCount = this.classNames.size();
        this.confusion = new long[classCount][classCount];
        this.positives = new ScoreCounts.Builder[classCount];
        this.negatives = new ScoreCounts.Builder[classCount];
        for (int c = 0; c < classCount; c++) {
            positives[c] = new ScoreCounts.Builder();
            negatives[c] = new ScoreCounts.Builder();
        }
    }

    /**
     * Records one sample. The predicted class is the one with the highest probability; on a tie
     * the lower class index wins.
     *
     * @param actualIndex the sample's actual class index
     * @param probabilities one probability in [0, 1] per class, such as softmax outputs
     */
    public void add(int actualIndex, float[] probabilities) {
        add(actualIndex, probabilities, null);
    }

    /**
     * Records one sample and where it comes from, for the breakdown by source. The predicted class
     * is the one with the highest probability; on a tie the lower class index wins.
     *
     * @param actualIndex the sample's actual class index
     * @param probabilities one probability in [0, 1] per class, such as softmax outputs
     * @param source the repository or archive the sample comes from ({@code Sample.source()}), or
     *     {@code null} when unknown: then it counts in the whole evaluation only
     */
    public void add(int actualIndex, float[] probabilities, String source) {
        validate(actualIndex, probabilities, "Sample");
        append(actualIndex, probabilities);
        if (source != null) {
            bySource.computeIfAbsent(source, s -> new EvaluationAccumulator(classNames))
                    .append(actualIndex, probabilities);
        }
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

    /**
     * Adds everything another accumulator recorded, on other samples (another partition of the
     * data); the other accumulator is left as it was. Afterwards this accumulator gives the same
     * results as if it had recorded both sets of samples itself.
     *
     * @param other an accumulator of the same classes, in the same order
     * @return this accumulator, for reductions such as {@code accumulators.reduce(EvaluationAccumulator::merge)}
     */
    public EvaluationAccumulator merge(EvaluationAccumulator other) {
        ScoreDistributions.requireSameClasses(classNames, other.classNames);
        if (other == this) {
            throw new IllegalArgumentException("An accumulator cannot be merged with itself: it would count"
                    + " every sample twice");
        }
        for (int a = 0; a < classCount; a++) {
            for (int s = 0; s < classCount; s++) {
                confusion[a][s] += other.confusion[a][s];
            }
            positives[a].addAll(other.positives[a].build());
            negatives[a].addAll(other.negatives[a].build());
        }
        rightConfidences.addAll(other.rightConfidences.build());
        wrongConfidences.addAll(other.wrongConfidences.build());
        count += other.count;
        other.bySource.forEach((source, accumulator) ->
                bySource.computeIfAbsent(source, s -> new EvaluationAccumulator(classNames)).merge(accumulator));
        return this;
    }

    /** @return how many samples have been recorded */
    public long count() {
        return count;
    }

    /**
     * The bytes the accumulated state occupies in its arrays: the distinct scores and their counts,
     * the buffers of scores not yet sorted and the confusion matrix (object headers left out), of
     * the whole evaluation and of each source.
     *
     * @return the size of the state arrays in bytes
     */
    public long stateBytes() {
        long bytes = 8L * classCount * classCount + rightConfidences.arrayBytes() + wrongConfidences.arrayBytes();
        for (int c = 0; c < classCount; c++) {
            bytes += positives[c].arrayBytes() + negatives[c].arrayBytes();
        }
        for (EvaluationAccumulator source : bySource.values()) {
            bytes += source.stateBytes();
        }
        return bytes;
    }

    /**
     * Evaluates everything recorded so far. The accumulator stays usable; more samples may be
     * added and evaluated again.
     *
     * @return the evaluation, with exact per-class AUCs
     * @throws IllegalStateException if no sample has been recorded
     */
    public Evaluation evaluate() {
        return snapshot().evaluation();
    }

    /**
     * An immutable copy of the state, from which curves, calibration and operating points are
     * derived, and which can be pooled with other snapshots (for example over folds).
     *
     * @return the snapshot
     * @throws IllegalStateException if no sample has been recorded
     */
    public ScoreDistributions snapshot() {
        if (count == 0) {
            throw new IllegalStateException(
                    "No samples to evaluate; call add or addBatch with the model outputs first");
        }
        long[][] confusionCopy = new long[classCount][];
        ScoreCounts[] positiveCounts = new ScoreCounts[classCount];
        ScoreCounts[] negativeCounts = new ScoreCounts[classCount];
        for (int c = 0; c < classCount; c++) {
            confusionCopy[c] = confusion[c].clone();
            positiveCounts[c] = positives[c].build();
            negativeCounts[c] = negatives[c].build();
        }
        Map<String, ScoreDistributions> sources = new TreeMap<>();
        bySource.forEach((source, accumulator) -> sources.put(source, accumulator.snapshot()));
        return new ScoreDistributions(classNames, confusionCopy, positiveCounts, negativeCounts,
                rightConfidences.build(), wrongConfidences.build(), sources);
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
            (c == actualIndex ? positives[c] : negatives[c]).add(probabilities[c]);
        }
        float confidence = Math.min(1f, Math.max(0f, probabilities[best]));
        (best == actualIndex ? rightConfidences : wrongConfidences).add(confidence);
        count++;
    }
}
