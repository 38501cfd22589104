package io.cxr4j.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class FoldAverageTest {

    @Test
    void meanAndStudentTIntervalOfThreeFolds() {
        // mean 0.9, sd sqrt((0.01 + 0.01 + 0) / 2) = 0.1, half-width t(0.975, 2) * 0.1 / sqrt(3)
        FoldAverage average = FoldAverage.of(0.9, 0.8, 1.0);
        double half = 4.302652730 * 0.1 / Math.sqrt(3);
        assertThat(average.mean()).isCloseTo(0.9, within(1e-12));
        assertThat(average.standardDeviation()).isCloseTo(0.1, within(1e-12));
        assertThat(average.folds()).isEqualTo(3);
        assertThat(average.ci95().lower()).isCloseTo(0.9 - half, within(1e-9));
        assertThat(average.ci95().upper()).isCloseTo(0.9 + half, within(1e-9));
        assertThat(average.ci95().method()).isEqualTo("Student t over folds");
    }

    @Test
    void undefinedFoldsAreLeftOutAndOneFoldHasNoInterval() {
        assertThat(FoldAverage.of(0.5, Double.NaN).folds()).isEqualTo(1);
        assertThat(FoldAverage.of(0.5, Double.NaN).ci95()).isNull();
        assertThat(FoldAverage.of(Double.NaN).mean()).isNaN();
        assertThat(FoldAverage.of(0.7, 0.7).ci95().lower()).isEqualTo(0.7);
    }

    @Test
    void studentQuantilesMatchScipy() {
        assertThat(Quantiles.studentT975(1)).isEqualTo(12.706204736);
        assertThat(Quantiles.studentT975(4)).isEqualTo(2.776445105);
        // scipy.stats.t.ppf(0.975, df) beyond the table
        assertThat(Quantiles.studentT975(31)).isCloseTo(2.039513446396408, within(1e-6));
        assertThat(Quantiles.studentT975(49)).isCloseTo(2.0095752371292392, within(1e-6));
        assertThat(Quantiles.studentT975(120)).isCloseTo(1.9799304050824402, within(1e-6));
    }

    @Test
    void proportionIntervalsStopAtOneHundredPercent() {
        // of(0.9, 0.8, 1.0): mean 0.9, sd 0.1, t(0.975, 2) = 4.303, half-width 0.248 -> [0.652, 1.148].
        FoldAverage clipped = FoldAverage.ofProportions(0.9, 0.8, 1.0);
        assertThat(clipped.mean()).isEqualTo(FoldAverage.of(0.9, 0.8, 1.0).mean());
        assertThat(clipped.ci95().lower()).isCloseTo(0.652, org.assertj.core.api.Assertions.within(1e-3));
        assertThat(clipped.ci95().upper()).isEqualTo(1.0);
    }
}
