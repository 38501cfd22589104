package io.cxr4j.experiment;

import io.cxr4j.core.data.DatasetChecksum;
import io.cxr4j.core.data.Sample;
import io.cxr4j.core.data.SourceConfounding;
import io.cxr4j.core.data.XrayDataset;
import io.cxr4j.core.metrics.EvaluationReport;
import io.cxr4j.core.metrics.Evaluator;
import io.cxr4j.core.inference.XrayClassifier;
import io.cxr4j.core.model.ChosenThreshold;
import io.cxr4j.core.model.ModelDirectory;
import io.cxr4j.core.model.ModelManifest;
import io.cxr4j.core.model.RecordedEvaluation;
import io.cxr4j.core.model.SourceImages;
import io.cxr4j.core.split.PatientLeakage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A saved model scored on every image of a labelled data set, with the guards that qualify the
 * numbers: source confounding, patient clustering, the data-set audit, images the model was trained
 * on (when its provenance records them), images that all come from sources the model trained on
 * (when its provenance records its sources: the figure is then in-distribution) and a warning when
 * the test set is small.
 *
 * <p>Defaults: batches of 16 images, scored by the classifier in this JVM; the audit runs; the
 * figures are not recorded with the model ({@link Builder#optRecordInModel}).
 */
public final class ModelEvaluation {

    private static final Logger LOG = LoggerFactory.getLogger(ModelEvaluation.class);

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
        boolean trainingImagesScored = warnAboutTrainingImages(b.classifier.manifest(), dataset, report, warnings);
        warnAboutTrainingSources(b.classifier.manifest(), dataset, report, warnings);
        warnAboutThresholdSources(b.classifier.manifest(), dataset, report, warnings);
        if (b.recordInModel) {
            record(dataset, report, trainingImagesScored);
        }
        b.listener.evaluated(report);
        warnings.smallTestSet(report.evaluation().accuracy(), "");
        b.listener.finished(report.skipped(), null);
        RunReport runReport = RunReport.forEvaluation(b.arguments, warnings.messages(), b.classifier.manifest(),
                b.data, DatasetChecksum.of(dataset, b.data.folder()), report);
        return new EvaluationResult(runReport, warnings.all(), report);
    }

    /** Appends the figures to the model's directory, unless images it trained on were scored. */
    private void record(XrayDataset dataset, EvaluationReport report, boolean trainingImagesScored)
            throws IOException {
        Path model = b.classifier.modelDirectory();
        if (trainingImagesScored) {
            LOG.warn("Not recording the evaluation on '{}' in model {}: images it was trained on were scored",
                    dataset.name(), model);
            return;
        }
        ModelDirectory.appendEvaluation(model,
                EvaluationRecords.of(RecordedEvaluation.Kind.LATER_TEST, report, dataset));
        LOG.info("Recorded the evaluation on '{}' in model {}", dataset.name(), model);
    }

    /**
     * Warns when every scored image comes from a source the model trained on: other images of the
     * same hospitals and collections, so the figure says nothing about a source it never saw.
     */
    private static void warnAboutTrainingSources(ModelManifest model, XrayDataset dataset, EvaluationReport report,
            Warnings warnings) {
        List<SourceImages> trainingSources = model.provenance() == null ? null
                : model.provenance().trainingSources();
        if (trainingSources == null) {
            return;
        }
        List<String> scored = EvaluationRecords.scored(dataset, report.skipped()).stream().map(Sample::source)
                .toList();
        if (SourceImages.allAmong(scored, trainingSources)) {
            List<String> names = scored.stream().distinct().sorted().toList();
            warnings.add(ExperimentWarning.Kind.IN_DISTRIBUTION_TEST, "Every one of the " + scored.size()
                    + " images scored from data set '" + dataset.name() + "' comes from a source the model trained"
                    + " on (" + String.join(", ", names) + "): this is an in-distribution figure, not a test on an"
                    + " unseen source.", ExperimentWarning.TEST_AN_UNSEEN_SOURCE);
        }
    }

    /**
     * Warns when scored images come from a source the model's recorded threshold was chosen on:
     * figures at that threshold on that source are development figures, not an external test.
     */
    private static void warnAboutThresholdSources(ModelManifest model, XrayDataset dataset, EvaluationReport report,
            Warnings warnings) {
        ChosenThreshold chosen = model.chosenThreshold();
        if (chosen == null) {
            return;
        }
        Set<String> thresholdSources = chosen.validationSources().stream().map(SourceImages::source)
                .filter(Objects::nonNull).collect(Collectors.toSet());
        List<Sample> scored = EvaluationRecords.scored(dataset, report.skipped());
        Set<String> shared = scored.stream().map(Sample::source).filter(thresholdSources::contains)
                .collect(Collectors.toCollection(TreeSet::new));
        if (!shared.isEmpty()) {
            long images = scored.stream().filter(s -> shared.contains(s.source())).count();
            warnings.add(ExperimentWarning.Kind.THRESHOLD_SOURCE, images + " of the " + scored.size() + " images"
                    + " scored from data set '" + dataset.name() + "' come from " + shared + ", on which the model's"
                    + " threshold was chosen ('" + chosen.validationData() + "'): figures on them at that threshold"
                    + " are development figures, not an external test.");
        }
    }

    /** @return whether images the model was trained on were scored */
    private static boolean warnAboutTrainingImages(ModelManifest model, XrayDataset dataset, EvaluationReport report,
            Warnings warnings) {
        if (model.provenance() == null || model.provenance().trainingImageDigests() == null) {
            return false;
        }
        List<Path> scored = dataset.imagesExcept(report.skipped());
        List<Path> trainedOn = model.provenance().trainedOn(scored);
        if (!trainedOn.isEmpty()) {
            warnings.add(ExperimentWarning.Kind.TRAINING_IMAGES, trainedOn.size() + " of the " + scored.size()
                    + " images scored from data set '" + dataset.name() + "' are images the model was trained on"
                    + " (same file content; the first: " + trainedOn.get(0) + "): their scores flatter it. Evaluate"
                    + " on images it never saw, such as the test part of its train run (split.tsv lists it).");
        }
        return !trainedOn.isEmpty();
    }

    /** Settings of a {@link ModelEvaluation}; every one has the default the class describes. */
    public static final class Builder extends ExperimentBuilder<Builder> {
        private final XrayClassifier classifier;
        private final ExperimentData data;
        private int batchSize = 16;
        private DatasetScorer scorer;
        private boolean recordInModel;

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

        /**
         * @param recordInModel whether to record the figures with the model
         *     ({@link ModelDirectory#appendEvaluation}), so that its model card shows them beside the
         *     held-out test of its training; an evaluation that scored images the model was trained
         *     on is not recorded. Default false
         * @return this builder
         */
        public Builder optRecordInModel(boolean recordInModel) {
            this.recordInModel = recordInModel;
            return this;
        }

        /** @return the evaluation */
        public ModelEvaluation build() {
            return new ModelEvaluation(this);
        }
    }
}
