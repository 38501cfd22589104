package io.cxr4j.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assertions.withinPercentage;

import java.util.Random;
import org.junit.jupiter.api.Test;

class ScoreBinsTest {

    private static final int BINS = EvaluationAccumulator.DEFAULT_BINS;

    @Test
    void binsAreNarrowInTheMiddleAndNarrowerNearZeroAndOne() {
        assertThat(width(0.5)).isCloseTo(6.5e-5, within(1e-6));
        assertThat(width(0.99)).isLessThan(3e-6);
        assertThat(width(0.9999)).isLessThan(3e-8);
        // Mirror images: logit(1 - p) = -logit(p).
        assertThat(width(0.0001)).isCloseTo(width(0.9999), withinPercentage(1));
    }

    /** The width in probability of the bin that holds p. */
    private static double width(double p) {
        int b = ScoreBins.bin((float) p, BINS);
        return ScoreBins.lowerEdge(b + 1, BINS) - ScoreBins.lowerEdge(b, BINS);
    }

    @Test
    void theExtremesAndFloatRoundingLandInTheEdgeBins() {
        assertThat(ScoreBins.bin(0f, BINS)).isZero();
        assertThat(ScoreBins.bin(-1e-5f, BINS)).isZero();
        assertThat(ScoreBins.bin(1f, BINS)).isEqualTo(BINS - 1);
        assertThat(ScoreBins.bin(1.00001f, BINS)).isEqualTo(BINS - 1);
        // The largest float below 1 keeps a bin of its own.
        assertThat(ScoreBins.bin(Math.nextDown(1f), BINS)).isLessThan(BINS - 1);
        assertThat(ScoreBins.lowerEdge(0, BINS)).isZero();
    }

    @Test
    void everyScoreIsAtLeastItsBinsLowerEdgeAndBelowTheNext() {
        Random random = new Random(5);
        for (int i = 0; i < 10_000; i++) {
            // Log-uniform distances from 0 or 1 reach deep into the tails.
            float distance = (float) Math.pow(10, -7 * random.nextDouble());
            float p = random.nextBoolean() ? distance : 1 - distance;
            int b = ScoreBins.bin(p, BINS);
            assertThat(ScoreBins.lowerEdge(b, BINS)).as("p = %s", p).isLessThanOrEqualTo(p * (1 + 1e-12));
            if (b < BINS - 1) {
                assertThat(ScoreBins.lowerEdge(b + 1, BINS)).as("p = %s", p).isGreaterThan(p * (1 - 1e-12));
            }
        }
    }

    @Test
    void aBinsLowerEdgeMapsBackToThatBin() {
        Random random = new Random(9);
        for (int i = 0; i < 10_000; i++) {
            int b = random.nextInt(BINS);
            assertThat(ScoreBins.firstBinFrom(ScoreBins.lowerEdge(b, BINS), BINS)).isEqualTo(b);
        }
        for (int b : new int[] {0, 1, BINS - 2, BINS - 1}) {
            assertThat(ScoreBins.firstBinFrom(ScoreBins.lowerEdge(b, BINS), BINS)).isEqualTo(b);
        }
        assertThat(ScoreBins.firstBinFrom(0, BINS)).isZero();
        assertThat(ScoreBins.firstBinFrom(1, BINS)).isEqualTo(BINS - 1);
        // Between two edges, rounded up to the next.
        double between = (ScoreBins.lowerEdge(500, BINS) + ScoreBins.lowerEdge(501, BINS)) / 2;
        assertThat(ScoreBins.firstBinFrom(between, BINS)).isEqualTo(501);
    }
}
