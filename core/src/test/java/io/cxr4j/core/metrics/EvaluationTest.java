package io.cxr4j.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class EvaluationTest {

    private static final double EXACT = 1e-12;

    /** The three-class matrix of {@link ConfusionMatrixTest}, without scores. */
    private static Evaluation threeClass() {
        return Evaluation.of(ConfusionMatrixTest.threeClassMatrix(), new double[] {Double.NaN, Double.NaN, Double.NaN});
    }

    @Test
    void perClassMetricsOfThreeClasses() {
        Evaluation evaluation = threeClass();
        // covid: TP 3, FP 1, FN 2, TN 7; F1 = 2*3 / (2*3 + 1 + 2) = 6/9
        ClassMetrics covid = evaluation.classMetrics("covid");
        assertThat(covid.precision()).isEqualTo(new Proportion(3, 4));
        assertThat(covid.recall()).isEqualTo(new Proportion(3, 5));
        assertThat(covid.specificity()).isEqualTo(new Proportion(7, 8));
        assertThat(covid.f1()).isCloseTo(6.0 / 9, within(EXACT));
        assertThat(covid.support()).isEqualTo(5);
        // normal: TP 4, FP 2, FN 0, TN 7; F1 = 8 / (8 + 2 + 0) = 0.8
        ClassMetrics normal = evaluation.classMetrics("normal");
        assertThat(normal.precision()).isEqualTo(new Proportion(4, 6));
        assertThat(normal.recall()).isEqualTo(new Proportion(4, 4));
        assertThat(normal.specificity()).isEqualTo(new Proportion(7, 9));
        assertThat(normal.f1()).isCloseTo(0.8, within(EXACT));
        // pneumonia: TP 2, FP 1, FN 2, TN 8; F1 = 4 / (4 + 1 + 2) = 4/7
        ClassMetrics pneumonia = evaluation.classMetrics("pneumonia");
        assertThat(pneumonia.precision()).isEqualTo(new Proportion(2, 3));
        assertThat(pneumonia.recall()).isEqualTo(new Proportion(2, 4));
        assertThat(pneumonia.specificity()).isEqualTo(new Proportion(8, 9));
        assertThat(pneumonia.f1()).isCloseTo(4.0 / 7, within(EXACT));
        assertThat(evaluation.perClass()).extracting(ClassMetrics::className)
                .containsExactly("covid", "normal", "pneumonia");
    }

    @Test
    void summariesOfThreeClasses() {
        Evaluation evaluation = threeClass();
        assertThat(evaluation.testSize()).isEqualTo(13);
        assertThat(evaluation.accuracy()).isEqualTo(new Proportion(9, 13));
        // mean recall = (3/5 + 1 + 1/2) / 3 = 2.1 / 3 = 0.7
        assertThat(evaluation.balancedAccuracy()).isCloseTo(0.7, within(EXACT));
        // macro precision = (3/4 + 2/3 + 2/3) / 3 = (9 + 8 + 8) / 36 = 25/36
        // macro F1 = (2/3 + 4/5 + 4/7) / 3 = (70 + 84 + 60) / 315 = 214/315
        Averages macro = evaluation.macroAverage();
        assertThat(macro.precision()).isCloseTo(25.0 / 36, within(EXACT));
        assertThat(macro.recall()).isCloseTo(0.7, within(EXACT));
        assertThat(macro.f1()).isCloseTo(214.0 / 315, within(EXACT));
        // weighted precision = (5 * 3/4 + 4 * 2/3 + 4 * 2/3) / 13 = (45 + 32 + 32) / 12 / 13 = 109/156
        // weighted recall = (3 + 4 + 2) / 13 = 9/13, always equal to accuracy
        // weighted F1 = (5 * 2/3 + 4 * 4/5 + 4 * 4/7) / 13 = (350 + 336 + 240) / 105 / 13 = 926/1365
        Averages weighted = evaluation.weightedAverage();
        assertThat(weighted.precision()).isCloseTo(109.0 / 156, within(EXACT));
        assertThat(weighted.recall()).isCloseTo(9.0 / 13, within(EXACT));
        assertThat(weighted.f1()).isCloseTo(926.0 / 1365, within(EXACT));
        assertThat(evaluation.macroRocAuc()).isNaN();
    }

    @Test
    void sensitivityAndSpecificityOfAPositiveClass() {
        Evaluation evaluation = threeClass();
        assertThat(evaluation.sensitivity("covid")).isEqualTo(new Proportion(3, 5));
        assertThat(evaluation.specificity("covid")).isEqualTo(new Proportion(7, 8));
        assertThatThrownBy(() -> evaluation.sensitivity("Covid"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Unknown class 'Covid'");
    }

    @Test
    void classWithoutSupportCountsAsZeroInMacroAveragesButNotInBalancedAccuracy() {
        // actual a a b b, predicted a c b b: c has no samples but is predicted once
        ConfusionMatrix matrix = ConfusionMatrix.of(List.of("a", "b", "c"),
                new int[] {0, 0, 1, 1}, new int[] {0, 2, 1, 1});
        Evaluation evaluation = Evaluation.of(matrix, new double[] {1.0, 0.5, Double.NaN});
        ClassMetrics c = evaluation.classMetrics("c");
        // c: TP 0, FP 1, FN 0, TN 3
        assertThat(c.support()).isZero();
        assertThat(c.precision()).isEqualTo(new Proportion(0, 1));
        assertThat(c.recall().value()).isNaN();
        assertThat(c.specificity()).isEqualTo(new Proportion(3, 4));
        assertThat(c.f1()).isZero();
        // macro recall (sklearn zero_division=0) = (1/2 + 2/2 + 0) / 3 = 0.5
        assertThat(evaluation.macroAverage().recall()).isCloseTo(0.5, within(EXACT));
        // balanced accuracy skips c: (1/2 + 1) / 2 = 0.75
        assertThat(evaluation.balancedAccuracy()).isCloseTo(0.75, within(EXACT));
        // macro AUC skips the undefined one: (1.0 + 0.5) / 2
        assertThat(evaluation.macroRocAuc()).isCloseTo(0.75, within(EXACT));
        // weighted: c has weight 0; precision (2 * 1/1 + 2 * 2/2) / 4 = 1, f1 = (2 * 2/3 + 2 * 1) / 4 = 5/6
        assertThat(evaluation.weightedAverage().precision()).isCloseTo(1.0, within(EXACT));
        assertThat(evaluation.weightedAverage().f1()).isCloseTo(5.0 / 6, within(EXACT));
    }

    @Test
    void classNeverPredictedNorPresentHasUndefinedPrecisionAndRecallAndZeroF1() {
        ConfusionMatrix matrix = ConfusionMatrix.of(List.of("a", "b", "c"), new int[] {0, 1}, new int[] {0, 1});
        ClassMetrics c = Evaluation.of(matrix, new double[3]).classMetrics("c");
        assertThat(c.precision().value()).isNaN();
        assertThat(c.recall().value()).isNaN();
        assertThat(c.f1()).isZero();
    }

    @Test
    void rejectsAnEmptyMatrixAndMissingAucs() {
        ConfusionMatrix empty = ConfusionMatrix.of(List.of("a", "b"), new int[0], new int[0]);
        assertThatThrownBy(() -> Evaluation.of(empty, new double[2]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("empty confusion matrix");
        assertThatThrownBy(() -> Evaluation.of(ConfusionMatrixTest.threeClassMatrix(), new double[2]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("one ROC AUC per class");
    }

    @Test
    void equalEvaluationsOfEqualInputs() {
        assertThat(threeClass()).isEqualTo(threeClass()).hasSameHashCodeAs(threeClass());
        assertThat(threeClass()).isNotEqualTo(Evaluation.of(ConfusionMatrixTest.threeClassMatrix(), new double[3]));
    }
}
