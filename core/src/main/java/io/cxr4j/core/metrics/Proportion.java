package io.cxr4j.core.metrics;

/**
 * A count of successes out of a number of trials, such as 7 correctly detected COVID-19 cases out
 * of 7, kept as counts so that reports can show both the rate and how much evidence backs it.
 *
 * @param successes the number of successes, between 0 and {@code trials}
 * @param trials the number of trials, 0 or more
 */
public record Proportion(long successes, long trials) {

    /**
     * Rejects negative counts and more successes than trials.
     *
     * @param successes the number of successes, between 0 and {@code trials}
     * @param trials the number of trials, 0 or more
     * @throws IllegalArgumentException unless {@code 0 <= successes <= trials}
     */
    public Proportion {
        if (trials < 0 || successes < 0 || successes > trials) {
            throw new IllegalArgumentException(
                    "A proportion needs 0 <= successes <= trials, got " + successes + "/" + trials);
        }
    }

    /**
     * The successes and trials of two samples together.
     *
     * @param other another proportion of the same kind
     * @return the summed counts
     */
    public Proportion plus(Proportion other) {
        return new Proportion(successes + other.successes, trials + other.trials);
    }

    /** @return {@code successes / trials}, or {@code NaN} when there are no trials */
    public double value() {
        return trials == 0 ? Double.NaN : (double) successes / trials;
    }

    /**
     * The rate, with a stand-in when it is undefined. Passing 0 reproduces scikit-learn's
     * {@code zero_division=0} convention.
     *
     * @param whenUndefined the value to return when there are no trials
     * @return {@link #value()}, or {@code whenUndefined} when there are no trials
     */
    public double valueOr(double whenUndefined) {
        return trials == 0 ? whenUndefined : value();
    }

    /**
     * The Wilson score 95% interval. Unlike the normal-approximation (Wald) interval it stays
     * inside [0, 1] and keeps a useful width at 0/n and n/n, which test sets of a few dozen chest
     * X-rays hit routinely.
     *
     * <p>With no trials nothing is known about the rate, so the interval is the whole range
     * [0, 1].
     *
     * @return the interval, with level 0.95 and method {@code Wilson score}
     */
    public ConfidenceInterval wilson95() {
        if (trials == 0) {
            return new ConfidenceInterval(0, 1, 0.95, "Wilson score");
        }
        double n = trials;
        double p = successes / n;
        double zSquared = Quantiles.Z_975 * Quantiles.Z_975;
        double denominator = 1 + zSquared / n;
        double centre = (p + zSquared / (2 * n)) / denominator;
        double halfWidth = Quantiles.Z_975 / denominator * Math.sqrt(p * (1 - p) / n + zSquared / (4 * n * n));
        // At 0/n the lower bound is exactly 0 and at n/n the upper bound exactly 1, but the
        // subtraction lands a rounding error away (0.9999999999999999 at 10/10), so pin them.
        double lower = successes == 0 ? 0 : centre - halfWidth;
        double upper = successes == trials ? 1 : centre + halfWidth;
        return new ConfidenceInterval(lower, upper, 0.95, "Wilson score");
    }
}
