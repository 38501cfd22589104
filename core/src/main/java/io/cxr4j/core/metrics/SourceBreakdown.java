package io.cxr4j.core.metrics;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A plain-data view, for JSON reports, of an evaluation broken down by the source of its images
 * ({@link ScoreDistributions#bySource()}): per source, how many images of each class, the accuracy
 * and, with one class taken as positive (COVID-19 against the rest), sensitivity and specificity
 * with Wilson 95% intervals and the AUC with its DeLong 95% interval.
 *
 * <p>A source often holds one class only (every COVID-19 image of a collection from one archive,
 * every normal one from another). Then what needs the missing class is left out, never given as
 * NaN: a source without positives has no sensitivity and no AUC, one without negatives no
 * specificity and no AUC, and each such source lists why in {@link SourceSummary#notReported()}.
 *
 * <p>The breakdown is there as soon as one image has a known source, even if it is the only
 * source: the report then says which source every number comes from, which matters when reports
 * of different sets are compared. Images without a source are counted in {@link
 * #imagesWithoutSource()} and in no row.
 *
 * @param positiveClass the class taken as positive for sensitivity, specificity and AUC
 * @param sources one entry per source, in source order
 * @param imagesWithoutSource images evaluated that have no recorded source
 */
public record SourceBreakdown(String positiveClass, List<SourceSummary> sources, long imagesWithoutSource) {

    /**
     * Freezes the list.
     *
     * @param positiveClass the class taken as positive; not null
     * @param sources one entry per source; copied
     * @param imagesWithoutSource images without a source, not negative
     */
    public SourceBreakdown {
        Objects.requireNonNull(positiveClass, "positiveClass");
        sources = List.copyOf(sources);
        if (imagesWithoutSource < 0) {
            throw new IllegalArgumentException("Images without a source cannot be negative: " + imagesWithoutSource);
        }
    }

    /**
     * One source's results. Fields that this source's images cannot give are {@code null} (and
     * left out of the JSON), each with its reason in {@code notReported}.
     *
     * @param source the source's name, as the data set records it
     * @param images images of this source that were evaluated
     * @param classCounts of them, how many actually belong to each class, in class order
     * @param accuracy correctly classified images of this source
     * @param sensitivity the positive class's images called positive, or null without such images
     * @param specificity the other classes' images not called positive, or null without such images
     * @param auc the positive class's one-vs-rest ROC AUC, or null unless both sides have images
     * @param auc95 its DeLong 95% interval, or null (with fewer than two images on a side, or when
     *     DeLong's variance is 0)
     * @param notReported why each absent value is absent, such as {@code specificity: no image of
     *     another class than 'covid' comes from this source}; empty when nothing is absent
     */
    public record SourceSummary(String source, long images, Map<String, Long> classCounts,
            EvaluationSummary.Rate accuracy, EvaluationSummary.Rate sensitivity, EvaluationSummary.Rate specificity,
            Double auc, ConfidenceInterval auc95, List<String> notReported) {

        /**
         * Freezes the collections.
         *
         * @param source the source's name; not null
         * @param images images of this source, at least 1
         * @param classCounts images per class; copied, order kept
         * @param accuracy the accuracy; not null
         * @param sensitivity the sensitivity, or null
         * @param specificity the specificity, or null
         * @param auc the AUC, or null
         * @param auc95 its interval, or null
         * @param notReported why each absent value is absent; copied
         */
        public SourceSummary {
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(accuracy, "accuracy");
            classCounts = Collections.unmodifiableMap(new LinkedHashMap<>(classCounts));
            notReported = List.copyOf(notReported);
        }
    }

    /**
     * Breaks an evaluation down by source.
     *
     * @param scores the evaluation's scores, with their sources
     * @param positiveClass the class to take as positive, one of the classes (such as {@code covid})
     * @return the breakdown; its {@code sources} list is empty when no image has a source
     * @throws IllegalArgumentException when {@code positiveClass} is not one of the classes
     */
    public static SourceBreakdown of(ScoreDistributions scores, String positiveClass) {
        int positive = scores.classNames().indexOf(positiveClass);
        if (positive < 0) {
            throw new IllegalArgumentException("Unknown positive class '" + positiveClass + "'; the classes are "
                    + scores.classNames());
        }
        List<SourceSummary> sources = new ArrayList<>();
        long withSource = 0;
        for (Map.Entry<String, ScoreDistributions> e : scores.bySource().entrySet()) {
            sources.add(summary(e.getKey(), e.getValue(), positiveClass));
            withSource += e.getValue().count();
        }
        return new SourceBreakdown(positiveClass, sources, scores.count() - withSource);
    }

    private static SourceSummary summary(String source, ScoreDistributions scores, String positiveClass) {
        Evaluation evaluation = scores.evaluation();
        ConfusionMatrix matrix = evaluation.confusionMatrix();
        Map<String, Long> classCounts = new LinkedHashMap<>();
        for (int c = 0; c < matrix.size(); c++) {
            classCounts.put(matrix.classNames().get(c), matrix.rowTotal(c));
        }
        List<String> notReported = new ArrayList<>();
        Proportion sensitivity = evaluation.sensitivity(positiveClass);
        Proportion specificity = evaluation.specificity(positiveClass);
        if (sensitivity.trials() == 0) {
            notReported.add("sensitivity: no '" + positiveClass + "' image comes from this source");
        }
        if (specificity.trials() == 0) {
            notReported.add("specificity: no image of another class than '" + positiveClass
                    + "' comes from this source");
        }
        RocCurve roc = scores.roc(positiveClass);
        Double auc = null;
        ConfidenceInterval auc95 = null;
        if (roc.positives() == 0 || roc.negatives() == 0) {
            notReported.add("AUC: it needs images of '" + positiveClass + "' and of another class from this source");
        } else {
            auc = roc.auc();
            auc95 = roc.auc95();
            if (auc95 == null) {
                notReported.add(roc.positives() < 2 || roc.negatives() < 2
                        ? "AUC interval: " + RocCurve.DELONG + "'s interval needs at least 2 images on each side;"
                                + " this source has " + roc.positives() + " '" + positiveClass + "' and "
                                + roc.negatives() + " other"
                        : "AUC interval: " + RocCurve.DELONG + "'s variance is 0 (the classes are perfectly"
                                + " separated, or every score is tied), so no interval is given");
            }
        }
        return new SourceSummary(source, scores.count(), classCounts, EvaluationSummary.Rate.of(evaluation.accuracy()),
                sensitivity.trials() == 0 ? null : EvaluationSummary.Rate.of(sensitivity),
                specificity.trials() == 0 ? null : EvaluationSummary.Rate.of(specificity), auc, auc95, notReported);
    }
}
