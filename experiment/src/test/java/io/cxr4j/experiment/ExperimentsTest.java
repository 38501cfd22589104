package io.cxr4j.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.cxr4j.core.data.Sample;
import io.cxr4j.core.inference.XrayClassifier;
import io.cxr4j.core.io.Json;
import io.cxr4j.core.model.ModelDirectory;
import io.cxr4j.core.model.ModelManifest;
import io.cxr4j.core.model.RecordedEvaluation;
import io.cxr4j.core.model.SourceImages;
import io.cxr4j.core.image.AugmentationSpec;
import io.cxr4j.core.image.PreprocessingSpec;
import io.cxr4j.core.image.ResizeMode;
import io.cxr4j.core.split.SplitFile;
import io.cxr4j.core.split.TrainTestSplit;
import io.cxr4j.core.testing.SyntheticImages;
import io.cxr4j.core.config.TrainingConfig;
import io.cxr4j.dataset.DatasetRegistry;
import io.cxr4j.dataset.LabelMap;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The protocol from code: a cross-validation and a train/test run return their numbers with the
 * guards' warnings, render and write themselves, and refuse to discard an interrupted run.
 */
class ExperimentsTest {

    @TempDir
    static Path temp;

    private static ExperimentData data;

    /** One epoch at 32 px without augmentation: fast enough for a protocol test, which checks no accuracy. */
    static final TrainingConfig CONFIG = TrainingConfig.builder().optEpochs(1).optBatchSize(8)
            .optPreprocessing(new PreprocessingSpec(32, 1, ResizeMode.CENTER_CROP, 0f, 1f))
            .optAugmentation(AugmentationSpec.none()).build();

    @BeforeAll
    static void squaresAndNoise() throws IOException {
        Path folder = SyntheticImages.squaresAndNoise(temp.resolve("xrays"), 10, 5);
        data = ExperimentData.of(DatasetRegistry.create().load(folder, LabelMap.binary()));
    }

    /** Records what a listener is told. */
    private static final class Recorder implements ExperimentListener {
        final List<ExperimentWarning> warnings = new ArrayList<>();
        final List<String> folds = new ArrayList<>();

        @Override
        public void warning(ExperimentWarning warning) {
            warnings.add(warning);
        }

        @Override
        public void foldFinished(CrossValidationReport.FoldResult result, ModelOutcome outcome) {
            folds.add(result.name());
        }
    }

    @Test
    void aCrossValidationReturnsItsFoldsPooledResultAndWarningsAndWritesThem() throws IOException {
        Path output = temp.resolve("cv");
        Recorder recorder = new Recorder();

        CrossValidationResult result = CrossValidation.builder(data, CONFIG, output).optFolds(2)
                .optListener(recorder).build().run();

        CrossValidationReport report = result.report();
        assertThat(recorder.folds).containsExactly("fold-1", "fold-2");
        assertThat(report.perFold()).hasSize(2).allSatisfy(f -> assertThat(f.validationSize())
                .as("the default validation hold-out").isPositive());
        assertThat(report.validationFraction()).isEqualTo(Protocol.DEFAULT_VALIDATION_FRACTION);
        assertThat(report.pooled().get(0).testImages()).isEqualTo(20);
        assertThat(result.warnings()).isEqualTo(recorder.warnings)
                .anySatisfy(w -> assertThat(w.kind()).isEqualTo(ExperimentWarning.Kind.SMALL_TEST_SET));
        assertThat(report.warnings()).isEqualTo(result.warnings().stream().map(ExperimentWarning::message).toList())
                .anySatisfy(w -> assertThat(w).startsWith("Only 20 test images pooled over the test folds"));
        JsonObject json = JsonParser.parseString(result.toJson()).getAsJsonObject();
        assertThat(json.get("foldsFile").getAsString()).isEqualTo("folds.tsv");
        assertThat(json.getAsJsonObject("acrossFolds").has("covid AUC")).isTrue();
        assertThat(result.summaryMarkdown()).startsWith("## Mean across folds").contains("## Per fold")
                .doesNotContain("## Plots");
        assertThat(result.toMarkdown()).contains(result.summaryMarkdown()).contains("## Warnings")
                .contains("![roc](roc.png)").as("no command line from code").doesNotContain("- command:");

        Path written = result.writeTo(output);

        assertThat(written).hasContent(result.toJson());
        assertThat(output.resolve(Protocol.MARKDOWN_FILE)).hasContent(result.toMarkdown());
        for (String plot : result.plotFiles()) {
            assertThat(output.resolve(plot)).isRegularFile();
        }
        assertThat(SplitFile.readFoldPlan(output.resolve(Protocol.FOLDS_FILE), data.dataset(), data.folder())
                .planned()).hasSize(2);
    }

