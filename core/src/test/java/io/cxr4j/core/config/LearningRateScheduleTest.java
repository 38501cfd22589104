package io.cxr4j.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class LearningRateScheduleTest {

    private static final double BASE = 0.003;
    private static final long STEPS = 400;
    private static final int EPOCHS = 25;

    @Test
    void constantKeepsTheBaseRate() {
        assertThat(LongStream.of(1, 200, 400, 900).mapToDouble(s -> LearningRateSchedule.CONSTANT.rate(BASE, s, STEPS, EPOCHS)))
                .containsOnly(BASE);
    }

    @Test
    void cosineFallsFromTheBaseRateToOnePercentAsDjlsCosineTracker() {
        LearningRateSchedule cosine = LearningRateSchedule.COSINE;
        assertThat(cosine.rate(BASE, 0, STEPS, EPOCHS)).isCloseTo(BASE, within(1e-12));
        assertThat(cosine.rate(BASE, 200, STEPS, EPOCHS)).isCloseTo((BASE + BASE / 100) / 2, within(1e-12));
        assertThat(cosine.rate(BASE, 400, STEPS, EPOCHS)).isCloseTo(BASE / 100, within(1e-12));
        assertThat(cosine.rate(BASE, 5000, STEPS, EPOCHS)).isCloseTo(BASE / 100, within(1e-12));
        // DJL's CosineTracker at update 1 of 400: (base - final) / 2 * (1 + cos(pi / 400)) + final.
        double djl = (BASE - BASE / 100) / 2 * (1 + Math.cos(Math.PI / STEPS)) + BASE / 100;
        assertThat(cosine.rate(BASE, 1, STEPS, EPOCHS)).isCloseTo(djl, within(1e-12));
    }

    @Test
    void oneCycleWarmsUpForAQuarterThenAnnealsToAlmostNothing() {
        LearningRateSchedule oneCycle = LearningRateSchedule.ONE_CYCLE;
        assertThat(oneCycle.rate(BASE, 0, STEPS, EPOCHS)).isCloseTo(BASE / 25, within(1e-12));
        assertThat(oneCycle.rate(BASE, 100, STEPS, EPOCHS)).isCloseTo(BASE, within(1e-12));
        assertThat(oneCycle.rate(BASE, 400, STEPS, EPOCHS)).isCloseTo(BASE / 25 / 1e5, within(1e-15));
        double[] rates = LongStream.rangeClosed(0, STEPS).mapToDouble(s -> oneCycle.rate(BASE, s, STEPS, EPOCHS)).toArray();
        for (int s = 1; s <= 100; s++) {
            assertThat(rates[s]).as("rising at step %d", s).isGreaterThan(rates[s - 1]);
        }
        for (int s = 101; s <= STEPS; s++) {
            assertThat(rates[s]).as("falling at step %d", s).isLessThan(rates[s - 1]);
        }
    }

    @Test
    void kerasDecayIsKerasAdamsTimeBasedDecayWithTheSeedsDecayConstant() {
        // Keras 2's Adam: lr_t = lr / (1 + decay * iterations), iterations = updates already applied,
        // with the seed's decay = lr / epochs. Computed here step by step as Keras does.
        double lr = 1e-3;
        int epochs = 25;
        double decay = lr / epochs;
        long stepsPerEpoch = 5;
        long total = stepsPerEpoch * epochs;
        int iterations = 0;
        for (long step = 1; step <= total; step++) {
            double keras = lr * (1.0 / (1.0 + decay * iterations));
            assertThat(LearningRateSchedule.KERAS_DECAY.rate(lr, step, total, epochs)).as("step %d", step)
                    .isCloseTo(keras, within(1e-18));
            iterations++;
        }
        assertThat(LearningRateSchedule.KERAS_DECAY.rate(lr, 1, total, epochs)).isEqualTo(lr);
        assertThat(LearningRateSchedule.KERAS_DECAY.rate(lr, 125, total, epochs)).isCloseTo(0.000995064, within(1e-9));
        // The constant is lr / epochs, not 1 / epochs (which would halve the rate within 25 steps).
        assertThat(LearningRateSchedule.KERAS_DECAY.rate(lr, 26, total, epochs)).isGreaterThan(0.999 * lr);
        assertThat(LearningRateSchedule.KERAS_DECAY.rate(0.1, 11, 100, 10)).isCloseTo(0.1 / 1.1, within(1e-15));
    }
}
