package io.cxr4j.core.config;

/**
 * How the learning rate changes over training. Every engine asks its schedule for the rate of
 * each step here, so that the engines train with the very same rates.
 */
public enum LearningRateSchedule {
    /** The same rate for every step. */
    CONSTANT {
        @Override
        public double rate(double baseRate, long step, long totalSteps, int epochs) {
            return baseRate;
        }
    },
    /** Cosine decay from the base rate to 1% of it over all steps. */
    COSINE {
        @Override
        public double rate(double baseRate, long step, long totalSteps, int epochs) {
            return baseRate * cosine(1, 0.01, progress(step, totalSteps));
        }
    },
    /**
     * The one-cycle policy of fastai's {@code fit_one_cycle}, which DarkCovidNet was trained with:
     * over the first 25% of the steps the rate rises along a cosine from 1/25 of the base rate to
     * the base rate, then falls along a cosine to 1/25 of a hundred-thousandth of it.
     */
    ONE_CYCLE {
        @Override
        public double rate(double baseRate, long step, long totalSteps, int epochs) {
            double progress = progress(step, totalSteps);
            double start = 1.0 / 25;
            if (progress < WARM_UP) {
                return baseRate * cosine(start, 1, progress / WARM_UP);
            }
            return baseRate * cosine(1, start / 1e5, (progress - WARM_UP) / (1 - WARM_UP));
        }
    },
    /**
     * Keras 2's time-based decay as the seed project used it, {@code Adam(lr, decay=lr / epochs)}:
     * step {@code k} (from 1) trains at {@code lr / (1 + decay * (k - 1))}, since Keras counts the
     * updates already applied, 0 for the first. The decay constant is the base rate divided by the
     * number of epochs (not 1 / epochs), so the rate hardly falls: with the seed's 1e-3 over 25
     * epochs of 5 steps the last step's rate is 0.5% below the first.
     */
    KERAS_DECAY {
        @Override
        public double rate(double baseRate, long step, long totalSteps, int epochs) {
            double decay = baseRate / Math.max(1, epochs);
            return baseRate / (1 + decay * Math.max(0, step - 1));
        }
    };

    private static final double WARM_UP = 0.25;

    /**
     * The learning rate of one step.
     *
     * @param baseRate the configured rate
     * @param step the step, counted from 1 as DJL's optimizers count updates
     * @param totalSteps the steps of the whole run (all epochs)
     * @param epochs the epochs of the whole run
     * @return the rate; after {@code totalSteps} the schedule's final rate ({@link #KERAS_DECAY}
     *     goes on decaying, as Keras does)
     */
    public abstract double rate(double baseRate, long step, long totalSteps, int epochs);

    /** The share of the run done after {@code step}, from 0 to 1. */
    private static double progress(long step, long totalSteps) {
        return Math.min(1.0, (double) step / Math.max(1, totalSteps));
    }

    /** A half cosine from {@code from} at progress 0 to {@code to} at progress 1. */
    private static double cosine(double from, double to, double progress) {
        return to + (from - to) / 2 * (1 + Math.cos(Math.PI * progress));
    }
}
