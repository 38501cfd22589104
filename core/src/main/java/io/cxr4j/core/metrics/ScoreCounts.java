package io.cxr4j.core.metrics;

import java.io.IOException;
import java.io.InvalidObjectException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serial;
import java.io.Serializable;
import java.util.Arrays;

/**
 * Scores kept exactly, as their distinct float values in increasing order, each with how often it
 * occurred. Repeated scores (ties, and the few float values a softmax output has near 1) cost one
 * entry; two sets of scores combine by merging their sorted runs, so the result depends only on
 * which scores were added, never on the order or the grouping in which they arrived. Immutable.
 */
final class ScoreCounts implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    /** No scores. */
    static final ScoreCounts EMPTY = new ScoreCounts(new float[0], new int[0], 0);

    /** Distinct scores, increasing; no NaN and no -0 (stored as 0). */
    private final float[] values;
    /** How often each value occurred, at least 1. */
    private final int[] counts;
    private final long total;

    private ScoreCounts(float[] values, int[] counts, long total) {
        this.values = values;
        this.counts = counts;
        this.total = total;
    }

    /**
     * Counts the first {@code n} scores of a buffer, which it sorts in place.
     *
     * @param scores finite scores, -0 already replaced by 0
     * @param n how many of them to count
     * @return their counts
     */
    static ScoreCounts of(float[] scores, int n) {
        Arrays.sort(scores, 0, n);
        int distinct = 0;
        for (int i = 0; i < n; i++) {
            if (i == 0 || scores[i] != scores[i - 1]) {
                distinct++;
            }
        }
        float[] values = new float[distinct];
        int[] counts = new int[distinct];
        int d = -1;
        for (int i = 0; i < n; i++) {
            if (i == 0 || scores[i] != scores[i - 1]) {
                values[++d] = scores[i];
            }
            counts[d]++;
        }
        return new ScoreCounts(values, counts, n);
    }

    /**
     * The scores of both, counted together: the same counts whichever was added first.
     *
     * @param other more scores
     * @return the combined counts
     * @throws ArithmeticException if one score value would occur more than 2^31 - 1 times
     */
    ScoreCounts plus(ScoreCounts other) {
        if (other.total == 0) {
            return this;
        }
        if (total == 0) {
            return other;
        }
        float[] a = values;
        float[] b = other.values;
        int distinct = 0;
        for (int i = 0, j = 0; i < a.length || j < b.length; distinct++) {
            if (j == b.length || (i < a.length && a[i] < b[j])) {
                i++;
            } else if (i == a.length || b[j] < a[i]) {
                j++;
            } else {
                i++;
                j++;
            }
        }
        float[] mergedValues = new float[distinct];
        int[] mergedCounts = new int[distinct];
        for (int i = 0, j = 0, k = 0; k < distinct; k++) {
            if (j == b.length || (i < a.length && a[i] < b[j])) {
                mergedValues[k] = a[i];
                mergedCounts[k] = counts[i++];
            } else if (i == a.length || b[j] < a[i]) {
                mergedValues[k] = b[j];
                mergedCounts[k] = other.counts[j++];
            } else {
                mergedValues[k] = a[i];
                mergedCounts[k] = countOf(a[i], (long) counts[i++] + other.counts[j++]);
            }
        }
        return new ScoreCounts(mergedValues, mergedCounts, total + other.total);
    }

    private static int countOf(float value, long count) {
        if (count > Integer.MAX_VALUE) {
            throw new ArithmeticException("Score " + value + " occurs more than " + Integer.MAX_VALUE
                    + " times in one class, more than an evaluation can count; evaluate in parts of fewer predictions");
        }
        return (int) count;
    }

    /** @return the number of distinct scores */
    int distinct() {
        return values.length;
    }

    /** @return the {@code i}-th smallest distinct score */
    float value(int i) {
        return values[i];
    }

    /** @return how often the {@code i}-th smallest distinct score occurred */
    int count(int i) {
        return counts[i];
    }

    /** @return the number of scores */
    long total() {
        return total;
    }

    /**
     * @param threshold a score
     * @return how many scores are at least the threshold
     */
    long countAtLeast(double threshold) {
        long atLeast = 0;
        for (int i = values.length - 1; i >= 0 && values[i] >= threshold; i--) {
            atLeast += counts[i];
        }
        return atLeast;
    }

    /** @return the bytes of the two arrays' elements */
    long arrayBytes() {
        return (long) Float.BYTES * values.length + (long) Integer.BYTES * counts.length;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ScoreCounts that && total == that.total && Arrays.equals(values, that.values)
                && Arrays.equals(counts, that.counts);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(values) + Arrays.hashCode(counts);
    }

    /** A stream that does not hold increasing distinct values with positive counts is refused, not trusted. */
    @Serial
    private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
        in.defaultReadObject();
        if (values == null || counts == null || values.length != counts.length) {
            throw new InvalidObjectException("Score counts need one count per value");
        }
        long sum = 0;
        for (int i = 0; i < values.length; i++) {
            if (!Float.isFinite(values[i]) || (i > 0 && !(values[i - 1] < values[i])) || counts[i] < 1
                    || Float.floatToRawIntBits(values[i]) == Float.floatToRawIntBits(-0f)) {
                throw new InvalidObjectException("Score counts must hold increasing finite scores with positive counts");
            }
            sum += counts[i];
        }
        if (sum != total) {
            throw new InvalidObjectException("Score counts sum to " + sum + ", not their total " + total);
        }
    }

    /**
     * Scores added one at a time: appended to a buffer that is sorted and merged into the counts
     * when full. The buffer grows to a quarter of the distinct scores counted, so that each score
     * is merged a bounded number of times (on average) and the buffer adds at most a quarter to
     * the memory of the counts. Not thread-safe.
     */
    static final class Builder implements Serializable {

        @Serial
        private static final long serialVersionUID = 1L;

        private static final int MIN_BUFFER = 1024;

        private ScoreCounts counted = EMPTY;
        private transient float[] buffer = new float[MIN_BUFFER];
        private transient int buffered;

        /**
         * @param score a finite score
         */
        void add(float score) {
            if (buffered == buffer.length) {
                flush();
            }
            // -0 and 0 are the same score; Arrays.sort would order them as two.
            buffer[buffered++] = score + 0f;
        }

        /** @param other counts to add */
        void addAll(ScoreCounts other) {
            flush();
            counted = counted.plus(other);
        }

        /** @return everything added so far, counted */
        ScoreCounts build() {
            flush();
            return counted;
        }

        /** @return the bytes of the counts' arrays and of the buffer */
        long arrayBytes() {
            return counted.arrayBytes() + (long) Float.BYTES * buffer.length;
        }

        private void flush() {
            if (buffered > 0) {
                counted = counted.plus(ScoreCounts.of(buffer, buffered));
                buffered = 0;
                int wanted = Math.max(MIN_BUFFER, counted.distinct() / 4);
                if (wanted > buffer.length) {
                    buffer = new float[wanted];
                }
            }
        }

        /** Writes the counts only: the buffer is merged into them first. */
        @Serial
        private void writeObject(ObjectOutputStream out) throws IOException {
            flush();
            out.defaultWriteObject();
        }

        @Serial
        private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
            in.defaultReadObject();
            if (counted == null) {
                throw new InvalidObjectException("Score counts missing");
            }
            buffer = new float[MIN_BUFFER];
        }
    }
}
