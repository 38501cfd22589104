package io.cxr4j.core.metrics;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;

/**
 * An immutable multi-class confusion matrix: how many samples of each actual class were predicted
 * as each class. Rows are actual classes, columns predicted classes, both in class-name order.
 *
 * <p>The one-vs-rest counts ({@link #truePositives(int)} and friends) treat one class as positive
 * and all others together as negative, which is how per-class sensitivity and specificity are
 * reported for multi-class chest X-ray classifiers.
 */
public final class ConfusionMatrix {

    private static final String CORNER = "actual \\ predicted";

    private final List<String> classNames;
    private final long[][] counts;

    /**
     * A matrix from counts.
     *
     * @param classNames at least two distinct class names in index order
     * @param counts {@code counts[actual][predicted]}, square with one row per class, no negatives;
     *     copied
     */
    public ConfusionMatrix(List<String> classNames, long[][] counts) {
        this.classNames = validatedClassNames(classNames);
        int size = this.classNames.size();
        if (counts.length != size) {
            throw new IllegalArgumentException("Confusion matrix needs one row per class (" + size
                    + " classes " + this.classNames + "), got " + counts.length + " rows");
        }
        this.counts = new long[size][];
        for (int actual = 0; actual < size; actual++) {
            if (counts[actual].length != size) {
                throw new IllegalArgumentException("Confusion matrix row " + actual + " ('"
                        + this.classNames.get(actual) + "') has " + counts[actual].length
                        + " columns, expected one per class: " + size);
            }
            for (int predicted = 0; predicted < size; predicted++) {
                if (counts[actual][predicted] < 0) {
                    throw new IllegalArgumentException("Confusion matrix count [" + actual + "]["
                            + predicted + "] is negative: " + counts[actual][predicted]);
                }
            }
            this.counts[actual] = counts[actual].clone();
        }
    }

    /**
     * Counts actual against predicted class indices.
     *
     * @param classNames at least two distinct class names in index order
     * @param actual the actual class index of each sample
     * @param predicted the predicted class index of each sample, same length as {@code actual}
     * @return the matrix
     */
    public static ConfusionMatrix of(List<String> classNames, int[] actual, int[] predicted) {
        List<String> names = validatedClassNames(classNames);
        if (actual.length != predicted.length) {
            throw new IllegalArgumentException("Need one prediction per actual label, got "
                    + actual.length + " actual and " + predicted.length + " predicted");
        }
        long[][] counts = new long[names.size()][names.size()];
        for (int i = 0; i < actual.length; i++) {
            checkIndex(names, actual[i], "Actual class of sample " + i);
            checkIndex(names, predicted[i], "Predicted class of sample " + i);
            counts[actual[i]][predicted[i]]++;
        }
        return new ConfusionMatrix(names, counts);
    }

    /** @return the class names in index order (unmodifiable) */
    public List<String> classNames() {
        return classNames;
    }

    /** @return the number of classes */
    public int size() {
        return classNames.size();
    }

    /**
     * The index of a class name.
     *
     * @param className one of {@link #classNames()}
     * @return its index
     * @throws IllegalArgumentException if the name is not a class of this matrix
     */
    public int classIndex(String className) {
        int index = classNames.indexOf(className);
        if (index < 0) {
            throw new IllegalArgumentException(
                    "Unknown class '" + className + "'; the classes are " + classNames);
        }
        return index;
    }

    /**
     * @param actual the actual class index
     * @param predicted the predicted class index
     * @return how many samples of class {@code actual} were predicted as {@code predicted}
     */
    public long count(int actual, int predicted) {
        checkIndex(classNames, actual, "Actual class");
        checkIndex(classNames, predicted, "Predicted class");
        return counts[actual][predicted];
    }

    /** @return the number of samples */
    public long total() {
        long total = 0;
        for (int c = 0; c < size(); c++) {
            total += rowTotal(c);
        }
        return total;
    }

