package io.cxr4j.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ProportionTest {

    private static final double TOLERANCE = 5e-5;

    @Test
    void plusAddsSuccessesAndTrials() {
        assertThat(new Proportion(3, 4).plus(new Proportion(5, 10))).isEqualTo(new Proportion(8, 14));
    }

    @Test
    void valueIsSuccessesOverTrials() {
        assertThat(new Proportion(7, 8).value()).isEqualTo(0.875);
        assertThat(new Proportion(0, 3).value()).isEqualTo(0.0);
    }

    @Test
    void valueIsNaNWithoutTrialsUnlessAFallbackIsGiven() {
        assertThat(new Proportion(0, 0).value()).isNaN();
        assertThat(new Proportion(0, 0).valueOr(0)).isEqualTo(0.0);
        assertThat(new Proportion(3, 4).valueOr(0)).isEqualTo(0.75);
    }

    @Test
    void rejectsImpossibleCounts() {
        assertThatThrownBy(() -> new Proportion(5, 4))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("5/4");
        assertThatThrownBy(() -> new Proportion(-1, 4)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Proportion(0, -1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void wilsonIntervalOf14OutOf15() {
        // z^2 = 3.841459, n = 15, p = 0.933333
        // denominator = 1 + z^2/n = 1.256097
        // centre = (p + z^2/(2n)) / denominator = (0.933333 + 0.128049) / 1.256097 = 0.844984
        // half = z / denominator * sqrt(p(1-p)/n + z^2/(4n^2))
        //      = 1.959964 / 1.256097 * sqrt(0.0041481 + 0.0042683) = 1.560360 * 0.091741 = 0.143150
        // interval = [0.701834, 0.988134]
        ConfidenceInterval interval = new Proportion(14, 15).wilson95();
        assertThat(interval.lower()).isCloseTo(0.70183, within(TOLERANCE));
        assertThat(interval.upper()).isCloseTo(0.98813, within(TOLERANCE));
        assertThat(interval.level()).isEqualTo(0.95);
        assertThat(interval.method()).isEqualTo("Wilson score");
    }

    @Test
    void wilsonIntervalOf7OutOf8() {
        // denominator = 1 + 3.841459/8 = 1.480182; centre = (0.875 + 0.240091) / 1.480182 = 0.753348
        // half = 1.959964 / 1.480182 * sqrt(0.109375/8 + 3.841459/256)
        //      = 1.324137 * sqrt(0.013672 + 0.015006) = 1.324137 * 0.169345 = 0.224236
        ConfidenceInterval interval = new Proportion(7, 8).wilson95();
        assertThat(interval.lower()).isCloseTo(0.52911, within(TOLERANCE));
        assertThat(interval.upper()).isCloseTo(0.97758, within(TOLERANCE));
    }

    @Test
    void wilsonIntervalOfNoSuccessesStartsAtZero() {
        // p = 0: centre = half = (z^2/(2n)) / (1 + z^2/n) = 0.192073 / 1.384146 = 0.138767
        // so lower = 0 and upper = 2 * 0.138767 = 0.277534
        ConfidenceInterval interval = new Proportion(0, 10).wilson95();
        assertThat(interval.lower()).isEqualTo(0.0);
        assertThat(interval.upper()).isCloseTo(0.27753, within(TOLERANCE));
    }

    @Test
    void wilsonIntervalOfAllSuccessesEndsAtOne() {
        // mirror image of 0/10: [1 - 0.277534, 1]
        ConfidenceInterval tenOfTen = new Proportion(10, 10).wilson95();
        assertThat(tenOfTen.lower()).isCloseTo(0.72247, within(TOLERANCE));
        assertThat(tenOfTen.upper()).isEqualTo(1.0);
        // 25/25: lower = 1 - (z^2/n) / (1 + z^2/n) = 1 - 0.153658 / 1.153658 = 0.866808
        ConfidenceInterval all25 = new Proportion(25, 25).wilson95();
        assertThat(all25.lower()).isCloseTo(0.86681, within(TOLERANCE));
        assertThat(all25.upper()).isEqualTo(1.0);
    }

    @Test
    void wilsonIntervalWithoutTrialsIsTheWholeRange() {
        ConfidenceInterval interval = new Proportion(0, 0).wilson95();
        assertThat(interval.lower()).isEqualTo(0.0);
        assertThat(interval.upper()).isEqualTo(1.0);
    }

    @Test
    void confidenceIntervalRejectsInvertedBoundsAndImpossibleLevels() {
        assertThatThrownBy(() -> new ConfidenceInterval(0.6, 0.4, 0.95, "Wilson score"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("lower <= upper");
        assertThatThrownBy(() -> new ConfidenceInterval(0.4, 0.6, 95, "Wilson score"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0.95");
        assertThatThrownBy(() -> new ConfidenceInterval(0.4, 0.6, 0.95, " "))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
