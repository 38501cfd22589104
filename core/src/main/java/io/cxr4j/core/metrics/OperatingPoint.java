package io.cxr4j.core.metrics;

import java.util.Objects;

/**
 * A decision threshold on the probability of one class, and what it achieves on one data set:
 * a sample is called positive when {@code p(positiveClass) >= threshold}. Choose it on validation
 * data with {@link ScoreHistograms#chooseThreshold} and measure it on test data with
 * {@link ScoreHistograms#at}; choosing it on the test data would overstate the result.
 *
 * @param positiveClass the class taken as positive, such as {@code covid}
 * @param threshold the lowest probability called positive, a multiple of {@code 1 / bins}
 * @param sensitivity positives called positive
 * @param specificity negatives called negative
 * @param precision samples called positive that are positive
 * @param accuracy samples called correctly (positive or not)
 */
public record OperatingPoint(
        String positiveClass,
        double threshold,
        Proportion sensitivity,
        Proportion specificity,
        Proportion precision,
        Proportion accuracy) {

    /** Rejects missing parts. */
    public OperatingPoint {
        Objects.requireNonNull(positiveClass, "positiveClass");
        Objects.requireNonNull(sensitivity, "sensitivity");
        Objects.requireNonNull(specificity, "specificity");
        Objects.requireNonNull(precision, "precision");
        Objects.requireNonNull(accuracy, "accuracy");
    }
}
