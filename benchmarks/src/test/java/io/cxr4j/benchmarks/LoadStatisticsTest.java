package io.cxr4j.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.cxr4j.benchmarks.LoadStatistics.Answer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LoadStatisticsTest {

    private static long[] millis(int from, int to) {
        long[] values = new long[to - from + 1];
        for (int i = 0; i < values.length; i++) {
            values[i] = (from + i) * 1_000_000L;
        }
        return values;
    }

    @Test
    void percentilesAreNearestRankOrderStatistics() {
        long[] sorted = millis(1, 100);
        assertThat(LoadStatistics.quantile(sorted, 0.50).ms()).isEqualTo(50.0);
        assertThat(LoadStatistics.quantile(sorted, 0.90).ms()).isEqualTo(90.0);
        assertThat(LoadStatistics.quantile(sorted, 0.99).ms()).isEqualTo(99.0);
        assertThat(LoadStatistics.quantile(sorted, 1.0).ms()).isEqualTo(100.0);
        assertThat(LoadStatistics.quantile(millis(7, 7), 0.5).ms()).isEqualTo(7.0);
        // Nearest rank rounds up: of 1..7 the median is the 4th value and p90 (rank 6.3) the 7th.
        assertThat(LoadStatistics.quantile(millis(1, 7), 0.5).ms()).isEqualTo(4.0);
        assertThat(LoadStatistics.quantile(millis(1, 7), 0.9).ms()).isEqualTo(7.0);
        // n = 1000, p = 0.5: ranks 500 -+ 1.96 * sqrt(250) = 469 and 531 + 1.
        LoadStatistics.Quantile median = LoadStatistics.quantile(millis(1, 1000), 0.5);
        assertThat(median.ms()).isEqualTo(500.0);
        assertThat(median.lowMs()).isEqualTo(469.0);
        assertThat(median.highMs()).isEqualTo(532.0);
        // The interval of a high percentile is clamped to the largest value.
        assertThat(LoadStatistics.quantile(millis(1, 100), 0.99).highMs()).isEqualTo(100.0);
    }

    @Test
    void throughputCountsToTheLastAnswerAndItsIntervalShowsAnUnevenRun() {
        long[] steady = new long[100];
        for (int i = 0; i < steady.length; i++) {
            steady[i] = (i + 1) * 10_000_000L; // one answer every 10 ms
        }
        LoadStatistics.Throughput even = LoadStatistics.throughput(steady, 5);
        assertThat(even.perSecond()).isCloseTo(100.0, within(1e-9));
        assertThat(even.halfWidth()).isCloseTo(0.0, within(1e-6));

        long[] uneven = steady.clone();
        for (int i = 80; i < 100; i++) {
            uneven[i] = 800_000_000L + (i - 79) * 50_000_000L; // the last fifth five times slower
        }
        LoadStatistics.Throughput slow = LoadStatistics.throughput(uneven, 5);
        assertThat(slow.perSecond()).isCloseTo(100 / 1.8, within(1e-9));
        assertThat(slow.halfWidth()).isGreaterThan(10.0);
    }

    @Test
    void verifyCountsLostRefusedDuplicatedMismatchedAndSwappedAnswers() {
        double[][] baseline = {{0.1, 0.9}, {0.6, 0.4}, {0.3, 0.7}};
        int[] imageOfRequest = {0, 1, 2, 0, 1, 2, 0};
        List<List<Answer>> answers = new ArrayList<>();
        answers.add(List.of(new Answer(200, new double[] {0.1 + 5e-7, 0.9}))); // within tolerance
        answers.add(List.of()); // lost
        answers.add(List.of(new Answer(503, null))); // refused
        answers.add(List.of(new Answer(200, new double[] {0.6, 0.4}))); // image 1's answer: swapped
        answers.add(List.of(new Answer(200, new double[] {0.6, 0.4}), new Answer(200, new double[] {0.6, 0.4})));
        answers.add(List.of(new Answer(200, new double[] {0.3, 0.7 + 1e-5}))); // off by more than the tolerance
        answers.add(List.of(new Answer(200, new double[] {0.1, 0.9})));

        LoadStatistics.Verdict verdict = LoadStatistics.verify(baseline, imageOfRequest, answers, 1e-6);

        assertThat(verdict.requests()).isEqualTo(7);
        assertThat(verdict.answered()).isEqualTo(5);
        assertThat(verdict.lost()).isEqualTo(1);
        assertThat(verdict.refused()).isEqualTo(1);
        assertThat(verdict.duplicated()).isEqualTo(1);
        assertThat(verdict.mismatched()).isEqualTo(2);
        assertThat(verdict.swapped()).isEqualTo(1);
        assertThat(verdict.largestDeviation()).isCloseTo(5e-7, within(1e-12));
        assertThat(verdict.clean()).isFalse();
    }

    @Test
    void aRunWhereEveryRequestGotItsOwnAnswerIsClean() {
        double[][] baseline = {{0.1, 0.9}, {0.6, 0.4}};
        List<List<Answer>> answers = List.of(List.of(new Answer(200, baseline[0])), List.of(new Answer(200, baseline[1])));
        LoadStatistics.Verdict verdict = LoadStatistics.verify(baseline, new int[] {0, 1}, answers, 1e-6);
        assertThat(verdict.clean()).isTrue();
        assertThat(LoadStatistics.closestPair(baseline)).isCloseTo(0.5, within(1e-12));
    }
}
