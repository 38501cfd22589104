package io.cxr4j.core.metrics;

import java.util.ArrayList;
import java.util.List;

/**
 * An immutable snapshot of an {@link EvaluationAccumulator}: the confusion matrix, every class's
 * score counted into equal-width bins over [0, 1] per actual class, and the winning probability's
 * histogram. Everything reported about an evaluation is derived from it: the {@link Evaluation},
 * one-vs-rest ROC and precision-recall curves, calibration and operating points. Its size depends
 * only on the number of classes and bins, and snapshots of disjoint test sets can be added up
 * ({@link #plus}), for example to pool the folds of a cross-validation.
 *
 * <p>Bin {@code b} of {@code n} holds scores in {@code [b / n, (b + 1) / n)}, the last bin also 1.
 * Scores in one bin count as tied; thresholds are bin edges.
 */
public final class ScoreHistograms {

    private final List<String> classNames;
    private final int bins;
    private final long[][] confusion;
    private final long[][][] scoreCounts;
    private final long[][] confidenceCounts;
    private final double[] confidenceSums;

    /** Copies the accumulator's arrays, so later additions do not change this snapshot. */
    ScoreHistograms(List<String> classNames, long[][] confusion, long[][][] scoreCounts,
            long[][] confidenceCounts, double[] confidenceSums) {
        this.classNames = List.copyOf(classNames);
        this.bins = confidenceSums.length;
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
     *     {@link #bins()} such as 10
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
     *     up to a bin edge
     * @return the sensitivity, specificity, precision and accuracy
     */
    public OperatingPoint at(String positiveClass, double threshold) {
        if (!(threshold >= 0 && threshold <= 1)) {
            throw new IllegalArgumentException("A threshold on a probability must be in [0, 1], got " + threshold);
        }
        // Thresholds chosen on another snapshot are bin edges; the slack absorbs their rounding.
        return at(classIndex(positiveClass), (int) Math.min(bins - 1, Math.ceil(threshold * bins - 1e-6)));
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
        long[][][] pooledScores = new long[n][n][bins];
        long[][] pooledConfidence = deepCopy(confidenceCounts);
        double[] pooledSums = confidenceSums.clone();
        for (int a = 0; a < n; a++) {
            for (int s = 0; s < n; s++) {
                pooledConfusion[a][s] += other.confusion[a][s];
                for (int b = 0; b < bins; b++) {
                    pooledScores[a][s][b] = scoreCounts[a][s][b] + other.scoreCounts[a][s][b];
                }
            }
        }
        for (int b = 0; b < bins; b++) {
            pooledConfidence[0][b] += other.confidenceCounts[0][b];
            pooledConfidence[1][b] += other.confidenceCounts[1][b];
            pooledSums[b] += other.confidenceSums[b];
        }
        return new ScoreHistograms(classNames, pooledConfusion, pooledScores, pooledConfidence, pooledSums);
    }

    /** The bin of a probability; float rounding just outside [0, 1] lands in the edge bins. */
    static int bin(float probability, int bins) {
        double p = Math.min(1, Math.max(0, probability));
        return (int) Math.min(bins - 1, (long) (p * bins));
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
        return new OperatingPoint(classNames.get(c), (double) thresholdBin / bins, new Proportion(tp, nP),
                new Proportion(tn, nN), new Proportion(tp, tp + fp), new Proportion(tp + tn, nP + nN));
    }

    private long[] positives(int c) {
        return scoreCounts[c][c];
    }

    private long[] negatives(int c) {
        long[] negative = new long[bins];
        for (int a = 0; a < classNames.size(); a++) {
            if (a != c) {
                for (int b = 0; b < bins; b++) {
                    negative[b] += scoreCounts[a][c][b];
                }
            }
        }
        return negative;
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
