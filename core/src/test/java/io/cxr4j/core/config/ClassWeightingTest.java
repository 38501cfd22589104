package io.cxr4j.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ClassWeightingTest {

    @Test
    void balancedWeightsFollowSklearnsFormula() {
        // DarkCovidNet binary: 124 covid, 500 normal; n / (classes * n_c) = 624/248 and 624/1000.
        float[] w = ClassWeighting.BALANCED.weights(new int[] {124, 500});
        assertThat(w[0]).isCloseTo(2.516129f, within(1e-6f));
        assertThat(w[1]).isCloseTo(0.624f, within(1e-6f));
        // Weighted, both classes contribute the same total: 124 * 2.516 = 500 * 0.624 = 312.
        assertThat(124 * w[0]).isCloseTo(500 * w[1], within(1e-3f));
    }

    @Test
    void noWeightingIsAllOnes() {
        assertThat(ClassWeighting.NONE.weights(new int[] {3, 9, 1})).containsExactly(1f, 1f, 1f);
    }
}
