package io.cxr4j.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class EvaluationAccumulatorTest {

    private static final List<String> CLASSES = List.of("covid", "normal", "pneumonia");

    /**
     * Five samples; three argmax ties, each resolved to the lower index.
     * <pre>
     * sample actual  scores (covid, normal, pneumonia)  predicted
     * s0     covid   0.6  0.3   0.1                      covid
     * s1     normal  0.4  0.4   0.2                      covid (tie)
     * s2     pneu.   0.5  0.1   0.4                      covid
     * s3     pneu.   0.1  0.45  0.45                     normal (tie)
     * s4     normal  0.2  0.4   0.4                      normal (tie)
     * </pre>
     */
    private static EvaluationAccumulator fiveSamples() {
        EvaluationAccumulator accumulator = new EvaluationAccumulator(CLASSES);
        accumulator.add(0, new float[] {0.6f, 0.3f, 0.1f});
        accumulator.addBatch(new int[] {1, 2}, new float[][] {{0.4f, 0.4f, 0.2f}, {0.5f, 0.1f, 0.4f}});
        accumulator.addBatch(new int[] {2, 1}, new float[][] {{0.1f, 0.45f, 0.45f}, {0.2f, 0.4f, 0.4f}});
        return accumulator;
    }

    @Test
    void predictsTheArgmaxWithTiesToTheLowerIndex() {
        EvaluationAccumulator accumulator = fiveSamples();
        assertThat(accumulator.count()).isEqualTo(5);
        ConfusionMatrix expected = new ConfusionMatrix(CLASSES,
                new long[][] {{1, 0, 0}, {1, 1, 0}, {1, 1, 0}});
        assertThat(accumulator.evaluate().confusionMatrix()).isEqualTo(expected);
    }

    @Test
    void computesExactOneVersusRestAucPerClass() {
        Evaluation evaluation = fiveSamples().evaluate();
        // covid: positive s0 0.6 against 0.4, 0.5, 0.1, 0.2 -> 4/4 = 1
        assertThat(evaluation.classMetrics("covid").rocAuc()).isEqualTo(1.0);
        // normal: positives s1 0.4, s4 0.4 against 0.3, 0.1, 0.45 -> each beats two: 4/6
        assertThat(evaluation.classMetrics("normal").rocAuc()).isCloseTo(4.0 / 6, within(1e-12));
        // pneumonia: positives s2 0.4, s3 0.45 against 0.1, 0.2, 0.4
        //   0.4 -> 1 + 1 + 1/2 = 2.5, 0.45 -> 3; 5.5/6 = 11/12
        assertThat(evaluation.classMetrics("pneumonia").rocAuc()).isCloseTo(11.0 / 12, within(1e-12));
        // macro = (12/12 + 8/12 + 11/12) / 3 = 31/36
        assertThat(evaluation.macroRocAuc()).isCloseTo(31.0 / 36, within(1e-12));
    }

    @Test
    void keepsAccumulatingAfterEvaluate() {
        EvaluationAccumulator accumulator = fiveSamples();
        assertThat(accumulator.evaluate().accuracy()).isEqualTo(new Proportion(2, 5));
        accumulator.add(2, new float[] {0f, 0f, 1f});
        assertThat(accumulator.evaluate().accuracy()).isEqualTo(new Proportion(3, 6));
    }

    @Test
    void growsBeyondItsInitialCapacity() {
        EvaluationAccumulator accumulator = new EvaluationAccumulator(List.of("covid", "normal"));
        // 150 covid scored 0.9 then 150 normal scored 0.1 for covid: all correct, AUC 1
        for (int i = 0; i < 300; i++) {
            float covidScore = i < 150 ? 0.9f : 0.1f;
            accumulator.add(i < 150 ? 0 : 1, new float[] {covidScore, 1 - covidScore});
        }
        Evaluation evaluation = accumulator.evaluate();
        assertThat(evaluation.testSize()).isEqualTo(300);
        assertThat(evaluation.accuracy()).isEqualTo(new Proportion(300, 300));
        assertThat(evaluation.macroRocAuc()).isEqualTo(1.0);
    }

    @Test
    void stateDoesNotGrowWithTheNumberOfSamples() throws IllegalAccessException {
        EvaluationAccumulator small = new EvaluationAccumulator(CLASSES);
        EvaluationAccumulator large = new EvaluationAccumulator(CLASSES);
        java.util.Random random = new java.util.Random(1);
        for (int i = 0; i < 100_000; i++) {
            float a = random.nextFloat();
            float b = (1 - a) * random.nextFloat();
            float[] p = {a, b, 1 - a - b};
            if (i < 100) {
                small.add(i % 3, p);
            }
            large.add(i % 3, p);
        }
        assertThat(large.count()).isEqualTo(100_000);
        assertThat(retainedArrayBytes(large)).isEqualTo(retainedArrayBytes(small));
        assertThat(large.stateBytes()).isEqualTo(small.stateBytes()).isEqualTo(retainedArrayBytes(small));
    }

    @Test
    void aBinaryAccumulatorTakesAboutFourMegabytes() {
        // 2 classes x (own class, others) x 2^17 score bins, the 2 x 2 confusion matrix, and
        // 10,000 confidence bins of wrong and right counts and sums, 8 bytes each
        long expected = 8L * (2 * 2 * 131_072 + 2 * 2 + 3 * 10_000);
        assertThat(new EvaluationAccumulator(List.of("covid", "normal")).stateBytes()).isEqualTo(expected)
                .isLessThan(4_500_000);
    }

    /** The bytes of every primitive array an accumulator's fields hold, found by reflection. */
    private static long retainedArrayBytes(EvaluationAccumulator accumulator) throws IllegalAccessException {
        long bytes = 0;
        for (java.lang.reflect.Field field : EvaluationAccumulator.class.getDeclaredFields()) {
            if (field.getType().isArray()) {
                field.setAccessible(true);
                bytes += arrayBytes(field.get(accumulator));
            }
        }
        return bytes;
    }

    private static long arrayBytes(Object array) {
        if (array instanceof Object[] nested) {
            long bytes = 0;
            for (Object element : nested) {
                bytes += arrayBytes(element);
            }
            return bytes;
        }
        // long[] and double[]: 8 bytes per element
        return 8L * java.lang.reflect.Array.getLength(array);
    }

    @Test
    void rejectsScoresThatAreNotProbabilities() {
        EvaluationAccumulator accumulator = new EvaluationAccumulator(List.of("covid", "normal"));
        assertThatThrownBy(() -> accumulator.add(0, new float[] {2.5f, -1.3f}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a probability in [0, 1]; pass softmax outputs, not logits");
        // float rounding just above 1 is accepted
        accumulator.add(0, new float[] {1.00001f, 0f});
        assertThat(accumulator.evaluate().accuracy()).isEqualTo(new Proportion(1, 1));
    }

    @Test
    void snapshotsDoNotChangeWhenMoreSamplesArrive() {
        EvaluationAccumulator accumulator = fiveSamples();
        ScoreDistributions before = accumulator.snapshot();
        accumulator.add(0, new float[] {1f, 0f, 0f});
        assertThat(before.count()).isEqualTo(5);
        assertThat(accumulator.snapshot().count()).isEqualTo(6);
    }

    @Test
    void refusesToEvaluateNothing() {
        assertThatThrownBy(() -> new EvaluationAccumulator(CLASSES).evaluate())
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("No samples to evaluate; call add or addBatch with the model outputs first");
    }

    @Test
    void rejectsInvalidSamplesWithExplanations() {
        EvaluationAccumulator accumulator = new EvaluationAccumulator(CLASSES);
        assertThatThrownBy(() -> accumulator.add(3, new float[] {0.2f, 0.3f, 0.5f}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Sample has actual class index 3, outside 0..2 for classes [covid, normal, pneumonia]");
        assertThatThrownBy(() -> accumulator.add(0, new float[] {0.2f, 0.8f}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Sample has 2 probabilities, expected one per class [covid, normal, pneumonia]");
        assertThatThrownBy(() -> accumulator.add(0, new float[] {0.2f, Float.NaN, 0.8f}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("non-finite probability NaN for class 'normal'");
        assertThatThrownBy(() -> accumulator.addBatch(new int[] {0}, new float[0][]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Batch has 1 labels but 0 probability rows; they must match");
        assertThatThrownBy(() -> new EvaluationAccumulator(List.of("covid")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least two classes");
        assertThat(accumulator.count()).isZero();
    }

    @Test
    void anInvalidRowRejectsTheWholeBatch() {
        EvaluationAccumulator accumulator = new EvaluationAccumulator(CLASSES);
        assertThatThrownBy(() -> accumulator.addBatch(new int[] {0, 1, 5},
                new float[][] {{1f, 0f, 0f}, {0f, 1f, 0f}, {0f, 0f, 1f}}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Batch row 2 has actual class index 5");
        assertThat(accumulator.count()).isZero();
    }
}
