package io.cxr4j.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
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
    void repeatedScoresCostOneEntryEach() {
        EvaluationAccumulator repeated = new EvaluationAccumulator(CLASSES);
        EvaluationAccumulator distinct = new EvaluationAccumulator(CLASSES);
        Random random = new Random(1);
        for (int i = 0; i < 100_000; i++) {
            // 100 distinct score triples over and over, against 100,000 different ones
            float a = (i % 100) / 200f;
            repeated.add(i % 3, new float[] {a, 0.5f - a, 0.5f});
            float b = random.nextFloat() / 2;
            distinct.add(i % 3, new float[] {b, 0.5f - b, 0.5f});
        }
        // 3 classes x 2 sides x at most 100 scores, 3 x 1 confidences, 8 bytes each; 8 buffers of
        // 1,024 floats; the confusion matrix
        assertThat(repeated.stateBytes()).isLessThanOrEqualTo(8L * (6 * 100 + 3) + 8 * 4096 + 72);
        // 100,000 distinct scores of covid and of normal, 8 bytes each, and a buffer of at most a quarter
        assertThat(distinct.stateBytes()).isBetween(2 * 8L * 99_000, 2 * 10L * 100_000 + 8L * (6 + 3) + 8 * 4096 + 72);
    }

    @Test
    void mergedPartitionsGiveTheVeryResultsOfOneAccumulator() throws IOException, ClassNotFoundException {
        // Softmax-like scores: most near 0 or 1, some in between, a share rounded to 2 decimals so
        // that ties occur within and across classes and partitions.
        Random random = new Random(26);
        int samples = 20_000;
        int[] actual = new int[samples];
        float[][] probabilities = new float[samples][];
        for (int i = 0; i < samples; i++) {
            actual[i] = random.nextInt(3);
            float[] logits = new float[3];
            for (int c = 0; c < 3; c++) {
                logits[c] = (float) (random.nextGaussian() * 4 + (c == actual[i] ? 3 : 0));
            }
            probabilities[i] = softmax(logits, random.nextInt(5) == 0);
        }
        EvaluationAccumulator whole = new EvaluationAccumulator(CLASSES);
        whole.addBatch(actual, probabilities);

        int partitions = 7;
        List<EvaluationAccumulator> parts = new ArrayList<>();
        for (int p = 0; p < partitions; p++) {
            parts.add(new EvaluationAccumulator(CLASSES));
        }
        // Random, unequal partitions, each in its own order; one stays empty.
        for (int i = 0; i < samples; i++) {
            parts.get(random.nextInt(partitions - 1)).add(actual[i], probabilities[i]);
        }
        // As Spark ships partial results: serialized, read back in another order, merged.
        List<EvaluationAccumulator> shipped = new ArrayList<>();
        for (EvaluationAccumulator part : parts) {
            shipped.add(roundTrip(part));
        }
        Collections.shuffle(shipped, random);
        EvaluationAccumulator merged = shipped.stream().reduce(EvaluationAccumulator::merge).orElseThrow();

        ScoreDistributions expected = whole.snapshot();
        ScoreDistributions actualScores = merged.snapshot();
        assertThat(merged.count()).isEqualTo(samples);
        assertThat(actualScores).isEqualTo(expected);
        // Records compare doubles bit for bit (Double.compare).
        assertThat(actualScores.evaluation()).isEqualTo(expected.evaluation());
        assertThat(actualScores.rocCurves()).isEqualTo(expected.rocCurves());
        assertThat(actualScores.precisionRecallCurves()).isEqualTo(expected.precisionRecallCurves());
        assertThat(actualScores.calibration(10)).isEqualTo(expected.calibration(10));
        assertThat(actualScores.calibration(15)).isEqualTo(expected.calibration(15));
        assertThat(actualScores.chooseThreshold("normal", 0.9)).isEqualTo(expected.chooseThreshold("normal", 0.9));
        // Pooling snapshots is the same operation.
        ScoreDistributions pooled = parts.stream().filter(p -> p.count() > 0).map(EvaluationAccumulator::snapshot)
                .reduce(ScoreDistributions::plus).orElseThrow();
        assertThat(pooled).isEqualTo(expected);
        assertThat(pooled.rocCurves()).isEqualTo(expected.rocCurves());
        // and ties did occur, so the merge had equal scores to combine
        assertThat(expected.roc("covid").points().size() - 1).isLessThan(samples);
    }

    @Test
    void aSnapshotSurvivesSerialization() throws IOException, ClassNotFoundException {
        ScoreDistributions before = fiveSamples().snapshot();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(before);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            ScoreDistributions after = (ScoreDistributions) in.readObject();
            assertThat(after).isEqualTo(before);
            assertThat(after.rocCurves()).isEqualTo(before.rocCurves());
        }
    }

    @Test
    void mergeRefusesOtherClassesAndItself() {
        EvaluationAccumulator accumulator = fiveSamples();
        assertThatThrownBy(() -> accumulator.merge(new EvaluationAccumulator(List.of("covid", "normal"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Cannot pool evaluations of classes");
        assertThatThrownBy(() -> accumulator.merge(accumulator))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("every sample twice");
        assertThat(accumulator.merge(new EvaluationAccumulator(CLASSES)).snapshot())
                .as("an empty partition adds nothing").isEqualTo(fiveSamples().snapshot());
    }

    private static float[] softmax(float[] logits, boolean roundToTwoDecimals) {
        double max = Math.max(logits[0], Math.max(logits[1], logits[2]));
        double sum = 0;
        double[] e = new double[logits.length];
        for (int c = 0; c < logits.length; c++) {
            e[c] = Math.exp(logits[c] - max);
            sum += e[c];
        }
        float[] p = new float[logits.length];
        for (int c = 0; c < logits.length; c++) {
            double value = e[c] / sum;
            p[c] = (float) (roundToTwoDecimals ? Math.round(value * 100) / 100.0 : value);
        }
        return p;
    }

    private static EvaluationAccumulator roundTrip(EvaluationAccumulator accumulator)
            throws IOException, ClassNotFoundException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(accumulator);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (EvaluationAccumulator) in.readObject();
        }
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
