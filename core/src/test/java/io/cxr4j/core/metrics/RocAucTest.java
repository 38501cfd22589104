package io.cxr4j.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RocAucTest {

    @Test
    void perfectRankingIsOne() {
        assertThat(RocAuc.of(new double[] {0.1, 0.2, 0.8, 0.9}, new boolean[] {false, false, true, true}))
                .isEqualTo(1.0);
    }

    @Test
    void reversedRankingIsZero() {
        assertThat(RocAuc.of(new double[] {0.9, 0.8, 0.2, 0.1}, new boolean[] {false, false, true, true}))
                .isEqualTo(0.0);
    }

    @Test
    void allTiedScoresGiveOneHalf() {
        assertThat(RocAuc.of(new double[] {0.5, 0.5, 0.5, 0.5, 0.5}, new boolean[] {true, false, false, true, false}))
                .isEqualTo(0.5);
    }

    @Test
    void smallHandExample() {
        // positives {0.35, 0.8}, negatives {0.1, 0.4}
        // 0.35 beats 0.1 only (1), 0.8 beats both (2): 3 of 4 pairs = 0.75
        assertThat(RocAuc.of(new double[] {0.1, 0.4, 0.35, 0.8}, new boolean[] {false, false, true, true}))
                .isEqualTo(0.75);
    }

    @Test
    void tiesBetweenClassesCountHalf() {
        // positives {0.5, 0.9}, negatives {0.5, 0.2}
        // 0.5: ties 0.5 (1/2), beats 0.2 (1) -> 1.5; 0.9 beats both -> 2; (1.5 + 2) / 4 = 0.875
        assertThat(RocAuc.of(new double[] {0.5, 0.5, 0.2, 0.9}, new boolean[] {true, false, false, true}))
                .isEqualTo(0.875);
    }

    @Test
    void undefinedWithoutPositivesOrNegatives() {
        assertThat(RocAuc.of(new double[] {0.1, 0.9}, new boolean[] {true, true})).isNaN();
        assertThat(RocAuc.of(new double[] {0.1, 0.9}, new boolean[] {false, false})).isNaN();
        assertThat(RocAuc.of(new double[0], new boolean[0])).isNaN();
    }

    @Test
    void rejectsMismatchedLengthsAndNaNScores() {
        assertThatThrownBy(() -> RocAuc.of(new double[] {0.1, 0.2}, new boolean[] {true}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2 scores and 1 labels");
        assertThatThrownBy(() -> RocAuc.of(new double[] {0.1, Double.NaN}, new boolean[] {true, false}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("score 1 is NaN");
    }
}
