package io.cxr4j.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ClassificationReportTest {

    /**
     * 7 covid and 8 normal images; all covid found, one normal called covid:
     * <pre>
     *         covid normal
     * covid       7      0
     * normal      1      7
     * </pre>
     * Covid scores: covid 0.9 0.8 0.8 0.7 0.7 0.6 0.6; normal 0.65 (the miss) 0.4 0.3 0.3 0.2 0.2 0.1 0.1.
     */
    private static Evaluation covidVersusNormal() {
        return covidVersusNormalScores().evaluation();
    }

    private static ScoreDistributions covidVersusNormalScores() {
        EvaluationAccumulator accumulator = new EvaluationAccumulator(List.of("covid", "normal"));
        for (float covid : new float[] {0.9f, 0.8f, 0.8f, 0.7f, 0.7f, 0.6f, 0.6f}) {
            accumulator.add(0, new float[] {covid, 1 - covid});
        }
        for (float covid : new float[] {0.65f, 0.4f, 0.3f, 0.3f, 0.2f, 0.2f, 0.1f, 0.1f}) {
            accumulator.add(1, new float[] {covid, 1 - covid});
        }
        return accumulator.snapshot();
    }

    @Test
    void reproducesScikitLearnsLayoutThenClinicalSummary() {
        // sklearn classification_report(digits=2), first column width max(6, len("weighted avg")) = 12:
        //   covid:  precision 7/8 = 0.875 -> 0.88, recall 7/7 = 1.00, F1 = 14/15 = 0.933 -> 0.93, support 7
        //   normal: precision 7/7 = 1.00, recall 7/8 -> 0.88, F1 = 14/15 -> 0.93, support 8
        //   accuracy 14/15 = 0.933 -> 0.93
        //   macro: precision (0.875 + 1) / 2 = 0.9375 -> 0.94 (ties to even), recall 0.9375 -> 0.94,
        //          F1 14/15 -> 0.93
        //   weighted: precision (7 * 0.875 + 8 * 1) / 15 = 14.125 / 15 = 0.9417 -> 0.94,
        //             recall (7 + 7) / 15 -> 0.93, F1 14/15 -> 0.93
        // Wilson 95%: 7/7 -> [64.6%, 100%], 7/8 -> [52.9%, 97.8%], 14/15 -> [70.2%, 98.8%]
        // balanced accuracy (1 + 0.875) / 2 = 93.75% -> 93.8%
        // AUC: of 7 * 8 = 56 pairs only normal 0.65 above covid 0.6, 0.6 is misordered: 54/56 = 0.964
        assertThat(ClassificationReport.format(covidVersusNormal())).isEqualTo("""
                              precision    recall  f1-score   support

                       covid       0.88      1.00      0.93         7
                      normal       1.00      0.88      0.93         8

                    accuracy                           0.93        15
                   macro avg       0.94      0.94      0.93        15
                weighted avg       0.94      0.93      0.93        15

                covid   sensitivity 100.0% (95% CI 64.6-100.0%, 7/7)  specificity 87.5% (95% CI 52.9-97.8%, 7/8)
                normal  sensitivity 87.5% (95% CI 52.9-97.8%, 7/8)  specificity 100.0% (95% CI 64.6-100.0%, 7/7)

                accuracy 93.3% (95% CI 70.2-98.8%, 14/15), n = 15
                balanced accuracy 93.8%
                ROC AUC (one-vs-rest macro) 0.964
                """);
    }

    @Test
    void roundsTiesToEvenLikePythonAndMarksUndefinedRates() {
        // actual a a a a a a a a b, predicted a b b b b b b b b
        // a: TP 1, FP 0, FN 7 -> precision 1.00, recall 1/8 = 0.125 -> 0.12 (Python), F1 2/9 = 0.222 -> 0.22
        // b: TP 1, FP 7, FN 0 -> precision 0.125 -> 0.12, recall 1.00, F1 0.22
        // accuracy 2/9 = 0.222 -> 0.22; macro (1 + 0.125) / 2 = 0.5625 -> 0.56, F1 0.22
        // weighted precision (8 * 1 + 1 * 0.125) / 9 = 0.9028 -> 0.90, recall 2/9 -> 0.22,
        //          F1 (8 * 2/9 + 1 * 2/9) / 9 = 2/9 -> 0.22
        // String.format would print 0.13 for 0.125; scikit-learn prints 0.12
        int[] actual = {0, 0, 0, 0, 0, 0, 0, 0, 1};
        int[] predicted = {0, 1, 1, 1, 1, 1, 1, 1, 1};
        ConfusionMatrix matrix = ConfusionMatrix.of(List.of("a", "b"), actual, predicted);
        String report = ClassificationReport.format(Evaluation.of(matrix, new double[] {Double.NaN, Double.NaN}));
        assertThat(report).startsWith("""
                              precision    recall  f1-score   support

                           a       1.00      0.12      0.22         8
                           b       0.12      1.00      0.22         1

                    accuracy                           0.22         9
                   macro avg       0.56      0.56      0.22         9
                weighted avg       0.90      0.22      0.22         9
                """);
        assertThat(report).endsWith("ROC AUC (one-vs-rest macro) n/a (no scores, or only one actual class)\n");
    }

    @Test
    void showsNotApplicableForARateWithoutTrials() {
        // c never occurs, so its sensitivity is 0/0; a and b are always right, so c's specificity
        // is 2/2 with Wilson lower bound 1 - (z^2/2) / (1 + z^2/2) = 1 - 1.920730 / 2.920730 = 0.342382
        ConfusionMatrix matrix = ConfusionMatrix.of(List.of("a", "b", "c"), new int[] {0, 1}, new int[] {0, 1});
        String report = ClassificationReport.format(Evaluation.of(matrix, new double[] {1, 1, Double.NaN}));
        assertThat(report).contains("c  sensitivity n/a (0/0)  specificity 100.0% (95% CI 34.2-100.0%, 2/2)\n");
    }

    @Test
    void withTheScoresEachAucComesWithItsDeLongInterval() {
        String report = ClassificationReport.format(covidVersusNormalScores());

        assertThat(report).startsWith(ClassificationReport.format(covidVersusNormal())
                .replace("ROC AUC (one-vs-rest macro) 0.964\n", ""));
        assertThat(report.lines().toList().get(report.lines().toList().size() - 1))
                .matches("ROC AUC, covid vs rest: 0\\.964 \\(95% CI 0\\.\\d{3}-1\\.000, DeLong\\), n = 7 \\+ 8");
        assertThat(report).doesNotContain("normal vs rest").doesNotContain("macro) ");
    }
}
