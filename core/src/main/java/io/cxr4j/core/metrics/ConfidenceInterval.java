package io.cxr4j.core.metrics;

import java.util.Objects;

/**
 * A two-sided confidence interval for a proportion or another bounded statistic.
 *
 * @param lower the lower bound
 * @param upper the upper bound, not below {@code lower}
 * @param level the nominal coverage, strictly between 0 and 1 (for example {@code 0.95})
 * @param method how the interval was computed, for reports (for example {@code Wilson score})
 */
public record ConfidenceInterval(double lower, double upper, double level, String method) {

    /**
     * Rejects inverted bounds, impossible levels and a missing method name.
     *
     * @param lower the lower bound, not NaN
     * @param upper the upper bound, not NaN and not below {@code lower}
     * @param level the nominal coverage, strictly between 0 and 1
     * @param method how the interval was computed, for reports; not null or blank
     * @throws IllegalArgumentException when the method name is blank, the level is outside (0, 1) or the
     *     bounds are NaN or inverted
     */
    public ConfidenceInterval {
        Objects.requireNonNull(method, "method");
        if (method.isBlank()) {
            throw new IllegalArgumentException("Confidence interval method must be named, e.g. 'Wilson score'");
        }
        if (!(level > 0 && level < 1)) {
            throw new IllegalArgumentException(
                    "Confidence level must lie strictly between 0 and 1 (e.g. 0.95), got " + level);
        }
        if (Double.isNaN(lower) || Double.isNaN(upper) || lower > upper) {
            throw new IllegalArgumentException(
                    "Confidence interval bounds must be numbers with lower <= upper, got ["
                            + lower + ", " + upper + "]");
        }
    }
}
