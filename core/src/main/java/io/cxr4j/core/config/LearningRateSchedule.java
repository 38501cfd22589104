package io.cxr4j.core.config;

/**
 * How the learning rate changes over training. Every engine asks its schedule for the rate of
 * each step here, so that the engines train with the very same rates.
 */
public enum LearningRateSchedule {
    /** The same rate for every step, as the seed project's Keras Adam. */
    CONSTANT {
        @Override
        double fraction(double progress) {
            return 1;
        }
    },
    /** Cosine decay from the base rate to 1% of it over all steps. */
    COSINE {
        @Override
        double fraction(double progress) {
            return cosine(1, 0.01, progress);
        }
    },
    /**
     * The one-cycle policy of fastai's {@code fit_one_cycle}, which DarkCovidNet was trained with:
     * over the first 25% of the steps the rate rises along a cosine from 1/25 of the base rate to
     * the base rate, then falls along a cosine to 1/25 of a hundred-thousandth of it.
     */
    ONE_CYCLE {
        @Override
        double fraction(double progress) {
            double start = 1.0 / 25;
            if (progress < WARM_UP) {
                return cosine(start, 1, progress / WARM_UP);
            }
            return cosine(1, start / 1e5, (progress - WARM_UP) / (1 - WARM_UP));
        }
    };

    private static final double WARM_UP = 0.25;

    /**
     * The learning rate of one step.
     *
     * @param baseRate the configured rate
     * @param step the step, counted from 1 as DJL's optimizers count updates
     * @param totalSteps the steps of the whole run (all epochs)
     * @return the rate; after {@code totalSteps} the schedule's final rate
     */
    public double rate(double baseRate, long step, long totalSteps) {
        long steps = Math.max(1, totalSteps);
        return baseRate * fraction(Math.min(1.0, (double) step / steps));
    }

    /** The rate as a share of the base rate, at {@code progress} from 0 to 1. */
    abstract double fraction(double progress);

    /** A half cosine from {@code from} at progress 0 to {@code to} at progress 1. */
    private static double cosine(double from, double to, double progress) {
        return to + (from - to) / 2 * (1 + Math.cos(Math.PI * progress));
    }
}
