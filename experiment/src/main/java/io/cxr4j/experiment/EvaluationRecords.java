package io.cxr4j.experiment;

import io.cxr4j.core.data.Sample;
import io.cxr4j.core.data.SkippedImage;
import io.cxr4j.core.data.XrayDataset;
import io.cxr4j.core.metrics.ConfidenceInterval;
import io.cxr4j.core.metrics.Evaluation;
import io.cxr4j.core.metrics.EvaluationReport;
import io.cxr4j.core.metrics.Proportion;
import io.cxr4j.core.metrics.RocCurve;
import io.cxr4j.core.model.RecordedEvaluation;
import io.cxr4j.core.model.SourceImages;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** The figures of an evaluation as a model keeps them ({@link RecordedEvaluation}). */
final class EvaluationRecords {

    private EvaluationRecords() {}

    /**
     * @param kind what the images were to the model
     * @param report the evaluation
     * @param dataset the evaluated images, whose scored ones are counted per source
     * @return the record: the {@link Protocol#positiveClass} against the rest, Wilson intervals for
     *     proportions, DeLong's for the AUC
     */
    static RecordedEvaluation of(RecordedEvaluation.Kind kind, EvaluationReport report, XrayDataset dataset) {
        Evaluation evaluation = report.evaluation();
        String positive = Protocol.positiveClass(evaluation.confusionMatrix().classNames());
        Proportion sensitivity = evaluation.sensitivity(positive);
        Proportion specificity = evaluation.specificity(positive);
        RocCurve roc = report.scores().roc(positive);
        ConfidenceInterval auc95 = roc.auc95();
        RecordedEvaluation.Estimate auc = auc95 == null ? RecordedEvaluation.Estimate.of(roc.auc(), Double.NaN,
                Double.NaN) : RecordedEvaluation.Estimate.of(roc.auc(), auc95.lower(), auc95.upper());
        return new RecordedEvaluation(kind, dataset.name(), Instant.now().toString(), positive,
                evaluation.testSize(), (int) sensitivity.trials(), (int) specificity.trials(),
                estimate(evaluation.accuracy()), estimate(sensitivity), estimate(specificity), auc,
                SourceImages.of(scored(dataset, report.skipped())));
    }

    /** The samples of a data set that were scored, without those left out as unreadable. */
    static List<Sample> scored(XrayDataset dataset, List<SkippedImage> skipped) {
        Set<Path> left = skipped.stream().map(SkippedImage::image).collect(Collectors.toSet());
        return dataset.samples().stream().filter(s -> !left.contains(s.image())).toList();
    }

    /** @return the proportion with its Wilson interval, all null when it has no trials */
    static RecordedEvaluation.Estimate estimate(Proportion proportion) {
        if (proportion.trials() == 0) {
            return RecordedEvaluation.Estimate.of(Double.NaN, Double.NaN, Double.NaN);
        }
        ConfidenceInterval ci = proportion.wilson95();
        return RecordedEvaluation.Estimate.of(proportion.value(), ci.lower(), ci.upper());
    }
}