    @Test
    void aCrossValidationStoppedBeforeItsReportIsRefusedThenResumedWithItsOwnSettings() throws IOException {
        Path output = temp.resolve("cv-stopped");
        CrossValidationResult first = CrossValidation.builder(data, CONFIG, output).optFolds(2).optAudit(false)
                .build().run();
        first.writeTo(output);
        Files.delete(output.resolve(Protocol.REPORT_FILE));

        assertThatThrownBy(() -> CrossValidation.builder(data, CONFIG, output).optFolds(2).build().run())
                .isInstanceOfSatisfying(ExperimentException.class, e -> {
                    assertThat(e.reason()).isEqualTo(ExperimentException.Reason.UNREPORTED_RUN);
                    assertThat(e.details()).containsExactly("fold-1", "fold-2");
                    assertThat(e.getMessage()).contains("optResume(true)").doesNotContain("--");
                });
        assertThatThrownBy(() -> CrossValidation.builder(data, CONFIG, output).optFolds(3).optResume(true).build()
                .run()).isInstanceOfSatisfying(ExperimentException.class, e -> {
                    assertThat(e.reason()).isEqualTo(ExperimentException.Reason.OTHER_PLAN);
                    assertThat(e.differences()).containsExactly(
                            new ExperimentException.PlanDifference("folds", "2", "3"));
                });

        CrossValidationResult resumed = CrossValidation.builder(data, CONFIG, output).optFolds(2).optResume(true)
                .build().run();

        assertThat(resumed.report().perFold()).hasSize(2);
        for (int f = 0; f < 2; f++) {
            CrossValidationReport.FoldResult before = first.report().perFold().get(f);
            CrossValidationReport.FoldResult after = resumed.report().perFold().get(f);
            assertThat(after.history()).as("not trained again").isEqualTo(before.history());
            assertThat(after.trainingSeconds()).as("the recorded epochs' time").isEqualTo(
                    before.history().stream().mapToDouble(e -> e.seconds()).sum());
            assertThat(Json.gson().toJson(after.evaluation()))
                    .isEqualTo(Json.gson().toJson(before.evaluation()));
        }
    }

    @Test
    void aTrainTestRunReturnsItsResultWithWarningsAndSavesItsSplit() throws IOException {
        Path output = temp.resolve("train");
        Recorder recorder = new Recorder();

        TrainTestResult result = TrainTestExperiment.builder(data, CONFIG, output).optListener(recorder).build().run();

        assertThat(output.resolve("model/model.json")).isRegularFile();
        assertThat(result.report().split().testSize()).isEqualTo(6);
        assertThat(result.report().split().validationSize()).as("no target sensitivity: no validation part")
                .isZero();
        assertThat(result.warnings()).isEqualTo(recorder.warnings)
                .anySatisfy(w -> assertThat(w.message()).startsWith("Only 6 test images:"));
        assertThat(result.report().warnings()).isEqualTo(result.warnings().stream()
                .map(ExperimentWarning::message).toList());

        result.writeTo(output);

        assertThat(output.resolve(Protocol.REPORT_FILE)).hasContent(result.toJson());
        assertThat(output.resolve(Protocol.MARKDOWN_FILE)).hasContent(result.toMarkdown());
        for (String file : Protocol.TRAIN_TEST_RESULTS) {
            assertThat(output.resolve(file)).isRegularFile();
        }
        TrainTestSplit saved = SplitFile.readTrainTest(output.resolve(Protocol.SPLIT_FILE), data.dataset(),
                data.folder());
        assertThat(saved.test().samples()).containsExactlyElementsOf(result.split().test().samples());
    }

    @Test
    void aTargetSensitivityCarvesTheDefaultValidationPartFromTheTrainingPart() throws IOException {
        TrainTestResult result = TrainTestExperiment.builder(data, CONFIG, temp.resolve("threshold"))
                .optTargetSensitivity(0.9).optAudit(false).build().run();

        assertThat(result.report().split().validationSize()).isPositive();
        assertThat(result.report().split().trainSize() + result.report().split().validationSize())
                .isEqualTo(14);
        assertThat(result.outcome().onTest()).isNotNull();
        assertThat(result.toMarkdown()).contains("## Operating point chosen on validation data");
    }

