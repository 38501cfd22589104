package io.cxr4j.core.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cxr4j.core.metrics.EvaluationAccumulator;
import io.cxr4j.core.metrics.FoldAverage;
import io.cxr4j.core.metrics.Proportion;
import io.cxr4j.core.metrics.ScoreDistributions;
import java.util.List;
import org.junit.jupiter.api.Test;

class MarkdownTablesTest {

    @Test
    void thresholdsNearZeroOrOneKeepTheirDigits() {
        assertThat(MarkdownTables.threshold(0.6647545787576077)).as("rounded down").isEqualTo("0.664754");
        assertThat(MarkdownTables.threshold(0.99997)).isEqualTo("0.99997000");
        assertThat(MarkdownTables.threshold(0.0000312)).isEqualTo("0.00003120");
        assertThat(MarkdownTables.threshold(0)).isEqualTo("0.000000");
        assertThat(MarkdownTables.threshold(1)).isEqualTo("1.000000");
        assertThat(MarkdownTables.threshold(Double.NaN)).isEqualTo("n/a");
    }

    @Test
    void evaluationTableHasOneRowPerClassWithIntervalsAndCounts() {
        EvaluationAccumulator accumulator = new EvaluationAccumulator(List.of("covid", "normal"));
        accumulator.add(0, new float[] {0.8f, 0.2f});
        accumulator.add(0, new float[] {0.35f, 0.65f});
        accumulator.add(1, new float[] {0.4f, 0.6f});
        accumulator.add(1, new float[] {0.1f, 0.9f});
        ScoreDistributions scores = accumulator.snapshot();
        String md = MarkdownTables.evaluation(scores);
        // covid: TP 1 of 2, TN 2 of 2, precision 1/1, F1 = 2/3; AUC 3/4 as in the ROC tests;
        // AP: scores 0.8 (covid), 0.4, 0.35 (covid), 0.1 give 1/2 x 1 + 1/2 x 2/3 = 0.833 against prevalence 0.5
        assertThat(md).contains("| positive class | n | sensitivity (95% CI) |")
                .contains("| covid | 2 | 50.0% (9.5-90.5%, 1/2) | 100.0% (34.2-100.0%, 2/2) | 100.0% (20.7-100.0%, 1/1)"
                        + " | 0.667 | 0.750 (0.057-1.000) | 0.833 (0.500) |")
                .contains("Accuracy 75.0% (30.1-95.4%, 3/4), balanced accuracy 75.0%, n = 4.");
    }

    @Test
    void anAucPrintsWithItsIntervalAndNothingElse() {
        // covid 0.31 and normal 0.35 are close but not tied: 3 of 4 pairs won, exactly
        EvaluationAccumulator close = new EvaluationAccumulator(List.of("covid", "normal"));
        close.add(0, new float[] {0.31f, 0.69f});
        close.add(0, new float[] {0.9f, 0.1f});
        close.add(1, new float[] {0.35f, 0.65f});
        close.add(1, new float[] {0.001f, 0.999f});
        ScoreDistributions scores = close.snapshot();
        assertThat(MarkdownTables.auc(scores.roc("covid"))).isEqualTo("0.750 (0.057-1.000)");
        assertThat(MarkdownTables.evaluation(scores)).contains("| 0.750 (0.057-1.000) |");
    }

    @Test
    void foldMeansAndRates() {
        assertThat(MarkdownTables.rate(new Proportion(14, 15))).isEqualTo("93.3% (70.2-98.8%, 14/15)");
        assertThat(MarkdownTables.rate(new Proportion(0, 0))).isEqualTo("n/a (0/0)");
        // mean 0.9, half-width 4.302652730 * 0.1 / sqrt(3) = 0.2484
        assertThat(MarkdownTables.percentMean(FoldAverage.of(0.9, 0.8, 1.0))).isEqualTo("90.0% (65.2-114.8%, 3 folds)");
        assertThat(MarkdownTables.mean(FoldAverage.of(0.9))).isEqualTo("0.900 (1 fold)");
        assertThat(MarkdownTables.mean(FoldAverage.of())).isEqualTo("n/a");
    }

    @Test
    void tableRejectsRaggedRows() {
        assertThat(MarkdownTables.table(List.of("a", "b"), List.of(List.of("1", "2"))))
                .isEqualTo("| a | b |\n|---|---|\n| 1 | 2 |\n");
        assertThatThrownBy(() -> MarkdownTables.table(List.of("a", "b"), List.of(List.of("1"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("has 1 cells, expected 2");
    }
}
