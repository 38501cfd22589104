package io.cxr4j.core.metrics;

import java.util.List;
import java.util.Objects;

/**
 * A decision threshold on the probability of one class, and what it achieves on one data set:
 * a sample is called positive when {@code p(positiveClass) >= threshold}. Choose it on validation
 * data with {@link ScoreDistributions#chooseThreshold} and measure it on test data with
 * {@link ScoreDistributions#at}; choosing it on the test data would overstate the result.
 *
 * @param positiveClass the class taken as positive, such as {@code covid}
 * @param threshold the lowest probability called positive
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

    /**
     * Rejects missing parts.
     *
     * @param positiveClass the class taken as positive; not null
     * @param threshold the lowest probability called positive, or {@code NaN} for pooled points
     * @param sensitivity positives called positive; not null
     * @param specificity negatives called negative; not null
     * @param precision samples called positive that are positive; not null
     * @param accuracy samples called correctly; not null
     */
    public OperatingPoint {
        Objects.requireNonNull(positiveClass, "positiveClass");
        Objects.requireNonNull(sensitivity, "sensitivity");
        Objects.requireNonNull(specificity, "specificity");
        Objects.requireNonNull(precision, "precision");
        Objects.requireNonNull(accuracy, "accuracy");
    }

    /**
     * Operating points of one class on disjoint data sets, such as test folds each measured at its
     * own fold's threshold, counted together.
     *
     * @param parts at least one operating point, all of the same positive class
     * @return the summed counts, with threshold NaN: each part has its own
     */
    public static OperatingPoint pooled(List<OperatingPoint> parts) {
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("No operating points to pool");
        }
        OperatingPoint first = parts.get(0);
        Proportion sensitivity = new Proportion(0, 0);
        Proportion specificity = new Proportion(0, 0);
        Proportion precision = new Proportion(0, 0);
        Proportion accuracy = new Proportion(0, 0);
        for (OperatingPoint p : parts) {
            if (!p.positiveClass.equals(first.positiveClass)) {
                throw new IllegalArgumentException("Cannot pool operating points of '" + first.positiveClass
                        + "' and '" + p.positiveClass + "'");
            }
            sensitivity = sensitivity.plus(p.sensitivity);
            specificity = specificity.plus(p.specificity);
            precision = precision.plus(p.precision);
            accuracy = accuracy.plus(p.accuracy);
        }
        return new OperatingPoint(first.positiveClass, Double.NaN, sensitivity, specificity, precision, accuracy);
    }
}
