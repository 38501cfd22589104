package io.cxr4j.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ScoreDistributionsTest {

    private static final List<String> BINARY = List.of("covid", "normal");
    private static final double EXACT = 1e-12;

    /** Binary predictions: p(covid) for each covid image, then for each normal image. */
    static ScoreDistributions binary(double[] covidScores, double[] normalScores) {
        EvaluationAccumulator accumulator = new EvaluationAccumulator(BINARY);
        for (double p : covidScores) {
            accumulator.add(0, new float[] {(float) p, (float) (1 - p)});
        }
        for (double p : normalScores) {
            accumulator.add(1, new float[] {(float) p, (float) (1 - p)});
        }
        return accumulator.snapshot();
    }

    @Test
    void rocCurvePointsAucAndDeLongIntervalOfASmallExample() {
        // positives {0.35, 0.8}, negatives {0.1, 0.4}: 0.35 beats 0.1, 0.8 beats both -> 3/4
        RocCurve roc = binary(new double[] {0.35, 0.8}, new double[] {0.1, 0.4}).roc("covid");
        assertThat(roc.auc()).isEqualTo(0.75);
        assertThat(roc.positives()).isEqualTo(2);
        assertThat(roc.negatives()).isEqualTo(2);
        // thresholds 0.8, 0.4, 0.35, 0.1 -> (FPR, TPR) (0, .5) (.5, .5) (.5, 1) (1, 1)
        assertThat(roc.points()).extracting(RocCurve.Point::falsePositiveRate).containsExactly(0.0, 0.0, 0.5, 0.5, 1.0);
        assertThat(roc.points()).extracting(RocCurve.Point::truePositiveRate).containsExactly(0.0, 0.5, 0.5, 1.0, 1.0);
        assertThat(roc.points().get(0).threshold()).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(roc.points()).extracting(RocCurve.Point::threshold)
                .containsExactly(Double.POSITIVE_INFINITY, (double) 0.8f, (double) 0.4f, (double) 0.35f, (double) 0.1f);
        // DeLong: positive placements 1/2 and 1, negative placements 1 (0.1) and 1/2 (0.4)
        // S10 = S01 = ((1/2 - 3/4)^2 + (1 - 3/4)^2) / 1 = 1/8; var = 1/8 / 2 + 1/8 / 2 = 1/8
        double half = 1.959963984540054 * Math.sqrt(0.125);
        assertThat(roc.auc95().lower()).isCloseTo(0.75 - half, within(EXACT));
        assertThat(roc.auc95().upper()).isEqualTo(1.0);
        assertThat(roc.auc95().method()).isEqualTo("DeLong");
    }

    @Test
    void deLongVarianceOfAnUnbalancedExample() {
        // positives {0.9, 0.8, 0.4}, negatives {0.7, 0.3}: pairs won 2 + 2 + 1 = 5 of 6
        // V10 = 1, 1, 1/2 -> S10 = ((1/6)^2 + (1/6)^2 + (1/3)^2) / 2 = 1/12
        // V01 = 2/3 (0.7), 1 (0.3) -> S01 = ((1/6)^2 + (1/6)^2) / 1 = 1/18
        // var = (1/12) / 3 + (1/18) / 2 = 1/18
        RocCurve roc = binary(new double[] {0.9, 0.8, 0.4}, new double[] {0.7, 0.3}).roc("covid");
        assertThat(roc.auc()).isCloseTo(5.0 / 6, within(EXACT));
        assertThat(roc.auc95().lower()).isCloseTo(5.0 / 6 - 1.959963984540054 * Math.sqrt(1.0 / 18), within(EXACT));
        assertThat(roc.auc95().upper()).isEqualTo(1.0);
    }

    @Test
    void deLongMatchesTheDirectPairwiseFormulaOnRandomScores() {
        Random random = new Random(3);
        double[] pos = new double[40];
        double[] neg = new double[55];
        for (int i = 0; i < pos.length; i++) {
            pos[i] = Math.round(Math.min(1, 0.3 + 0.5 * random.nextDouble()) * 1000) / 1000.0;
        }
        for (int i = 0; i < neg.length; i++) {
            neg[i] = Math.round(0.6 * random.nextDouble() * 1000) / 1000.0;
        }
        RocCurve roc = binary(pos, neg).roc("covid");
        // The textbook O(m n) DeLong on the same float scores.
        double[] v10 = new double[pos.length];
        double[] v01 = new double[neg.length];
        double auc = 0;
        for (int i = 0; i < pos.length; i++) {
            for (int j = 0; j < neg.length; j++) {
                float p = (float) pos[i];
                float n = (float) neg[j];
                double psi = p > n ? 1 : p == n ? 0.5 : 0;
                v10[i] += psi / neg.length;
                v01[j] += psi / pos.length;
                auc += psi;
            }
        }
        auc /= pos.length * neg.length;
        double s10 = 0;
        for (double v : v10) {
            s10 += (v - auc) * (v - auc) / (pos.length - 1);
        }
        double s01 = 0;
        for (double v : v01) {
            s01 += (v - auc) * (v - auc) / (neg.length - 1);
        }
        double se = Math.sqrt(s10 / pos.length + s01 / neg.length);
        assertThat(roc.auc()).isCloseTo(auc, within(EXACT));
        assertThat(roc.auc95().lower()).isCloseTo(Math.max(0, auc - 1.959963984540054 * se), within(1e-9));
        assertThat(roc.auc95().upper()).isCloseTo(Math.min(1, auc + 1.959963984540054 * se), within(1e-9));
    }

    @Test
    void onlyEqualScoresAreTiedHoweverCloseTheOthersAre() {
        // Close scores stay apart: 0.31 (covid) and 0.35 (normal), and floats one unit in the last
        // place apart, near 0.5 and near 1, where a softmax's floats are coarsest.
        float justAboveHalf = Math.nextUp(0.5f);
        float justBelowOne = Math.nextDown(1f);
        EvaluationAccumulator accumulator = new EvaluationAccumulator(BINARY);
        accumulator.add(0, new float[] {0.31f, 0.69f});
        accumulator.add(0, new float[] {0.9f, 0.1f});
        accumulator.add(0, new float[] {justAboveHalf, 1 - justAboveHalf});
        accumulator.add(0, new float[] {justBelowOne, 1 - justBelowOne});
        accumulator.add(1, new float[] {0.35f, 0.65f});
        accumulator.add(1, new float[] {0.5f, 0.5f});
        accumulator.add(1, new float[] {1f, 0f});
        accumulator.add(1, new float[] {0.5f, 0.5f});
        RocCurve roc = accumulator.snapshot().roc("covid");
        double[] all = {0.31f, 0.9f, justAboveHalf, justBelowOne, 0.35f, 0.5f, 1f, 0.5f};
        boolean[] positive = {true, true, true, true, false, false, false, false};
        // covid 0.31 beats none; 0.9 beats three; just above 0.5 beats three; just below 1 beats three: 9 of 16
        assertThat(roc.auc()).isEqualTo(RocAuc.of(all, positive)).isEqualTo(9.0 / 16);
        assertThat(roc.points()).as("one point per distinct score, and the start").hasSize(1 + 7);
    }

    @Test
    void aucEqualsTheExactMannWhitneyStatisticOnManyRandomScores() {
        Random random = new Random(11);
        double[] pos = random.doubles(3000).map(x -> Math.min(1, x * 0.8 + 0.2)).toArray();
        double[] neg = random.doubles(4000).map(x -> x * 0.9).toArray();
        RocCurve roc = binary(pos, neg).roc("covid");
        double[] all = new double[pos.length + neg.length];
        boolean[] positive = new boolean[all.length];
        for (int i = 0; i < pos.length; i++) {
            all[i] = (float) pos[i];
            positive[i] = true;
        }
        for (int i = 0; i < neg.length; i++) {
            all[pos.length + i] = (float) neg[i];
        }
        assertThat(roc.auc()).isEqualTo(RocAuc.of(all, positive));
    }

    @Test
    void closeScoresInTheMiddleAndNearOneFallIntoBinsOfTheirOwn() {
        // A seed run's normal image at 0.547085 and COVID image at 0.547002 shared a bin of width
        // 1e-4, and so did these confident scores 5e-5 apart; here every pair is resolved:
        // covid 0.547002 beats 2 normals, 0.99995 all 4, 0.9 three -> 9 of 12.
        double[] covid = {0.547002, 0.99995, 0.9};
        double[] normal = {0.547085, 0.9999, 0.00002, 0.00001};
        RocCurve roc = binary(covid, normal).roc("covid");
        double[] all = new double[covid.length + normal.length];
        boolean[] positive = new boolean[all.length];
        for (int i = 0; i < covid.length; i++) {
            all[i] = (float) covid[i];
            positive[i] = true;
        }
        for (int i = 0; i < normal.length; i++) {
            all[covid.length + i] = (float) normal[i];
        }
        assertThat(roc.auc()).isEqualTo(RocAuc.of(all, positive)).isEqualTo(0.75);
    }

    @Test
    void precisionRecallCurveAndAveragePrecision() {
        // descending: 0.8 P, 0.4 N, 0.35 P, 0.1 N
        // (recall, precision): (1/2, 1) (1/2, 1/2) (1, 2/3) (1, 1/2)
        // AP = 1/2 * 1 + 0 + 1/2 * 2/3 + 0 = 5/6
        PrecisionRecallCurve pr = binary(new double[] {0.35, 0.8}, new double[] {0.1, 0.4}).precisionRecall("covid");
        assertThat(pr.averagePrecision()).isCloseTo(5.0 / 6, within(EXACT));
        assertThat(pr.points()).extracting(PrecisionRecallCurve.Point::recall).containsExactly(0.5, 0.5, 1.0, 1.0);
        assertThat(pr.points()).extracting(PrecisionRecallCurve.Point::precision)
                .containsExactly(1.0, 0.5, 2.0 / 3, 0.5);
        assertThat(pr.prevalence()).isEqualTo(0.5);
    }

    @Test
    void deLongGivesNoIntervalWhenItsVarianceIsZero() {
        RocCurve separated = binary(new double[] {0.9, 0.8, 0.7}, new double[] {0.3, 0.2}).roc("covid");
        assertThat(separated.auc()).isEqualTo(1.0);
        assertThat(separated.auc95()).as("a point interval from 5 images would be false certainty").isNull();
        RocCurve tied = binary(new double[] {0.5, 0.5, 0.5}, new double[] {0.5, 0.5}).roc("covid");
        assertThat(tied.auc()).isEqualTo(0.5);
        assertThat(tied.auc95()).isNull();
    }

    @Test
    void curvesAreUndefinedWithoutPositivesOrNegatives() {
        ScoreDistributions onlyCovid = binary(new double[] {0.9, 0.2}, new double[0]);
        assertThat(onlyCovid.roc("covid").auc()).isNaN();
        assertThat(onlyCovid.roc("covid").auc95()).isNull();
        assertThat(onlyCovid.roc("covid").points()).isEmpty();
        assertThat(onlyCovid.precisionRecall("normal").averagePrecision()).isNaN();
        assertThat(onlyCovid.precisionRecall("covid").averagePrecision()).isEqualTo(1.0);
    }

    @Test
    void expectedCalibrationErrorAndReliabilityBins() {
        EvaluationAccumulator accumulator = new EvaluationAccumulator(BINARY);
        accumulator.add(0, new float[] {0.95f, 0.05f}); // confidence 0.95, right
        accumulator.add(1, new float[] {0.92f, 0.08f}); // confidence 0.92, wrong
        accumulator.add(1, new float[] {0.35f, 0.65f}); // confidence 0.65, right
        accumulator.add(0, new float[] {0.40f, 0.60f}); // confidence 0.60, wrong
        Calibration calibration = accumulator.snapshot().calibration(10);
        // bin (0.9, 1]: accuracy 1/2, mean confidence 0.935 -> gap 0.435
        // bin (0.6, 0.7]: accuracy 1/2, mean confidence 0.625 -> gap 0.125
        // ECE = 2/4 * 0.435 + 2/4 * 0.125 = 0.28
        assertThat(calibration.expectedCalibrationError()).isCloseTo(0.28, within(1e-6));
        assertThat(calibration.count()).isEqualTo(4);
        assertThat(calibration.bins()).hasSize(10);
        Calibration.Bin top = calibration.bins().get(9);
        assertThat(top.lower()).isEqualTo(0.9);
        assertThat(top.upper()).isEqualTo(1.0);
        assertThat(top.accuracy()).isEqualTo(new Proportion(1, 2));
        assertThat(top.meanConfidence()).isCloseTo(0.935, within(1e-6));
        assertThat(calibration.bins().get(6).count()).isEqualTo(2);
        assertThat(calibration.bins().get(0).count()).isZero();
        assertThat(calibration.bins().get(0).meanConfidence()).isNaN();
        // Any number of bins: the confidences are kept, not pre-binned.
        Calibration seven = accumulator.snapshot().calibration(7);
        assertThat(seven.bins()).hasSize(7).extracting(Calibration.Bin::count).containsExactly(0L, 0L, 0L, 0L, 2L, 0L, 2L);
        assertThatThrownBy(() -> accumulator.snapshot().calibration(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("such as 10");
    }

    @Test
    void aConfidenceOnABinEdgeBelongsToTheBinBelowAsInGuoEtAl() {
        EvaluationAccumulator accumulator = new EvaluationAccumulator(BINARY);
        accumulator.add(1, new float[] {0.5f, 0.5f}); // a tie: confidence exactly 0.5, wrong
        accumulator.add(0, new float[] {0.55f, 0.45f}); // confidence 0.55, right
        Calibration calibration = accumulator.snapshot().calibration(10);
        assertThat(calibration.bins().get(4).count()).as("(0.4, 0.5]").isEqualTo(1);
        assertThat(calibration.bins().get(5).count()).as("(0.5, 0.6]").isEqualTo(1);
        // 1/2 * |0 - 0.5| + 1/2 * |1 - 0.55|; with the edge in the bin above it would be |1/2 - 0.525| = 0.025
        assertThat(calibration.expectedCalibrationError()).isCloseTo(0.475, within(1e-6));
    }

    @Test
    void thresholdChosenOnValidationThenMeasuredOnTest() {
        // covid {0.875, 0.75, 0.25}, normal {0.625, 0.125, 0.0625}
        ScoreDistributions validation = binary(new double[] {0.875, 0.75, 0.25}, new double[] {0.625, 0.125, 0.0625});
        // Sensitivity >= 0.6 needs 2 of 3 covid images: the highest such threshold is the score 0.75.
        OperatingPoint chosen = validation.chooseThreshold("covid", 0.6);
        assertThat(chosen.threshold()).isEqualTo(0.75);
        assertThat(chosen.sensitivity()).isEqualTo(new Proportion(2, 3));
        assertThat(chosen.specificity()).isEqualTo(new Proportion(3, 3));
        assertThat(chosen.precision()).isEqualTo(new Proportion(2, 2));
        // Sensitivity 1 needs all three: threshold 0.25, and 0.625 becomes a false positive.
        OperatingPoint all = validation.chooseThreshold("covid", 1.0);
        assertThat(all.threshold()).isEqualTo(0.25);
        assertThat(all.specificity()).isEqualTo(new Proportion(2, 3));
        assertThat(all.precision()).isEqualTo(new Proportion(3, 4));

        // Test: covid {0.8, 0.5}, normal {0.76, 0.1} at 0.75 -> TP 1, FN 1, FP 1, TN 1
        OperatingPoint onTest = binary(new double[] {0.8, 0.5}, new double[] {0.76, 0.1}).at("covid", chosen.threshold());
        assertThat(onTest.sensitivity()).isEqualTo(new Proportion(1, 2));
        assertThat(onTest.specificity()).isEqualTo(new Proportion(1, 2));
        assertThat(onTest.precision()).isEqualTo(new Proportion(1, 2));
        assertThat(onTest.accuracy()).isEqualTo(new Proportion(2, 4));
        assertThat(onTest.threshold()).isEqualTo(chosen.threshold());
    }

    @Test
    void thresholdChoiceExplainsImpossibleRequests() {
        ScoreDistributions noCovid = binary(new double[0], new double[] {0.2, 0.3});
        assertThatThrownBy(() -> noCovid.chooseThreshold("covid", 0.9))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("No 'covid' sample");
        assertThatThrownBy(() -> noCovid.chooseThreshold("normal", 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("(0, 1]");
        assertThatThrownBy(() -> noCovid.at("normal", 1.5))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[0, 1]");
        assertThatThrownBy(() -> noCovid.roc("pneumonia"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Unknown class 'pneumonia'");
    }

    @Test
    void poolingTwoSnapshotsEqualsAccumulatingEverything() {
        ScoreDistributions first = binary(new double[] {0.9, 0.4}, new double[] {0.3});
        ScoreDistributions second = binary(new double[] {0.6}, new double[] {0.7, 0.1});
        ScoreDistributions together = binary(new double[] {0.9, 0.4, 0.6}, new double[] {0.3, 0.7, 0.1});
        ScoreDistributions pooled = first.plus(second);
        assertThat(pooled.count()).isEqualTo(6);
        assertThat(pooled.evaluation()).isEqualTo(together.evaluation());
        assertThat(pooled.roc("covid")).isEqualTo(together.roc("covid"));
        assertThat(pooled.calibration(10)).isEqualTo(together.calibration(10));
        // covid {0.9, 0.4, 0.6} vs normal {0.3, 0.7, 0.1}: wins 3 + 2 + 2 = 7 of 9
        assertThat(pooled.roc("covid").auc()).isCloseTo(7.0 / 9, within(EXACT));
        EvaluationAccumulator swapped = new EvaluationAccumulator(List.of("normal", "covid"));
        swapped.add(0, new float[] {0.5f, 0.5f});
        assertThatThrownBy(() -> first.plus(swapped.snapshot()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Cannot pool")
                .hasMessageContaining("same classes in the same order");
    }

    @Test
    void oneVersusRestCurvesForEveryClassOfAThreeClassModel() {
        EvaluationAccumulator accumulator = new EvaluationAccumulator(List.of("covid", "normal", "pneumonia"));
        accumulator.add(0, new float[] {0.7f, 0.2f, 0.1f});
        accumulator.add(1, new float[] {0.1f, 0.8f, 0.1f});
        accumulator.add(2, new float[] {0.2f, 0.3f, 0.5f});
        accumulator.add(2, new float[] {0.5f, 0.1f, 0.4f});
        ScoreDistributions scores = accumulator.snapshot();
        assertThat(scores.rocCurves()).extracting(RocCurve::positiveClass).containsExactly("covid", "normal", "pneumonia");
        // covid: 0.7 against 0.1, 0.2, 0.5 -> 1
        assertThat(scores.roc("covid").auc()).isEqualTo(1.0);
        // pneumonia: positives 0.5, 0.4 against 0.1, 0.1 -> 1
        assertThat(scores.roc("pneumonia").auc()).isEqualTo(1.0);
        assertThat(scores.roc("pneumonia").positives()).isEqualTo(2);
        assertThat(scores.roc("pneumonia").negatives()).isEqualTo(2);
        assertThat(scores.precisionRecallCurves()).hasSize(3);
    }
}
