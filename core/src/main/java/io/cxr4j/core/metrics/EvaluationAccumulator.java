package io.cxr4j.core.metrics;

import java.util.Arrays;
import java.util.List;

/**
 * Collects a classifier's outputs sample by sample or batch by batch during an evaluation loop and
 * turns them into an {@link Evaluation} at the end, in the style of MONAI's metric accumulators.
 *
 * <p>The per-sample scores are kept (in primitive arrays, {@code 4 * classes} bytes per sample)
 * because the exact ROC AUC needs all of them. Not thread-safe: feed it from one thread.
 */
public final class EvaluationAccumulator {

    private static final int INITIAL_CAPACITY = 64;

    private final List<String> classNames;
    private final int classCount;
    private int[] actual = new int[INITIAL_CAPACITY];
    private int[] predicted = new int[INITIAL_CAPACITY];
    /** Row-major: the score of sample {@code i} for class {@code c} is at {@code i * classCount + c}. */
    private float[] scores;
    private int count;

    /**
     * An empty accumulator.
     *
     * @param classNames at least two distinct class names, in the model's output order
     */
    public EvaluationAccumulator(List<String> classNames) {
        // Fails now rather than at evaluate(), after a possibly long inference loop.
        this.classNames = ConfusionMatrix.validatedClassNames(classNames);
        this.classCount = this.classNames.size();
        this.scores = new float[INITIAL_CAPACITY * classCount];
    }

    /**
     * Records one sample. The predicted class is the one with the highest probability; on a tie
     * the lower class index wins.
     *
     * @param actualIndex the sample's actual class index
     * @param probabilities one finite score per class, such as softmax probabilities
     */
    public void add(int actualIndex, float[] probabilities) {
        validate(actualIndex, probabilities, "Sample");
        append(actualIndex, probabilities);
    }

    /**
     * Records a batch. The whole batch is validated first, so an invalid row adds nothing.
     *
     * @param actual the actual class index of each sample
     * @param probabilities one row of per-class scores per sample
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
    public int count() {
        return count;
    }

    /**
     * Evaluates everything recorded so far. The accumulator stays usable; more samples may be
     * added and evaluated again.
     *
     * @return the evaluation
     * @throws IllegalStateException if no sample has been recorded
     */
    public Evaluation evaluate() {
        if (count == 0) {
            throw new IllegalStateException(
                    "No samples to evaluate; call add or addBatch with the model outputs first");
        }
        ConfusionMatrix matrix = ConfusionMatrix.of(
                classNames, Arrays.copyOf(actual, count), Arrays.copyOf(predicted, count));
        double[] rocAucPerClass = new double[classCount];
        double[] classScores = new double[count];
        boolean[] isClass = new boolean[count];
        for (int c = 0; c < classCount; c++) {
            for (int i = 0; i < count; i++) {
                classScores[i] = scores[i * classCount + c];
                isClass[i] = actual[i] == c;
            }
            rocAucPerClass[c] = RocAuc.of(classScores, isClass);
        }
        return Evaluation.of(matrix, rocAucPerClass);
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
        }
    }

    private void append(int actualIndex, float[] probabilities) {
        if (count == actual.length) {
            grow();
        }
        int best = 0;
        for (int c = 1; c < classCount; c++) {
            if (probabilities[c] > probabilities[best]) {
                best = c;
            }
        }
        actual[count] = actualIndex;
        predicted[count] = best;
        System.arraycopy(probabilities, 0, scores, count * classCount, classCount);
        count++;
    }

    private void grow() {
        int capacity = actual.length * 2;
        if (capacity < 0 || (long) capacity * classCount > Integer.MAX_VALUE - 8) {
            throw new IllegalStateException("Cannot hold more than " + count + " samples of "
                    + classCount + " scores in one array; evaluate a smaller test set");
        }
        actual = Arrays.copyOf(actual, capacity);
        predicted = Arrays.copyOf(predicted, capacity);
        scores = Arrays.copyOf(scores, capacity * classCount);
    }
}
