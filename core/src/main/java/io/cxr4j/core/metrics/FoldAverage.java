package io.cxr4j.core.metrics;

/**
 * The mean of one metric over cross-validation folds with a Student-t 95% interval: {@code mean
 * +- t(0.975, n - 1) * sd / sqrt(n)}. It describes how the metric varies from fold to fold; the
 * interval of the pooled per-image outcomes (a Wilson interval) is the one to quote for a
 * proportion. With repeated cross-validation the folds overlap, so this interval is too narrow.
 *
 * @param mean the mean over the folds where the metric is defined
 * @param standardDeviation the sample standard deviation ({@code n - 1}), {@code NaN} for one fold
 * @param folds how many folds had a defined value
 * @param ci95 the t interval, or {@code null} with fewer than two folds
 */
public record FoldAverage(double mean, double standardDeviation, int folds, ConfidenceInterval ci95) {

    /** The interval method named in reports. */
    public static final String STUDENT_T = "Student t over folds";

    /**
     * Averages per-fold proportions (accuracy, sensitivity, AUC, ...), with the t interval clipped
     * to [0, 1]: the symmetric t interval of a few folds near 100% otherwise reaches past 100%,
     * which no proportion can.
     *
     * @param values one proportion per fold
     * @return the average
     */
    public static FoldAverage ofProportions(double... values) {
        FoldAverage average = of(values);
        if (average.ci95() == null) {
            return average;
        }
        ConfidenceInterval ci = average.ci95();
        return new FoldAverage(average.mean(), average.standardDeviation(), average.folds(),
                new ConfidenceInterval(Math.max(0, ci.lower()), Math.min(1, ci.upper()), ci.level(), ci.method()));
    }

    /**
     * Averages per-fold values, leaving out undefined ({@code NaN}) ones.
     *
     * @param values one value per fold
     * @return the average
     */
    public static FoldAverage of(double... values) {
        int n = 0;
        double sum = 0;
        for (double v : values) {
            if (!Double.isNaN(v)) {
                n++;
                sum += v;
            }
        }
        if (n == 0) {
            return new FoldAverage(Double.NaN, Double.NaN, 0, null);
        }
        double mean = sum / n;
        if (n == 1) {
            return new FoldAverage(mean, Double.NaN, 1, null);
        }
        double squares = 0;
        for (double v : values) {
            if (!Double.isNaN(v)) {
                squares += (v - mean) * (v - mean);
            }
        }
        double sd = Math.sqrt(squares / (n - 1));
        double half = Quantiles.studentT975(n - 1) * sd / Math.sqrt(n);
        return new FoldAverage(mean, sd, n, new ConfidenceInterval(mean - half, mean + half, 0.95, STUDENT_T));
    }
}
