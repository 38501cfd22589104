package io.cxr4j.experiment;

import io.cxr4j.core.data.DatasetChecksum;
import io.cxr4j.core.data.SourceConfounding;
import io.cxr4j.core.data.XrayDataset;
import io.cxr4j.core.metrics.EvaluationReport;
import io.cxr4j.core.metrics.Evaluator;
import io.cxr4j.core.inference.XrayClassifier;
import io.cxr4j.core.model.ModelManifest;
import io.cxr4j.core.split.PatientLeakage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * A saved model scored on every image of a labelled data set, with the guards that qualify the
 * numbers: source confounding, patient clustering, the data-set audit, images the model was trained
 * on (when its provenance records them) and a warning when the test set is small.
 *
 * <p>Defaults: batches of 16 images, scored by the classifier in this JVM; the audit runs.
 */
public final class ModelEvaluation {

    private final Builder b;

    private ModelEvaluation(Builder builder) {
        this.b = builder;
    }

    /**
     * @param classifier the model, which the caller keeps and closes
     * @param data the labelled images; their classes must be the model's
     * @return a builder with the defaults above
     */
    public static Builder builder(XrayClassifier classifier, ExperimentData data) {
        return new Builder(classifier, data);
    }

    /**
     * Runs the guards and scores every image.
     *
     * @return the result, with its warnings
     * @throws IllegalArgumentException when the data set has labels the model does not know
     * @throws IOException when the audit is interrupted
     */
    public EvaluationResult run() throws IOException {
        XrayDataset dataset = b.data.dataset();
        Evaluator.requireKnownLabels(b.classifier.classNames(), dataset);
        Warnings warnings = new Warnings(b.listener, b.callerWarnings, b.wording);
        warnings.add(ExperimentWarning.Kind.SOURCE_CONFOUNDING, SourceConfounding.check(dataset));
        warnings.add(ExperimentWarning.Kind.PATIENT_CLUSTERING, PatientLeakage.clusteredByPatient(dataset));
        if (b.audit) {
            warnings.audit(b.data, null);
        }
        EvaluationReport report = b.scorer != null ? b.scorer.score(dataset)
                : ModelRun.evaluate(b.classifier, dataset, b.batchSize, b.listener);
        warnAboutTrainingImages(b.classifier.manifest(), dataset, report, warnings);
        b.listener.evaluated(report);
        warnings.smallTestSet(report.evaluation().accuracy(), "");
        b.listener.finished(report.skipped(), null);
        RunReport runReport = RunReport.forEvaluation(b.arguments, warnings.messages(), b.classifier.manifest(),
                b.data, DatasetChecksum.of(dataset, b.data.folder()), report);
        return new EvaluationResult(runReport, warnings.all(), report);
    }

    private static void warnAboutTrainingImages(ModelManifest model, XrayDataset dataset, EvaluationReport report,
            Warnings warnings) {
        if (model.provenance() == null || model.provenance().trainingImageDigests() == null) {
            return;
        }
        List<Path> scored = dataset.imagesExcept(report.skipped());
        List<Path> trainedOn = model.provenance().trainedOn(scored);
        if (!trainedOn.isEmpty()) {
            warnings.add(ExperimentWarning.Kind.TRAINING_IMAGES, trainedOn.size() + " of the " + scored.size()
                    + " images scored from data set '" + dataset.name() + "' are images the model was trained on"
                    + " (same file content; the first: " + trainedOn.get(0) + "): their scores flatter it. Evaluate"
                    + " on images it never saw, such as the test part of its train run (split.tsv lists it).");
        }
    }

    /** Settings of a {@link ModelEvaluation}; every one has the default the class describes. */
    public static final class Builder extends ExperimentBuilder<Builder> {
        private final XrayClassifier classifier;
        private final ExperimentData data;
        private int batchSize = 16;
        private DatasetScorer scorer;

        private Builder(XrayClassifier classifier, ExperimentData data) {
            this.classifier = Objects.requireNonNull(classifier, "classifier");
            this.data = Objects.requireNonNull(data, "data");
        }

        @Override
        Builder self() {
            return this;
        }

        /** @param batchSize images per batch, at least 1; default 16 */
        public Builder optBatchSize(int batchSize) {
            if (batchSize < 1) {
                throw new IllegalArgumentException("The batch size must be at least 1, was " + batchSize);
            }
            this.batchSize = batchSize;
            return this;
        }

        /**
         * @param scorer what scores the images instead of the classifier in this JVM, such as a
         *     Spark cluster; the guards, warnings and reports are the same. Default: the classifier,
         *     in batches of {@link #optBatchSize}
         * @return this builder
         */
        public Builder optScorer(DatasetScorer scorer) {
            this.scorer = Objects.requireNonNull(scorer, "scorer");
            return this;
        }

        /** @return the evaluation */
        public ModelEvaluation build() {
            return new ModelEvaluation(this);
        }
    }
}
