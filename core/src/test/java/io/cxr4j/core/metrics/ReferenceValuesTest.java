package io.cxr4j.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * cxr4j's metrics pinned to values computed independently, outside cxr4j, on the same float
 * probabilities. Values come from scikit-learn 1.2.1 (roc_auc_score, average_precision_score,
 * f1_score, balanced_accuracy_score; numpy 1.24.2, scipy 1.10.1), a numpy fast DeLong (Sun and Xu
 * 2014, midranks), the Wilson formula, an equal-width ECE in numpy and scipy.stats.t.interval.
 *
 * <p>Tolerances. {@link #EXACT} (1e-12) wherever cxr4j evaluates the same closed formula: Wilson,
 * F1, accuracy, ECE (its sums are of the same float confidences), DeLong and the AUC and average
 * precision, which cxr4j computes from the exact float scores, only equal scores counting as tied,
 * as scikit-learn does. The Student t
 * interval uses a 9-decimal quantile table, hence {@link #T_TABLE}.
 */
class ReferenceValuesTest {

    private static final double EXACT = 1e-12;
    /** The t quantiles are tabulated to 9 decimals, times sd / sqrt(n) below 0.1. */
    private static final double T_TABLE = 1e-9;
    private static final List<String> BINARY = List.of("covid", "normal");

    /** p(covid) of covid images, then of normal images, fed as {p, 1 - p} floats. */
    private static ScoreDistributions binary(double[] covid, double[] normal) {
        EvaluationAccumulator accumulator = new EvaluationAccumulator(BINARY);
        for (double p : covid) {
            accumulator.add(0, new float[] {(float) p, (float) (1 - p)});
        }
        for (double p : normal) {
            accumulator.add(1, new float[] {(float) p, (float) (1 - p)});
        }
        return accumulator.snapshot();
    }

    /** Ties within and across the classes (0.8, 0.6 and 0.4 on both sides). */
    private static final double[] TIES_COVID = {0.9, 0.8, 0.8, 0.6, 0.4, 0.4};
    private static final double[] TIES_NORMAL = {0.8, 0.6, 0.4, 0.4, 0.3, 0.1};

    /** Two-decimal scores, six values shared by the classes. */
    private static final double[] ROUNDED_COVID =
            {0.95, 0.91, 0.88, 0.88, 0.83, 0.79, 0.74, 0.74, 0.66, 0.61, 0.55, 0.52, 0.47, 0.35};
    private static final double[] ROUNDED_NORMAL = {0.88, 0.74, 0.66, 0.61, 0.58, 0.52, 0.47, 0.47, 0.41,
        0.33, 0.29, 0.25, 0.22, 0.17, 0.12, 0.08};

    @Test
    void binaryScoresWithTies() {
        ScoreDistributions h = binary(TIES_COVID, TIES_NORMAL);
        RocCurve roc = h.roc("covid");
        assertThat(roc.auc()).isCloseTo(0.7638888888888888, within(EXACT));
        assertThat(roc.auc95().lower()).isCloseTo(0.49112777772201727, within(EXACT));
        assertThat(roc.auc95().upper()).isEqualTo(1.0);
        assertThat(h.roc("normal").auc()).isCloseTo(0.763888888888889, within(EXACT));
        assertThat(h.precisionRecall("covid").averagePrecision()).isCloseTo(0.7277777777777777, within(EXACT));
        assertThat(h.precisionRecall("normal").averagePrecision()).isCloseTo(0.750631313131313, within(EXACT));
        assertThat(h.calibration(10).expectedCalibrationError()).isCloseTo(0.04166667660077416, within(EXACT));
        assertThat(h.calibration(20).expectedCalibrationError()).isCloseTo(0.12500001986821493, within(EXACT));

        Evaluation e = h.evaluation();
        assertThat(e.classMetrics("covid").f1()).isCloseTo(0.6666666666666666, within(EXACT));
        assertWilson(e.accuracy(), 8, 12, 0.39062208887279953, 0.8618799089087867);
        assertWilson(e.sensitivity("covid"), 4, 6, 0.299993315138392, 0.9032285888942195);
        assertWilson(e.specificity("covid"), 4, 6, 0.299993315138392, 0.9032285888942195);
    }

    @Test
    void binaryTwoDecimalScores() {
        ScoreDistributions h = binary(ROUNDED_COVID, ROUNDED_NORMAL);
        for (String positive : BINARY) {
            RocCurve roc = h.roc(positive);
            assertThat(roc.auc()).isCloseTo(0.828125, within(EXACT));
            assertThat(roc.auc95().lower()).isCloseTo(0.6819933484559826, within(EXACT));
            assertThat(roc.auc95().upper()).isCloseTo(0.9742566515440174, within(EXACT));
        }
        assertThat(h.precisionRecall("covid").averagePrecision()).isCloseTo(0.7811908459035788, within(EXACT));
        assertThat(h.precisionRecall("normal").averagePrecision()).isCloseTo(0.858568409247757, within(EXACT));
        assertThat(h.calibration(10).expectedCalibrationError()).isCloseTo(0.08866667151451108, within(EXACT));
        assertThat(h.calibration(20).expectedCalibrationError()).isCloseTo(0.11200000246365865, within(EXACT));

        Evaluation e = h.evaluation();
        assertThat(e.classMetrics("covid").f1()).isCloseTo(0.75, within(EXACT));
        assertThat(e.classMetrics("normal").f1()).isCloseTo(0.7142857142857143, within(EXACT));
        assertThat(e.macroAverage().f1()).isCloseTo(0.7321428571428572, within(EXACT));
        assertThat(e.balancedAccuracy()).isCloseTo(0.7410714285714286, within(EXACT));
        assertWilson(e.accuracy(), 22, 30, 0.555520383048111, 0.8581733668040368);
        assertWilson(e.sensitivity("covid"), 12, 14, 0.6005862050302965, 0.9599060787285351);
        assertWilson(e.specificity("covid"), 10, 16, 0.38641040545502714, 0.8151876744113636);
        assertWilson(e.classMetrics("covid").precision(), 12, 18, 0.43749467295945105, 0.837212252491663);
    }

    @Test
    void exactRocAucOfUnbinnedScores() {
        double[] scores = new double[ROUNDED_COVID.length + ROUNDED_NORMAL.length];
        boolean[] positive = new boolean[scores.length];
        for (int i = 0; i < ROUNDED_COVID.length; i++) {
            scores[i] = ROUNDED_COVID[i];
            positive[i] = true;
        }
        System.arraycopy(ROUNDED_NORMAL, 0, scores, ROUNDED_COVID.length, ROUNDED_NORMAL.length);
        assertThat(RocAuc.of(scores, positive)).isCloseTo(0.828125, within(EXACT));
    }

    @Test
    void threeClassSoftmaxWithTies() {
        // Row 8 ({0.4, 0.4, 0.2}, actually class 1) is an argmax tie, predicted as the first class
        // by both cxr4j and numpy.argmax.
        int[] actual = {0, 0, 0, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2};
        float[][] probabilities = {
            {.6f, .3f, .1f}, {.5f, .25f, .25f}, {.2f, .6f, .2f}, {.3f, .5f, .2f}, {.1f, .8f, .1f},
            {.5f, .25f, .25f}, {.2f, .2f, .6f}, {.4f, .4f, .2f}, {.1f, .3f, .6f}, {.2f, .2f, .6f},
            {.3f, .3f, .4f}, {.6f, .3f, .1f}, {.1f, .1f, .8f}};
        List<String> classes = List.of("covid", "normal", "pneumonia");
        EvaluationAccumulator accumulator = new EvaluationAccumulator(classes);
        accumulator.addBatch(actual, probabilities);
        ScoreDistributions h = accumulator.snapshot();

        double[] auc = {0.7333333333333333, 0.65, 0.775};
        double[][] delong = {{0.36391942053399085, 1}, {0.28478879656308204, 1}, {0.43596659360697637, 1}};
        double[] averagePrecision = {0.43333333333333335, 0.6466666666666667, 0.736923076923077};
        double[] f1 = {0.5, 0.5, 0.8000000000000002};
        Evaluation e = h.evaluation();
        for (int c = 0; c < 3; c++) {
            RocCurve roc = h.roc(classes.get(c));
            assertThat(roc.auc()).as(classes.get(c)).isCloseTo(auc[c], within(EXACT));
            assertThat(roc.auc95().lower()).as(classes.get(c)).isCloseTo(delong[c][0], within(EXACT));
            assertThat(roc.auc95().upper()).as(classes.get(c)).isCloseTo(delong[c][1], within(EXACT));
            assertThat(h.precisionRecall(classes.get(c)).averagePrecision()).as(classes.get(c))
                    .isCloseTo(averagePrecision[c], within(EXACT));
            assertThat(e.perClass().get(c).f1()).as(classes.get(c)).isCloseTo(f1[c], within(EXACT));
        }
        // roc_auc_score(multi_class="ovr", average="macro")
        assertThat(e.macroRocAuc()).isCloseTo(0.7194444444444444, within(EXACT));
        assertThat(e.macroAverage().f1()).isCloseTo(0.6000000000000001, within(EXACT));
        assertThat(e.balancedAccuracy()).isCloseTo(0.6222222222222222, within(EXACT));
        assertThat(h.calibration(10).expectedCalibrationError()).isCloseTo(0.13076923902218157, within(EXACT));
        assertWilson(e.accuracy(), 8, 13, 0.35522891512665694, 0.8229029220223743);
        assertWilson(e.sensitivity("normal"), 2, 5, 0.11762077423264783, 0.769275718723987);
        assertWilson(e.specificity("normal"), 7, 8, 0.5291118177871464, 0.9775825085499433);
        assertWilson(e.sensitivity("pneumonia"), 4, 5, 0.3755346297625253, 0.9637758913675698);
    }

    @Test
    void perfectSeparationAndAllTiedScoresHaveZeroDeLongVariance() {
        // The numpy DeLong variance is exactly 0 in both cases; cxr4j then reports no interval.
        ScoreDistributions perfect = binary(new double[] {0.9, 0.8, 0.75, 0.6}, new double[] {0.4, 0.3, 0.2, 0.1, 0.05});
        assertThat(perfect.roc("covid").auc()).isEqualTo(1.0);
        assertThat(perfect.roc("covid").auc95()).isNull();
        assertThat(perfect.precisionRecall("covid").averagePrecision()).isEqualTo(1.0);
        assertThat(perfect.calibration(10).expectedCalibrationError()).isCloseTo(0.2222222222222222, within(EXACT));
        assertWilson(perfect.evaluation().accuracy(), 9, 9, 0.7008549515804559, 1.0);
        assertWilson(perfect.evaluation().sensitivity("covid"), 4, 4, 0.5101091635454027, 1.0);

        // p = 0.5 for all: every argmax is a tie, so everything is predicted covid
        ScoreDistributions tied = binary(new double[] {0.5, 0.5, 0.5, 0.5, 0.5},
                new double[] {0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5});
        assertThat(tied.roc("covid").auc()).isEqualTo(0.5);
        assertThat(tied.roc("covid").auc95()).isNull();
        assertThat(tied.precisionRecall("covid").averagePrecision()).isCloseTo(0.4166666666666667, within(EXACT));
        assertThat(tied.precisionRecall("normal").averagePrecision()).isCloseTo(0.5833333333333334, within(EXACT));
        assertThat(tied.calibration(10).expectedCalibrationError()).isCloseTo(0.08333333333333331, within(EXACT));
        Evaluation e = tied.evaluation();
        assertThat(e.classMetrics("covid").f1()).isCloseTo(0.5882352941176471, within(EXACT));
        assertThat(e.classMetrics("normal").f1()).isZero();
        assertThat(e.macroAverage().f1()).isCloseTo(0.29411764705882354, within(EXACT));
        assertWilson(e.specificity("covid"), 0, 7, 0.0, 0.3543304350666875);
        assertWilson(e.classMetrics("normal").precision(), 0, 0, 0.0, 1.0);
    }

    @Test
    void studentTIntervalOverFolds() {
        FoldAverage five = FoldAverage.of(0.91, 0.87, 0.95, 0.89, 0.93);
        assertThat(five.mean()).isCloseTo(0.91, within(EXACT));
        assertThat(five.standardDeviation()).isCloseTo(0.031622776601683784, within(EXACT));
        assertThat(five.ci95().lower()).isCloseTo(0.8707351367704487, within(T_TABLE));
        assertThat(five.ci95().upper()).isCloseTo(0.9492648632295512, within(T_TABLE));

        FoldAverage two = FoldAverage.of(0.8, 0.6);
        assertThat(two.standardDeviation()).isCloseTo(0.14142135623730953, within(EXACT));
        assertThat(two.ci95().lower()).isCloseTo(-0.5706204736432097, within(T_TABLE));
        assertThat(two.ci95().upper()).isCloseTo(1.9706204736432096, within(T_TABLE));

        // scipy: [0.9487208363, 1.0246124970], which ofProportions clips at 1
        FoldAverage nearOne = FoldAverage.ofProportions(0.99, 1.0, 0.97);
        assertThat(nearOne.ci95().lower()).isCloseTo(0.948720836329272, within(T_TABLE));
        assertThat(nearOne.ci95().upper()).isEqualTo(1.0);
    }

    private static void assertWilson(Proportion p, long successes, long trials, double lower, double upper) {
        assertThat(p.successes()).isEqualTo(successes);
        assertThat(p.trials()).isEqualTo(trials);
        ConfidenceInterval ci = p.wilson95();
        assertThat(ci.lower()).isCloseTo(lower, within(EXACT));
        assertThat(ci.upper()).isCloseTo(upper, within(EXACT));
    }
}