    /** The data set with every image's source set, such as where a union of sets came from. */
    private static ExperimentData fromSource(ExperimentData of, String name, String source) {
        List<Sample> samples = of.dataset().samples().stream()
                .map(s -> new Sample(s.image(), s.label(), s.patientId(), s.view(), source)).toList();
        return new ExperimentData(of.folder(), of.dataset().withSamples(name, samples), of.skipped(), List.of());
    }

    @Test
    void theModelRecordsItsTrainingSourcesAndHeldOutFiguresAndEvaluateWarnsOnlyOnItsOwnSources()
            throws IOException {
        ExperimentData squares = fromSource(data, "squares", "squares-archive");
        Path output = temp.resolve("sources");
        TrainTestResult trained = TrainTestExperiment.builder(squares, CONFIG, output).optAudit(false).build().run();

        ModelManifest manifest = ModelDirectory.readManifest(output.resolve("model"));
        assertThat(manifest.provenance().trainingSources()).containsExactly(new SourceImages("squares-archive", 14,
                trained.split().train().countsPerClass()));
        RecordedEvaluation heldOut = manifest.heldOutTest();
        assertThat(heldOut.kind()).isEqualTo(RecordedEvaluation.Kind.HELD_OUT_TEST);
        assertThat(heldOut.images()).isEqualTo(6);
        assertThat(heldOut.positives() + heldOut.negatives()).isEqualTo(6);
        assertThat(heldOut.accuracy().value())
                .isEqualTo(trained.outcome().test().evaluation().accuracy().value());
        assertThat(heldOut.accuracy().ci95Lower())
                .isEqualTo(trained.outcome().test().evaluation().accuracy().wilson95().lower());
        assertThat(heldOut.auc().value()).isEqualTo(trained.scores().roc(heldOut.positiveClass()).auc());
        assertThat(heldOut.sources()).extracting(SourceImages::source).containsExactly("squares-archive");
        assertThat(trained.report().model()).isEqualTo(manifest);
        assertThat(trained.toJson()).contains("\"trainingSources\"").contains("\"heldOutTest\"");

        try (XrayClassifier classifier = XrayClassifier.load(output.resolve("model"))) {
            EvaluationResult same = ModelEvaluation.builder(classifier, squares).optAudit(false).build().run();
            assertThat(same.warnings()).filteredOn(w -> w.kind() == ExperimentWarning.Kind.IN_DISTRIBUTION_TEST)
                    .singleElement().satisfies(w -> assertThat(w.message())
                            .contains("Every one of the 20 images scored from data set 'squares' comes from a source"
                                    + " the model trained on (squares-archive): this is an in-distribution figure,"
                                    + " not a test on an unseen source.")
                            .endsWith(ExperimentWarning.TEST_AN_UNSEEN_SOURCE));

            // The held-out COVID-19 images (every normal image has the same content, so some were trained
            // on), relabelled: images the model never trained on, from a source it never saw.
            ExperimentData heldOutPart = new ExperimentData(data.folder(),
                    trained.split().test().filter(s -> s.label().equals("covid")), List.of(), List.of());
            ExperimentData elsewhere = fromSource(heldOutPart, "elsewhere", "another-hospital");
            EvaluationResult unseen = ModelEvaluation.builder(classifier, elsewhere).optAudit(false)
                    .optRecordInModel(true).build().run();
            EvaluationResult unknown = ModelEvaluation.builder(classifier, data).optAudit(false).build().run();
            assertThat(unseen.warnings()).noneMatch(w -> w.kind() == ExperimentWarning.Kind.IN_DISTRIBUTION_TEST);
            assertThat(unknown.warnings()).noneMatch(w -> w.kind() == ExperimentWarning.Kind.IN_DISTRIBUTION_TEST);

            assertThat(ModelDirectory.readManifest(output.resolve("model"))).isEqualTo(manifest);
            assertThat(ModelDirectory.appendedEvaluations(output.resolve("model"))).singleElement()
                    .satisfies(e -> {
                        assertThat(e.kind()).isEqualTo(RecordedEvaluation.Kind.LATER_TEST);
                        assertThat(e.datasetName()).isEqualTo("elsewhere");
                        assertThat(e.images()).isEqualTo(3);
                        assertThat(e.positives()).isEqualTo(3);
                        assertThat(e.sensitivity().value()).isEqualTo(unseen.evaluation().evaluation()
                                .sensitivity(e.positiveClass()).value());
                        assertThat(e.specificity().value()).as("no negatives").isNull();
                    });
        }
    }
}
