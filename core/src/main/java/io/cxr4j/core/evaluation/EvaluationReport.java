package io.cxr4j.core.evaluation;

import io.cxr4j.core.data.SkippedImage;
import io.cxr4j.core.metrics.Evaluation;
import java.util.List;

/**
 * A model's evaluation on one labelled data set.
 *
 * @param datasetName the data set evaluated
 * @param evaluation the metrics
 * @param skipped images that could not be read and were left out of the metrics
 */
public record EvaluationReport(String datasetName, Evaluation evaluation, List<SkippedImage> skipped) {

    /** Freezes the list. */
    public EvaluationReport {
        skipped = List.copyOf(skipped);
    }
}
