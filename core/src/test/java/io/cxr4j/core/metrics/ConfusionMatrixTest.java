package io.cxr4j.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ConfusionMatrixTest {

    static final List<String> THREE_CLASSES = List.of("covid", "normal", "pneumonia");

    /**
     * Actual (rows) against predicted (columns):
     * <pre>
     *             covid normal pneumonia
     * covid           3      1         1
     * normal          0      4         0
     * pneumonia       1      1         2
     * </pre>
     */
    static ConfusionMatrix threeClassMatrix() {
        int[] actual = {0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2};
        int[] predicted = {0, 0, 0, 1, 2, 1, 1, 1, 1, 0, 1, 2, 2};
        return ConfusionMatrix.of(THREE_CLASSES, actual, predicted);
    }

    @Test
    void countsActualAgainstPredicted() {
        ConfusionMatrix matrix = threeClassMatrix();
        assertThat(matrix.count(0, 0)).isEqualTo(3);
        assertThat(matrix.count(0, 2)).isEqualTo(1);
        assertThat(matrix.count(1, 0)).isZero();
        assertThat(matrix.count(2, 1)).isEqualTo(1);
        assertThat(matrix.total()).isEqualTo(13);
        assertThat(matrix.correct()).isEqualTo(3 + 4 + 2);
        assertThat(matrix.size()).isEqualTo(3);
        assertThat(matrix.classNames()).isEqualTo(THREE_CLASSES);
    }

    @Test
    void rowAndColumnTotals() {
        ConfusionMatrix matrix = threeClassMatrix();
        // rows: 3+1+1, 0+4+0, 1+1+2; columns: 3+0+1, 1+4+1, 1+0+2
        assertThat(matrix.rowTotal(0)).isEqualTo(5);
        assertThat(matrix.rowTotal(1)).isEqualTo(4);
        assertThat(matrix.rowTotal(2)).isEqualTo(4);
        assertThat(matrix.columnTotal(0)).isEqualTo(4);
        assertThat(matrix.columnTotal(1)).isEqualTo(6);
        assertThat(matrix.columnTotal(2)).isEqualTo(3);
    }

    @Test
    void oneVersusRestCounts() {
        ConfusionMatrix matrix = threeClassMatrix();
        // covid: TP 3, FP = column 4 - 3 = 1, FN = row 5 - 3 = 2, TN = 13 - 3 - 1 - 2 = 7
        assertThat(matrix.truePositives(0)).isEqualTo(3);
        assertThat(matrix.falsePositives(0)).isEqualTo(1);
        assertThat(matrix.falseNegatives(0)).isEqualTo(2);
        assertThat(matrix.trueNegatives(0)).isEqualTo(7);
        // normal: TP 4, FP = 6 - 4 = 2, FN = 4 - 4 = 0, TN = 13 - 4 - 2 - 0 = 7
        assertThat(matrix.truePositives(1)).isEqualTo(4);
        assertThat(matrix.falsePositives(1)).isEqualTo(2);
        assertThat(matrix.falseNegatives(1)).isZero();
        assertThat(matrix.trueNegatives(1)).isEqualTo(7);
        // pneumonia: TP 2, FP = 3 - 2 = 1, FN = 4 - 2 = 2, TN = 13 - 2 - 1 - 2 = 8
        assertThat(matrix.truePositives(2)).isEqualTo(2);
        assertThat(matrix.falsePositives(2)).isEqualTo(1);
        assertThat(matrix.falseNegatives(2)).isEqualTo(2);
        assertThat(matrix.trueNegatives(2)).isEqualTo(8);
    }

    @Test
    void classIndexResolvesNamesAndExplainsUnknownOnes() {
        ConfusionMatrix matrix = threeClassMatrix();
        assertThat(matrix.classIndex("pneumonia")).isEqualTo(2);
        assertThatThrownBy(() -> matrix.classIndex("COVID-19"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Unknown class 'COVID-19'; the classes are [covid, normal, pneumonia]");
    }

    @Test
    void equalityFollowsNamesAndCounts() {
        ConfusionMatrix fromCounts = new ConfusionMatrix(THREE_CLASSES,
                new long[][] {{3, 1, 1}, {0, 4, 0}, {1, 1, 2}});
        assertThat(fromCounts).isEqualTo(threeClassMatrix()).hasSameHashCodeAs(threeClassMatrix());
        assertThat(new ConfusionMatrix(List.of("covid", "normal", "other"),
                new long[][] {{3, 1, 1}, {0, 4, 0}, {1, 1, 2}})).isNotEqualTo(fromCounts);
        assertThat(new ConfusionMatrix(THREE_CLASSES,
                new long[][] {{3, 1, 1}, {0, 4, 0}, {1, 2, 1}})).isNotEqualTo(fromCounts);
    }

    @Test
    void copiesTheCountsItIsGiven() {
        long[][] counts = {{1, 0}, {0, 1}};
        ConfusionMatrix matrix = new ConfusionMatrix(List.of("covid", "normal"), counts);
        counts[0][0] = 99;
        assertThat(matrix.count(0, 0)).isEqualTo(1);
    }

    @Test
    void printsAReadableTable() {
        assertThat(threeClassMatrix()).hasToString("""
                actual \\ predicted  covid  normal  pneumonia
                covid                   3       1          1
                normal                  0       4          0
                pneumonia               1       1          2
                """);
    }

    @Test
    void rejectsInvalidInputWithExplanations() {
        assertThatThrownBy(() -> ConfusionMatrix.of(List.of("covid", "normal"), new int[] {0, 1}, new int[] {0}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2 actual and 1 predicted");
        assertThatThrownBy(() -> ConfusionMatrix.of(List.of("covid", "normal"), new int[] {0, 2}, new int[] {0, 1}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Actual class of sample 1 is index 2, outside 0..1 for classes [covid, normal]");
        assertThatThrownBy(() -> ConfusionMatrix.of(List.of("covid"), new int[] {0}, new int[] {0}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least two classes");
        assertThatThrownBy(() -> ConfusionMatrix.of(List.of("covid", "covid"), new int[0], new int[0]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("distinct");
        assertThatThrownBy(() -> new ConfusionMatrix(List.of("covid", "normal"), new long[][] {{1, 0}, {-1, 1}}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("negative");
        assertThatThrownBy(() -> new ConfusionMatrix(List.of("covid", "normal"), new long[][] {{1, 0}, {1}}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("row 1 ('normal') has 1 columns");
    }
}