    /** @return the number of correctly classified samples (the diagonal) */
    public long correct() {
        long correct = 0;
        for (int c = 0; c < size(); c++) {
            correct += counts[c][c];
        }
        return correct;
    }

    /**
     * @param actual a class index
     * @return how many samples actually belong to the class (its support)
     */
    public long rowTotal(int actual) {
        checkIndex(classNames, actual, "Actual class");
        long total = 0;
        for (long count : counts[actual]) {
            total += count;
        }
        return total;
    }

    /**
     * @param predicted a class index
     * @return how many samples were predicted as the class
     */
    public long columnTotal(int predicted) {
        checkIndex(classNames, predicted, "Predicted class");
        long total = 0;
        for (long[] row : counts) {
            total += row[predicted];
        }
        return total;
    }

    /**
     * @param c a class index
     * @return samples of class {@code c} predicted as {@code c}
     */
    public long truePositives(int c) {
        return count(c, c);
    }

    /**
     * @param c a class index
     * @return samples of other classes predicted as {@code c}
     */
    public long falsePositives(int c) {
        return columnTotal(c) - counts[c][c];
    }

    /**
     * @param c a class index
     * @return samples of class {@code c} predicted as another class
     */
    public long falseNegatives(int c) {
        return rowTotal(c) - counts[c][c];
    }

    /**
     * @param c a class index
     * @return samples of other classes predicted as some class other than {@code c}
     */
    public long trueNegatives(int c) {
        return total() - rowTotal(c) - columnTotal(c) + counts[c][c];
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ConfusionMatrix that
                && classNames.equals(that.classNames)
                && Arrays.deepEquals(counts, that.counts);
    }

    @Override
    public int hashCode() {
        return 31 * classNames.hashCode() + Arrays.deepHashCode(counts);
    }

    /**
     * A table with actual classes as rows and predicted classes as columns, for logs and reports.
     *
     * @return the table, one line per class after a header line, each ending in a newline
     */
    @Override
    public String toString() {
        int labelWidth = CORNER.length();
        long largest = 0;
        for (int c = 0; c < size(); c++) {
            labelWidth = Math.max(labelWidth, classNames.get(c).length());
            for (long count : counts[c]) {
                largest = Math.max(largest, count);
            }
        }
        int countWidth = Long.toString(largest).length();
        StringBuilder table = new StringBuilder(String.format(Locale.ROOT, "%-" + labelWidth + "s", CORNER));
        int[] columnWidths = new int[size()];
        for (int c = 0; c < size(); c++) {
            columnWidths[c] = Math.max(countWidth, classNames.get(c).length());
            table.append(String.format(Locale.ROOT, "  %" + columnWidths[c] + "s", classNames.get(c)));
        }
        table.append('\n');
        for (int actual = 0; actual < size(); actual++) {
            table.append(String.format(Locale.ROOT, "%-" + labelWidth + "s", classNames.get(actual)));
            for (int predicted = 0; predicted < size(); predicted++) {
                table.append(String.format(Locale.ROOT, "  %" + columnWidths[predicted] + "d",
                        counts[actual][predicted]));
            }
            table.append('\n');
        }
        return table.toString();
    }

    /** Copies class names, rejecting fewer than two or duplicates. */
    static List<String> validatedClassNames(List<String> classNames) {
        List<String> names = List.copyOf(classNames);
        if (names.size() < 2) {
            throw new IllegalArgumentException(
                    "Classification metrics need at least two classes, got " + names);
        }
        if (new HashSet<>(names).size() != names.size()) {
            throw new IllegalArgumentException("Class names must be distinct, got " + names);
        }
        return names;
    }

    private static void checkIndex(List<String> names, int index, String what) {
        if (index < 0 || index >= names.size()) {
            throw new IllegalArgumentException(what + " is index " + index
                    + ", outside 0.." + (names.size() - 1) + " for classes " + names);
        }
    }
}
