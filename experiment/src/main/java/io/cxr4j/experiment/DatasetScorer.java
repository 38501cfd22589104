package io.cxr4j.experiment;

import io.cxr4j.core.data.XrayDataset;
import io.cxr4j.core.metrics.EvaluationReport;

/**
 * Scores a model on every image of a labelled data set: in this JVM by default, or elsewhere, such
 * as on a Spark cluster ({@code io.cxr4j.spark.SparkClassifier#scorer()}), for a {@link
 * ModelEvaluation} whose guards and reports stay the same.
 */
@FunctionalInterface
public interface DatasetScorer {

    /**
     * Scores every image.
     *
     * @param dataset labelled images whose classes are the model's
     * @return the metrics and the images that could not be read
     */
    EvaluationReport score(XrayDataset dataset);
}
