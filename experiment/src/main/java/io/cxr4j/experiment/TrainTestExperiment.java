package io.cxr4j.experiment;

import io.cxr4j.core.data.DatasetChecksum;
import io.cxr4j.core.data.XrayDataset;
import io.cxr4j.core.engine.CxrEngine;
import io.cxr4j.core.split.PatientLeakage;
import io.cxr4j.core.split.SplitFile;
import io.cxr4j.core.split.SplitStrategy;
import io.cxr4j.core.split.Splits;
import io.cxr4j.core.split.TrainTestSplit;
import io.cxr4j.core.config.TrainingConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Set;

/**
 * A train/test run: a stratified split (by patient where the data set records patient ids), a
 * model trained on the training part and evaluated on the held-out test part, with the guards that
 * qualify its numbers: source confounding, patient leakage and clustering, the data-set audit and
 * a warning when the test set is small.
 *
 * <pre>{@code
 * TrainTestResult result = TrainTestExperiment.builder(data, config, Path.of("runs/seed")).build().run();
 * result.writeTo(Path.of("runs/seed"));
 * }</pre>
 *
 * <p>Defaults: {@link Protocol#DEFAULT_TEST_FRACTION} of each class tested; the split's seed is the
 * training configuration's; patient-level when the data set records patient ids, else image-level.
 * Without a target sensitivity the test part is also scored after each epoch, for the learning
 * curves only (no epoch or threshold is chosen on it), so that training keeps the whole training
 * part; with one, {@link Protocol#DEFAULT_VALIDATION_FRACTION} of the training part is carved out
 * as validation data for the curves and the threshold, unless separate validation data is given
 * ({@link Builder#optValidationData}). The model is written to
 * {@code output/model}; {@link TrainTestResult#writeTo} writes the reports.
 */
public final class TrainTestExperiment {

    private final Builder b;

    private TrainTestExperiment(Builder builder) {
        this.b = builder;
    }

    /**
     * @param data the labelled images
     * @param config how to train
     * @param output the run's folder: the model goes to {@code output/model}
     * @return a builder with the defaults above
     */
    public static Builder builder(ExperimentData data, TrainingConfig config, Path output) {
        return new Builder(data, config, output);
    }

    /**
     * Splits, trains, evaluates and runs the guards.
     *
     * @return the result, with its warnings
     * @throws IOException when images, the split file or the model cannot be read or written
     */
    public TrainTestResult run() throws IOException {
        CxrEngine engine = b.engine();
        XrayDataset dataset = b.data.dataset();
        Warnings warnings = new Warnings(b.listener, b.callerWarnings, b.wording);
        warnings.checkData(b.data, b.targetSensitivity);
        TrainTestSplit split = split(dataset, warnings);
        if (split.strategy() == SplitStrategy.PATIENT) {
            warnings.add(ExperimentWarning.Kind.PATIENT_CLUSTERING, PatientLeakage.ungroupedImages(dataset));
        } else {
            warnings.add(ExperimentWarning.Kind.PATIENT_CLUSTERING, PatientLeakage.unknownPatients(dataset));
        }
        b.listener.splitReady(split);
        Set<String> shared = split.sharedPatients();
        if (!shared.isEmpty()) {
            warnings.add(ExperimentWarning.Kind.PATIENT_LEAKAGE, shared.size() + " patient(s) have images on both"
                    + " sides of this split " + shared + ": the test score is inflated by patient leakage.",
                    ExperimentWarning.SPLIT_BY_PATIENT);
        }
        warnings.add(ExperimentWarning.Kind.PATIENT_CLUSTERING, PatientLeakage.clusteredByPatient(split.test()));
        if (b.audit) {
            warnings.audit(b.data, split);
        }
        XrayDataset train = split.train();
        XrayDataset heldOut = split.test();
        XrayDataset validation = null;
        if (b.validationData != null) {
            validation = SeparateValidation.check(b.data, b.validationData, b.targetSensitivity, warnings);
            heldOut = validation;
            b.listener.validationGiven(validation);
        } else if (b.targetSensitivity != null) {
            TrainTestSplit carved = Splits.trainTest(split.train(), b.validationFraction, b.config.seed(),
                    split.strategy());
            train = carved.train();
            validation = carved.test();
            heldOut = validation;
            b.listener.validationCarved(validation.size(), train.size());
        }
        b.listener.trainingStarted(b.config, engine.name());
        Path modelDirectory = b.output.resolve("model");
        EarlierResults earlier = EarlierResults.setAside(b.output, Protocol.TRAIN_TEST_RESULTS, modelDirectory);
        ModelOutcome outcome;
        try {
            outcome = ModelRun.run(engine, train, heldOut, b.validationData == null, split.test(), b.config,
                    b.baseWeights, modelDirectory, b.targetSensitivity, b.resume, b.replace, b.listener);
        } catch (IOException | RuntimeException e) {
            earlier.restoreUnlessReplaced();
            throw e;
        }
        earlier.discard();
        b.listener.modelTrained(outcome);
        b.listener.evaluated(outcome.test());
        warnings.smallTestSet(outcome.test().evaluation().accuracy(), "");
        b.listener.finished(outcome.skipped(), outcome);
        RunReport report = RunReport.forTraining(b.arguments, warnings.messages(), engine.name(), b.data,
                DatasetChecksum.of(dataset, b.data.folder()), split, train, validation, outcome,
                b.targetSensitivity, PublishedResults.trainTest(dataset.name()));
        return new TrainTestResult(report, warnings.all(), outcome, split, b.data.folder(), modelDirectory,
                validation == null ? "held-out test (curves only)" : b.validationData == null ? "validation"
                        : "validation ('" + validation.name() + "')");
    }

