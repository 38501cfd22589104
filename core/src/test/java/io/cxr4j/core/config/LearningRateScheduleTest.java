package io.cxr4j.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class LearningRateScheduleTest {

    private static final double BASE = 0.003;
    private static final long STEPS = 400;

    @Test
    void constantKeepsTheBaseRate() {
        assertThat(LongStream.of(1, 200, 400, 900).mapToDouble(s -> LearningRateSchedule.CONSTANT.rate(BASE, s, STEPS)))
                .containsOnly(BASE);
    }

    @Test
    void cosineFallsFromTheBaseRateToOnePercentAsDjlsCosineTracker() {
        LearningRateSchedule cosine = LearningRateSchedule.COSINE;
        assertThat(cosine.rate(BASE, 0, STEPS)).isCloseTo(BASE, within(1e-12));
        assertThat(cosine.rate(BASE, 200, STEPS)).isCloseTo((BASE + BASE / 100) / 2, within(1e-12));
        assertThat(cosine.rate(BASE, 400, STEPS)).isCloseTo(BASE / 100, within(1e-12));
        assertThat(cosine.rate(BASE, 5000, STEPS)).isCloseTo(BASE / 100, within(1e-12));
        // DJL's CosineTracker at update 1 of 400: (base - final) / 2 * (1 + cos(pi / 400)) + final.
        double djl = (BASE - BASE / 100) / 2 * (1 + Math.cos(Math.PI / STEPS)) + BASE / 100;
        assertThat(cosine.rate(BASE, 1, STEPS)).isCloseTo(djl, within(1e-12));
    }

    @Test
    void oneCycleWarmsUpForAQuarterThenAnnealsToAlmostNothing() {
        LearningRateSchedule oneCycle = LearningRateSchedule.ONE_CYCLE;
        assertThat(oneCycle.rate(BASE, 0, STEPS)).isCloseTo(BASE / 25, within(1e-12));
        assertThat(oneCycle.rate(BASE, 100, STEPS)).isCloseTo(BASE, within(1e-12));
        assertThat(oneCycle.rate(BASE, 400, STEPS)).isCloseTo(BASE / 25 / 1e5, within(1e-15));
        double[] rates = LongStream.rangeClosed(0, STEPS).mapToDouble(s -> oneCycle.rate(BASE, s, STEPS)).toArray();
        for (int s = 1; s <= 100; s++) {
            assertThat(rates[s]).as("rising at step %d", s).isGreaterThan(rates[s - 1]);
        }
        for (int s = 101; s <= STEPS; s++) {
            assertThat(rates[s]).as("falling at step %d", s).isLessThan(rates[s - 1]);
        }
    }
}
