package io.cxr4j.core.metrics;

import java.util.ArrayList;
import java.util.List;

/**
 * An immutable snapshot of an {@link EvaluationAccumulator}: the confusion matrix, every class's
 * score counted into score bins (for samples of that class and of the others), and the winning
 * probability's histogram. Everything reported about an evaluation is derived from it: the {@link Evaluation},
 * one-vs-rest ROC and precision-recall curves, calibration and operating points. Its size depends
 * only on the number of classes and bins, and snapshots of disjoint test sets can be added up
 * ({@link #plus}), for example to pool the folds of a cross-validation.
 *
 * <p>Score bins have equal widths in logit space, narrowest near 0 and 1 (see {@link ScoreBins}).
 * Scores in one bin count as tied; thresholds are the bins' lower edges. The winning probability
 * is counted in {@value #CONFIDENCE_BINS} equal-width bins over [0, 1] instead, which reliability
 * diagrams group into equal-width bins.
 */
public final class ScoreHistograms {

    /** The number of equal-width bins of the winning probability, from which calibration is grouped. */
    public static final int CONFIDENCE_BINS = 10_000;

    private static final int POSITIVE = 0;
    private static final int NEGATIVE = 1;

    private final List<String> classNames;
    private final int bins;
    private final long[][] confusion;
    private final long[][][] scoreCounts;
    private final long[][] confidenceCounts;
    private final double[] confidenceSums;

    /**
     * Copies the accumulator's arrays, so later additions do not change this snapshot.
     *
     * @param scoreCounts {@code [scoredClass][0 if the sample is of that class, else 1][bin]}
     */
    ScoreHistograms(List<String> classNames, int bins, long[][] confusion, long[][][] scoreCounts,
            long[][] confidenceCounts, double[] confidenceSums) {
        this.classNames = List.copyOf(classNames);
        this.bins = bins;
        this.confusion = deepCopy(confusion);
        this.scoreCounts = new long[scoreCounts.length][][];
        for (int a = 0; a < scoreCounts.length; a++) {
            this.scoreCounts[a] = deepCopy(scoreCounts[a]);
        }
        this.confidenceCounts = deepCopy(confidenceCounts);
        this.confidenceSums = confidenceSums.clone();
    }

    /** @return the class names in index order */
    public List<String> classNames() {
        return classNames;
    }

    /** @return the number of score bins per class */
    public int bins() {
        return bins;
    }

    /** @return the number of samples */
    public long count() {
        long total = 0;
        for (long[] row : confusion) {
            total += sum(row);
        }
        return total;
    }

    /** @return the confusion matrix of the argmax predictions */
    public ConfusionMatrix confusionMatrix() {
        return new ConfusionMatrix(classNames, confusion);
    }

    /** @return the evaluation, with each class's AUC computed from the bins */
    public Evaluation evaluation() {
        double[] auc = new double[classNames.size()];
        for (int c = 0; c < auc.length; c++) {
            auc[c] = roc(c).auc();
        }
        return Evaluation.of(confusionMatrix(), auc);
    }

    /**
     * A class's one-vs-rest ROC curve.
     *
     * @param positiveClass one of the class names
     * @return the curve, AUC and DeLong interval
     */
    public RocCurve roc(String positiveClass) {
        return roc(classIndex(positiveClass));
    }

    /** @return every class's one-vs-rest ROC curve, in class order */
    public List<RocCurve> rocCurves() {
        List<RocCurve> curves = new ArrayList<>();
        for (int c = 0; c < classNames.size(); c++) {
            curves.add(roc(c));
        }
        return curves;
    }

    /**
     * A class's one-vs-rest precision-recall curve.
     *
     * @param positiveClass one of the class names
     * @return the curve and average precision
     */
    public PrecisionRecallCurve precisionRecall(String positiveClass) {
        int c = classIndex(positiveClass);
        return PrecisionRecallCurve.of(positiveClass, positives(c), negatives(c));
    }

    /** @return every class's one-vs-rest precision-recall curve, in class order */
    public List<PrecisionRecallCurve> precisionRecallCurves() {
        return classNames.stream().map(this::precisionRecall).toList();
    }

    /**
     * The calibration of the winning class's probability.
     *
     * @param reliabilityBins the number of equal-width reliability-diagram bins, a divisor of
     *     {@value #CONFIDENCE_BINS} such as 10
     * @return the reliability diagram and expected calibration error
     */
    public Calibration calibration(int reliabilityBins) {
        return Calibration.of(confidenceCounts[0], confidenceCounts[1], confidenceSums, reliabilityBins);
    }

