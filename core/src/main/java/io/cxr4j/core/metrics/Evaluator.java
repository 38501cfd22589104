package io.cxr4j.core.metrics;

import io.cxr4j.core.data.Sample;
import io.cxr4j.core.data.SkippedImage;
import io.cxr4j.core.data.XrayDataset;
import io.cxr4j.core.data.Prediction;
import io.cxr4j.core.inference.XrayClassifier;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scores a classifier on a labelled data set, batch by batch, with unreadable images reported and
 * skipped.
 */
public final class Evaluator {

    private static final Logger LOG = LoggerFactory.getLogger(Evaluator.class);

    private Evaluator() {}

    /**
     * Evaluates a classifier on a data set whose labels the model knows, in batches of {@value
     * XrayClassifier#DEFAULT_BATCH_SIZE}.
     *
     * @param classifier the model
     * @param dataset labelled images; every label must be one of the model's classes
     * @return the metrics and the skipped images
     * @throws IllegalArgumentException when the data set has labels the model does not know, or no
     *     image of it can be read
     * @throws IllegalStateException when the classifier is closed or its engine fails
     */
    public static EvaluationReport evaluate(XrayClassifier classifier, XrayDataset dataset) {
        return evaluate(classifier, dataset, XrayClassifier.DEFAULT_BATCH_SIZE, done -> { });
    }

    /**
     * Evaluates a classifier on a data set whose labels the model knows.
     *
     * @param classifier the model
     * @param dataset labelled images; every label must be one of the model's classes
     * @param batchSize images per engine call, at least 1
     * @param progress told how many images are done after each batch
     * @return the metrics and the skipped images
     * @throws IllegalArgumentException when the batch size is below 1, the data set has labels the
     *     model does not know, or no image of it can be read
     * @throws IllegalStateException when the classifier is closed or its engine fails
     */
    public static EvaluationReport evaluate(
            XrayClassifier classifier, XrayDataset dataset, int batchSize, IntConsumer progress) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("The batch size must be at least 1, was " + batchSize);
        }
        List<String> modelClasses = classifier.classNames();
        requireKnownLabels(modelClasses, dataset);
        EvaluationAccumulator accumulator = new EvaluationAccumulator(modelClasses);
        List<SkippedImage> skipped = new ArrayList<>();
        List<Sample> samples = dataset.samples();
        classifier.predictInBatches(samples.stream().map(Sample::image).toList(), batchSize, (first, batch) -> {
            List<Sample> chunk = samples.subList(first, first + batch.predictions().size() + batch.skipped().size());
            // Both lists keep the chunk's order, so position, not path, pairs each prediction with its
            // label: a data set may list one file twice.
            Iterator<Prediction> predictions = batch.predictions().iterator();
            Iterator<SkippedImage> skips = batch.skipped().iterator();
            SkippedImage nextSkip = skips.hasNext() ? skips.next() : null;
            for (Sample sample : chunk) {
                if (nextSkip != null && nextSkip.image().equals(sample.image())) {
                    skipped.add(nextSkip);
                    nextSkip = skips.hasNext() ? skips.next() : null;
                } else {
                    accumulator.add(modelClasses.indexOf(sample.label()), predictions.next().probabilityArray(),
                            sample.source());
                }
            }
            progress.accept(first + chunk.size());
        });
        if (accumulator.count() == 0) {
            throw new IllegalArgumentException("No image of data set '" + dataset.name()
                    + "' could be evaluated (" + skipped.size() + " unreadable).");
        }
        ScoreDistributions scores = accumulator.snapshot();
        LOG.debug("Evaluated {} images of '{}'; metric state {} bytes", accumulator.count(), dataset.name(),
                accumulator.stateBytes());
        return new EvaluationReport(dataset.name(), scores.evaluation(), skipped, scores);
    }

    /**
     * Fails when a data set has labels a model does not know, before any image is read.
     *
     * @param modelClasses the model's classes
     * @param dataset the labelled images about to be evaluated
     * @throws IllegalArgumentException naming the unknown labels and how to read the data instead
     */
    public static void requireKnownLabels(List<String> modelClasses, XrayDataset dataset) {
        List<String> unknown = dataset.countsPerClass().entrySet().stream()
                .filter(e -> e.getValue() > 0 && !modelClasses.contains(e.getKey()))
                .map(Map.Entry::getKey)
                .toList();
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("Data set '" + dataset.name() + "' has labels " + unknown
                    + " that the model does not know (its classes are " + modelClasses
                    + "). Leave those images out or relabel them, or read the data with the label set the model was"
                    + " trained with (LabelMap.binary() for covid and normal, LabelMap.threeClass() to add"
                    + " pneumonia).");
        }
    }
}
