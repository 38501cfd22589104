package io.cxr4j.dataset.audit;

import java.util.Arrays;

/**
 * A summary of a number measured on every image of a class.
 *
 * @param min the smallest value
 * @param median the median
 * @param max the largest value
 * @param mean the mean
 */
public record Distribution(double min, double median, double max, double mean) {

    /**
     * Summarizes values.
     *
     * @param values the values, at least one
     * @return the summary; all zero when there are no values
     */
    static Distribution of(double[] values) {
        if (values.length == 0) {
            return new Distribution(0, 0, 0, 0);
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        double median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
        return new Distribution(sorted[0], median, sorted[n - 1], Arrays.stream(sorted).average().orElse(0));
    }
}