    /**
     * Chooses the highest threshold on {@code p(positiveClass)} whose sensitivity on these data is
     * at least the target; the highest such threshold has the best specificity. Call it on
     * validation data, never on the test data the threshold is then reported on.
     *
     * @param positiveClass the class to detect, such as {@code covid}
     * @param targetSensitivity the sensitivity to reach, in (0, 1]
     * @return the threshold and what it achieves on these data
     */
    public OperatingPoint chooseThreshold(String positiveClass, double targetSensitivity) {
        if (!(targetSensitivity > 0 && targetSensitivity <= 1)) {
            throw new IllegalArgumentException("Target sensitivity must be in (0, 1], e.g. 0.95, got "
                    + targetSensitivity);
        }
        int c = classIndex(positiveClass);
        long[] positive = positives(c);
        long nP = sum(positive);
        if (nP == 0) {
            throw new IllegalArgumentException("No '" + positiveClass + "' sample among these " + count()
                    + " predictions, so no threshold can be chosen for a sensitivity target;"
                    + " use a larger validation part");
        }
        // Counted in whole images, so that a target of exactly k/n is met by k detections.
        long needed = (long) Math.ceil(targetSensitivity * nP - 1e-9);
        long detected = 0;
        int b = bins - 1;
        while (detected + positive[b] < needed) {
            detected += positive[b];
            b--;
        }
        return at(c, b);
    }

    /**
     * What a threshold on {@code p(positiveClass)} achieves on these data.
     *
     * @param positiveClass one of the class names
     * @param threshold samples with a probability at least this are called positive; it is rounded
     *     up to a bin's lower edge, so a threshold chosen on another snapshot stays what it was
     * @return the sensitivity, specificity, precision and accuracy
     */
    public OperatingPoint at(String positiveClass, double threshold) {
        if (!(threshold >= 0 && threshold <= 1)) {
            throw new IllegalArgumentException("A threshold on a probability must be in [0, 1], got " + threshold);
        }
        return at(classIndex(positiveClass), ScoreBins.firstBinFrom(threshold, bins));
    }

    /**
     * Adds the counts of another evaluation on different images, such as another fold.
     *
     * @param other a snapshot with the same classes and bins
     * @return the pooled snapshot
     */
    public ScoreHistograms plus(ScoreHistograms other) {
        if (!classNames.equals(other.classNames) || bins != other.bins) {
            throw new IllegalArgumentException("Cannot pool evaluations of classes " + classNames + " with "
                    + bins + " bins and classes " + other.classNames + " with " + other.bins + " bins");
        }
        int n = classNames.size();
        long[][] pooledConfusion = deepCopy(confusion);
        long[][][] pooledScores = new long[n][2][bins];
        long[][] pooledConfidence = deepCopy(confidenceCounts);
        double[] pooledSums = confidenceSums.clone();
        for (int a = 0; a < n; a++) {
            for (int s = 0; s < n; s++) {
                pooledConfusion[a][s] += other.confusion[a][s];
            }
            for (int side : new int[] {POSITIVE, NEGATIVE}) {
                for (int b = 0; b < bins; b++) {
                    pooledScores[a][side][b] = scoreCounts[a][side][b] + other.scoreCounts[a][side][b];
                }
            }
        }
        for (int b = 0; b < CONFIDENCE_BINS; b++) {
            pooledConfidence[0][b] += other.confidenceCounts[0][b];
            pooledConfidence[1][b] += other.confidenceCounts[1][b];
            pooledSums[b] += other.confidenceSums[b];
        }
        return new ScoreHistograms(classNames, bins, pooledConfusion, pooledScores, pooledConfidence, pooledSums);
    }

    /**
     * The confidence bin of a probability. Bins are closed at their upper edge, (lower, upper], as in
     * Guo et al.'s definition of the ECE (and scikit-learn's calibration curve), so a confidence of
     * exactly 0.5 falls in the bin below 0.5; the first bin also takes 0. Float rounding just outside
     * [0, 1] lands in the edge bins.
     */
    static int confidenceBin(float probability) {
        double p = Math.min(1, Math.max(0, probability));
        return (int) Math.max(0, (long) Math.ceil(p * CONFIDENCE_BINS) - 1);
    }

    static long sum(long[] counts) {
        long total = 0;
        for (long c : counts) {
            total += c;
        }
        return total;
    }

    private RocCurve roc(int c) {
        return RocCurve.of(classNames.get(c), positives(c), negatives(c));
    }

    private OperatingPoint at(int c, int thresholdBin) {
        long[] positive = positives(c);
        long[] negative = negatives(c);
        long tp = 0;
        long fp = 0;
        for (int b = thresholdBin; b < bins; b++) {
            tp += positive[b];
            fp += negative[b];
        }
        long nP = sum(positive);
        long nN = sum(negative);
        long tn = nN - fp;
        return new OperatingPoint(classNames.get(c), ScoreBins.lowerEdge(thresholdBin, bins), new Proportion(tp, nP),
                new Proportion(tn, nN), new Proportion(tp, tp + fp), new Proportion(tp + tn, nP + nN));
    }

    private long[] positives(int c) {
        return scoreCounts[c][POSITIVE];
    }

    private long[] negatives(int c) {
        return scoreCounts[c][NEGATIVE];
    }

    private int classIndex(String className) {
        int index = classNames.indexOf(className);
        if (index < 0) {
            throw new IllegalArgumentException("Unknown class '" + className + "'; the classes are " + classNames);
        }
        return index;
    }

    private static long[][] deepCopy(long[][] array) {
        long[][] copy = new long[array.length][];
        for (int i = 0; i < array.length; i++) {
            copy[i] = array[i].clone();
        }
        return copy;
    }
}
