package io.cxr4j.core.metrics;

import io.cxr4j.core.data.SkippedImage;
import java.util.List;
import java.util.Objects;

/**
 * A model's evaluation on one labelled data set.
 *
 * @param datasetName the data set evaluated
 * @param evaluation the metrics
 * @param skipped images that could not be read and were left out of the metrics
 * @param scores the scores the metrics come from, for curves, calibration and thresholds
 */
public record EvaluationReport(
        String datasetName, Evaluation evaluation, List<SkippedImage> skipped, ScoreDistributions scores) {

    /**
     * Freezes the list and checks that the scores are there.
     *
     * @param datasetName the data set evaluated
     * @param evaluation the metrics
     * @param skipped images that could not be read and were left out of the metrics; copied
     * @param scores the scores the metrics come from; not null
     */
    public EvaluationReport {
        skipped = List.copyOf(skipped);
        Objects.requireNonNull(scores, "scores");
    }
}