    private TrainTestSplit split(XrayDataset dataset, Warnings warnings) throws IOException {
        if (b.splitFile == null) {
            return Splits.trainTest(dataset, b.testFraction, b.config.seed(), b.strategy());
        }
        TrainTestSplit split = SplitFile.readTrainTest(b.splitFile, dataset, b.data.folder());
        int unlisted = dataset.size() - split.train().size() - split.test().size();
        if (unlisted > 0) {
            warnings.add(ExperimentWarning.Kind.SPLIT_FILE, b.splitFile + " does not list " + unlisted + " image(s)"
                    + " of data set '" + dataset.name() + "': they are neither trained nor tested on.");
        }
        return split;
    }

    /** Settings of a {@link TrainTestExperiment}; every one has the default the class describes. */
    public static final class Builder extends TrainingExperimentBuilder<Builder> {
        private double testFraction = Protocol.DEFAULT_TEST_FRACTION;
        private Path splitFile;
        private double validationFraction = Protocol.DEFAULT_VALIDATION_FRACTION;
        private ExperimentData validationData;

        private Builder(ExperimentData data, TrainingConfig config, Path output) {
            super(data, config, output);
        }

        @Override
        Builder self() {
            return this;
        }

        /** @param testFraction share of each class held out for testing, strictly between 0 and 1 */
        public Builder optTestFraction(double testFraction) {
            if (!(testFraction > 0 && testFraction < 1)) {
                throw new IllegalArgumentException("The test fraction must lie strictly between 0 and 1, such as"
                        + " 0.3; was " + testFraction);
            }
            this.testFraction = testFraction;
            return this;
        }

        /**
         * @param splitFile a split written by {@code SplitFile.write} (the {@code split.tsv} of an
         *     earlier run), used instead of drawing one; test fraction and strategy then do not apply
         */
        public Builder optSplitFile(Path splitFile) {
            this.splitFile = splitFile;
            return this;
        }

        /**
         * @param validationFraction share of the training part carved out as validation data when a
         *     target sensitivity is set, in (0, 1)
         */
        public Builder optValidationFraction(double validationFraction) {
            if (!(validationFraction > 0 && validationFraction < 1)) {
                throw new IllegalArgumentException("The validation fraction of a train/test run must lie strictly"
                        + " between 0 and 1, was " + validationFraction);
            }
            this.validationFraction = validationFraction;
            return this;
        }

        /**
         * Validation images apart from the training data, such as another hospital's: scored after
         * each epoch for the learning curves and, with a target sensitivity, the images the threshold
         * is chosen on, instead of a part carved from the training data (the validation fraction
         * then does not apply, and the model trains on the whole training part). Before training,
         * the run refuses validation images with classes the training data lacks, files or
         * byte-identical or near-identical copies of training or test images, patients of the
         * training data, and, with a target sensitivity, validation data without images of the
         * positive class; it warns when they lack a class or share a source with the training data.
         * The model records which data and sources the threshold came from ({@code
         * ModelManifest.chosenThreshold}); figures on those sources are development figures, not an
         * external test.
         *
         * @param validation the validation images, labelled with the training data's label map
         * @return this builder
         */
        public Builder optValidationData(ExperimentData validation) {
            this.validationData = Objects.requireNonNull(validation, "validation");
            return this;
        }
        /** @return the experiment */
        public TrainTestExperiment build() {
            return new TrainTestExperiment(this);
        }
    }
}
