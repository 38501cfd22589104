package io.cxr4j.core.metrics;

import java.io.IOException;
import java.io.InvalidObjectException;
import java.io.ObjectInputStream;
import java.io.Serial;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * An immutable snapshot of an {@link EvaluationAccumulator}: the confusion matrix, every class's
 * scores (for samples of that class and of the others) and the winning probabilities of right and
 * wrong predictions, each kept exactly as distinct values with their counts. Everything reported
 * about an evaluation is derived from it, exactly: the {@link Evaluation}, one-vs-rest ROC and
 * precision-recall curves with AUC, DeLong interval and average precision, calibration and
 * operating points. Only equal scores count as tied, as in scikit-learn.
 *
 * <p>Snapshots of disjoint test sets combine ({@link #plus}), for example to pool the folds of a
 * cross-validation or the partitions of a distributed evaluation; the result equals, bit for bit,
 * the snapshot of one accumulator fed every prediction, in any order. Serializable, so that
 * partial results can travel between JVMs.
 *
 * <p>Samples recorded with their source are also kept per source ({@link #bySource()}), each
 * source a snapshot of its own, so that everything above can be reported per source too.
 */
public final class ScoreDistributions implements Serializable {

    @Serial
    private static final long serialVersionUID = 2L;

    private final List<String> classNames;
    private final long[][] confusion;
    /** Per class, the scores of samples of that class. */
    private final ScoreCounts[] positives;
    /** Per class, the scores of samples of the other classes. */
    private final ScoreCounts[] negatives;
    /** Winning probabilities of right predictions, clipped to [0, 1]. */
    private final ScoreCounts rightConfidences;
    /** Winning probabilities of wrong predictions, clipped to [0, 1]. */
    private final ScoreCounts wrongConfidences;
    /** Per source, the samples recorded with it; those without a source are in no entry. */
    private final TreeMap<String, ScoreDistributions> bySource;

    /** Takes ownership of the arrays: callers pass copies. */
    ScoreDistributions(List<String> classNames, long[][] confusion, ScoreCounts[] positives, ScoreCounts[] negatives,
            ScoreCounts rightConfidences, ScoreCounts wrongConfidences, Map<String, ScoreDistributions> bySource) {
        this.classNames = List.copyOf(classNames);
        this.confusion = confusion;
        this.positives = positives;
        this.negatives = negatives;
        this.rightConfidences = rightConfidences;
        this.wrongConfidences = wrongConfidences;
        this.bySource = new TreeMap<>(bySource);
    }

    /** @return the class names in index order */
    public List<String> classNames() {
        return classNames;
    }

    /** @return the number of samples */
    public long count() {
        return rightConfidences.total() + wrongConfidences.total();
    }

    /**
     * The evaluation broken down by where the samples come from: one snapshot per source, over the
     * samples recorded with that source ({@link EvaluationAccumulator#add(int, float[], String)}).
     * Samples recorded without a source are in none of them, so the counts add up to {@link
     * #count()} only when every sample has one.
     *
     * @return the snapshots by source name, in source order (unmodifiable); empty when no sample
     *     was recorded with a source
     */
    public Map<String, ScoreDistributions> bySource() {
        return Collections.unmodifiableMap(bySource);
    }

    /** @return the confusion matrix of the argmax predictions */
    public ConfusionMatrix confusionMatrix() {
        return new ConfusionMatrix(classNames, confusion);
    }

    /** @return the evaluation, with each class's exact one-vs-rest AUC */
    public Evaluation evaluation() {
        double[] auc = new double[classNames.size()];
        for (int c = 0; c < auc.length; c++) {
            auc[c] = RocCurve.auc(ranked(c));
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
        return PrecisionRecallCurve.of(positiveClass, ranked(c));
    }

    /** @return every class's one-vs-rest precision-recall curve, in class order */
    public List<PrecisionRecallCurve> precisionRecallCurves() {
        return classNames.stream().map(this::precisionRecall).toList();
    }

    /**
     * The calibration of the winning class's probability.
     *
     * @param reliabilityBins the number of equal-width reliability-diagram bins, such as 10
     * @return the reliability diagram and expected calibration error
     */
    public Calibration calibration(int reliabilityBins) {
        return Calibration.of(rightConfidences, wrongConfidences, reliabilityBins);
    }

    /**
     * Chooses the highest threshold on {@code p(positiveClass)} whose sensitivity on these data is
     * at least the target; the highest such threshold has the best specificity. It is the score of
     * one of the positives. Call it on validation data, never on the test data the threshold is
     * then reported on.
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
        ScoreCounts positive = positives[c];
        long nP = positive.total();
        if (nP == 0) {
            throw new IllegalArgumentException("No '" + positiveClass + "' sample among these " + count()
                    + " predictions, so no threshold can be chosen for a sensitivity target;"
                    + " use a larger validation part");
        }
        // Counted in whole images, so that a target of exactly k/n is met by k detections.
        long needed = (long) Math.ceil(targetSensitivity * nP - 1e-9);
        long detected = 0;
        int i = positive.distinct() - 1;
        while (detected + positive.count(i) < needed) {
            detected += positive.count(i);
            i--;
        }
        return at(c, positive.value(i));
    }

    /**
     * What a threshold on {@code p(positiveClass)} achieves on these data.
     *
     * @param positiveClass one of the class names
     * @param threshold samples with a probability at least this are called positive
     * @return the sensitivity, specificity, precision and accuracy
     */
    public OperatingPoint at(String positiveClass, double threshold) {
        if (!(threshold >= 0 && threshold <= 1)) {
            throw new IllegalArgumentException("A threshold on a probability must be in [0, 1], got " + threshold);
        }
        return at(classIndex(positiveClass), threshold);
    }

    /**
     * Adds the predictions of another evaluation on different images, such as another fold or
     * another partition of a data set.
     *
     * @param other a snapshot with the same classes
     * @return the pooled snapshot, equal to one accumulator's snapshot over both sets of predictions
     */
    public ScoreDistributions plus(ScoreDistributions other) {
        requireSameClasses(classNames, other.classNames);
        int n = classNames.size();
        long[][] pooledConfusion = new long[n][n];
        ScoreCounts[] pooledPositives = new ScoreCounts[n];
        ScoreCounts[] pooledNegatives = new ScoreCounts[n];
        for (int a = 0; a < n; a++) {
            for (int s = 0; s < n; s++) {
                pooledConfusion[a][s] = confusion[a][s] + other.confusion[a][s];
            }
            pooledPositives[a] = positives[a].plus(other.positives[a]);
            pooledNegatives[a] = negatives[a].plus(other.negatives[a]);
        }
        Map<String, ScoreDistributions> pooledSources = new TreeMap<>(bySource);
        other.bySource.forEach((source, scores) -> pooledSources.merge(source, scores, ScoreDistributions::plus));
        return new ScoreDistributions(classNames, pooledConfusion, pooledPositives, pooledNegatives,
                rightConfidences.plus(other.rightConfidences), wrongConfidences.plus(other.wrongConfidences),
                pooledSources);
    }

    /**
     * Equal when the class names, the confusion matrix, every score count and the breakdown by
     * source are: then every metric derived from the two is the same, bit for bit.
     */
    @Override
    public boolean equals(Object other) {
        return other instanceof ScoreDistributions that && classNames.equals(that.classNames)
                && Arrays.deepEquals(confusion, that.confusion) && Arrays.equals(positives, that.positives)
                && Arrays.equals(negatives, that.negatives) && rightConfidences.equals(that.rightConfidences)
                && wrongConfidences.equals(that.wrongConfidences) && bySource.equals(that.bySource);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.deepHashCode(confusion) + Arrays.hashCode(positives);
    }

    /** @return the number of samples and classes; the metrics come from {@link #evaluation()} */
    @Override
    public String toString() {
        return "ScoreDistributions[n=" + count() + ", classes=" + classNames + "]";
    }

    static void requireSameClasses(List<String> classNames, List<String> otherClassNames) {
        if (!classNames.equals(otherClassNames)) {
            throw new IllegalArgumentException("Cannot pool evaluations of classes " + classNames + " and "
                    + otherClassNames + "; both must list the same classes in the same order");
        }
    }

    private RocCurve roc(int c) {
        return RocCurve.of(classNames.get(c), ranked(c));
    }

    private RankedScores ranked(int c) {
        return RankedScores.of(positives[c], negatives[c]);
    }

    private OperatingPoint at(int c, double threshold) {
        long nP = positives[c].total();
        long nN = negatives[c].total();
        long tp = positives[c].countAtLeast(threshold);
        long fp = negatives[c].countAtLeast(threshold);
        long tn = nN - fp;
        return new OperatingPoint(classNames.get(c), threshold, new Proportion(tp, nP), new Proportion(tn, nN),
                new Proportion(tp, tp + fp), new Proportion(tp + tn, nP + nN));
    }

    private int classIndex(String className) {
        int index = classNames.indexOf(className);
        if (index < 0) {
            throw new IllegalArgumentException("Unknown class '" + className + "'; the classes are " + classNames);
        }
        return index;
    }

    /** A stream whose parts do not fit together is refused, not trusted. */
    @Serial
    private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
        in.defaultReadObject();
        int n = classNames == null ? 0 : classNames.size();
        if (n < 2 || confusion == null || confusion.length != n || positives == null || positives.length != n
                || negatives == null || negatives.length != n || rightConfidences == null
                || wrongConfidences == null) {
            throw new InvalidObjectException("Score distributions need a confusion matrix and scores per class");
        }
        long samples = count();
        if (bySource == null) {
            throw new InvalidObjectException("Score distributions need their breakdown by source");
        }
        long sourced = 0;
        for (Map.Entry<String, ScoreDistributions> e : bySource.entrySet()) {
            if (e.getKey() == null || e.getValue() == null || !classNames.equals(e.getValue().classNames)
                    || !e.getValue().bySource.isEmpty()) {
                throw new InvalidObjectException("Score distributions of a source must have the same classes and no"
                        + " sources of their own");
            }
            sourced += e.getValue().count();
        }
        if (sourced > samples) {
            throw new InvalidObjectException("The sources hold " + sourced + " samples, more than the " + samples
                    + " of the whole");
        }
        for (int c = 0; c < n; c++) {
            if (confusion[c] == null || confusion[c].length != n || positives[c] == null || negatives[c] == null
                    || positives[c].total() + negatives[c].total() != samples) {
                throw new InvalidObjectException("Score distributions of class '" + classNames.get(c)
                        + "' do not hold one score per sample");
            }
        }
    }
}
