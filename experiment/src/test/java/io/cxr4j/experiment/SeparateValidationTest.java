package io.cxr4j.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cxr4j.core.config.TrainingConfig;
import io.cxr4j.core.image.AugmentationSpec;
import io.cxr4j.core.image.PreprocessingSpec;
import io.cxr4j.core.image.ResizeMode;
import io.cxr4j.core.inference.XrayClassifier;
import io.cxr4j.core.model.ChosenThreshold;
import io.cxr4j.core.model.ModelDirectory;
import io.cxr4j.core.testing.SyntheticImages;
import io.cxr4j.dataset.DatasetRegistry;
import io.cxr4j.dataset.FolderDataset;
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
 * Validation data apart from the training data: a train/test run chooses its threshold on it, the
 * model records where the threshold came from, an evaluation reports that threshold and warns on
 * its sources, and validation data that repeats training images or lacks the positive class is
 * refused before training.
 */
class SeparateValidationTest {

    @TempDir
    static Path temp;

    private static ExperimentData training;

    private static final TrainingConfig CONFIG = TrainingConfig.builder().optEpochs(1).optBatchSize(8)
            .optPreprocessing(new PreprocessingSpec(32, 1, ResizeMode.CENTER_CROP, 0f, 1f))
            .optAugmentation(AugmentationSpec.none()).build();

    @BeforeAll
    static void squaresAndNoise() throws IOException {
        Path folder = SyntheticImages.squaresAndNoise(temp.resolve("xrays"), 10, 5);
        training = ExperimentData.of(DatasetRegistry.create().load(folder, LabelMap.binary()));
    }

    /**
     * A folder of one class whose images are unlike the training images (noise textures with a
     * bright square), each recorded with the given source.
     */
    private static ExperimentData otherHospital(String name, String label, int images, String source)
            throws IOException {
        Path folder = temp.resolve(name);
        List<String> rows = new ArrayList<>(List.of("path,label,patient_id,view,source,note"));
        for (int i = 0; i < images; i++) {
            SyntheticImages.SampleFunction noise = SyntheticImages.noise(1000 + i);
            int corner = 4 + 5 * i;
            SyntheticImages.writePng(SyntheticImages.gray8(64, 64, (x, y, b) -> x >= corner && x < corner + 20
                    && y >= 10 && y < 30 ? 240 : noise.sample(x, y, 0) / 3), Files.createDirectories(
                            folder.resolve(label)).resolve("v" + i + ".png"));
            rows.add(label + "/v" + i + ".png," + label + ",p" + i + ",PA," + source + ",");
        }
        Files.write(folder.resolve("metadata.csv"), rows);
        return oneClassFolder(folder);
    }

    private static ExperimentData oneClassFolder(Path folder) throws IOException {
        return ExperimentData.of(FolderDataset.builder().setFolder(folder).optLabelMap(LabelMap.binary())
                .optMissingClassesAllowed(true).build());
    }

    @Test
    void theThresholdIsChosenOnTheOtherSourceAndTheModelSaysSo() throws IOException {
        ExperimentData validation = otherHospital("hospital-b", "covid", 6, "hospital B");
        Path output = temp.resolve("run");
        List<ExperimentWarning> warnings = new ArrayList<>();
        List<String> given = new ArrayList<>();

        TrainTestResult result = TrainTestExperiment.builder(training, CONFIG, output).optAudit(false)
                .optValidationData(validation).optTargetSensitivity(0.8)
                .optListener(new ExperimentListener() {
                    @Override
                    public void warning(ExperimentWarning warning) {
                        warnings.add(warning);
                    }

                    @Override
                    public void validationGiven(io.cxr4j.core.data.XrayDataset data) {
                        given.add(data.name() + " " + data.size());
                    }
                }).build().run();

        assertThat(given).containsExactly("hospital-b 6");
        assertThat(warnings).filteredOn(w -> w.kind() == ExperimentWarning.Kind.VALIDATION_DATA)
                .singleElement().satisfies(w -> assertThat(w.message()).contains("has no [normal] images"));
        RunReport report = result.report();
        assertThat(report.split().validationSize()).isEqualTo(6);
        assertThat(report.split().trainSize()).as("no part carved from training")
                .isEqualTo(training.dataset().size() - report.split().testSize());
        ChosenThreshold chosen = report.operatingPoint().chosenOn();
        assertThat(chosen.validationData()).isEqualTo("hospital-b");
        assertThat(chosen.carvedFromTraining()).isFalse();
        assertThat(chosen.trainingSourcesAmong()).isEmpty();
        assertThat(chosen.fromUnseenSources()).isTrue();
        assertThat(chosen.validationSources()).singleElement()
                .satisfies(s -> assertThat(s.source()).isEqualTo("hospital B"));
        // 5 of 6 is the least that reaches 0.8; without normal images there is no specificity.
        assertThat(report.operatingPoint().validation().sensitivity().successes()).isGreaterThanOrEqualTo(5);
        assertThat(chosen.validationSensitivity().value()).isGreaterThanOrEqualTo(5 / 6.0 - 1e-9);
        assertThat(chosen.validationSpecificity().value()).isNull();
        assertThat(chosen.threshold()).isEqualTo(report.operatingPoint().test().threshold());
        assertThat(ModelDirectory.readManifest(output.resolve("model")).chosenThreshold()).isEqualTo(chosen);
        assertThat(result.toMarkdown()).contains("chosen on 'hospital-b' (6 images; hospital B 6), separate"
                + " validation data of sources the model never trained on");

        try (XrayClassifier classifier = XrayClassifier.load(output.resolve("model"))) {
            EvaluationResult evaluation = ModelEvaluation.builder(classifier, validation).optAudit(false).build()
                    .run();
            RunReport.OperatingPoints atThreshold = evaluation.report().operatingPoint();
            assertThat(atThreshold.chosenOn()).isEqualTo(chosen);
            assertThat(atThreshold.validation()).isNull();
            assertThat(atThreshold.test()).isEqualTo(evaluation.scores().at("covid", chosen.threshold()));
            assertThat(evaluation.warnings()).anySatisfy(w -> {
                assertThat(w.kind()).isEqualTo(ExperimentWarning.Kind.THRESHOLD_SOURCE);
                assertThat(w.message()).startsWith("6 of the 6 images scored from data set 'hospital-b' come from"
                        + " [hospital B], on which the model's threshold was chosen");
            });
        }
    }

    @Test
    void validationDataWithoutThePositiveClassCannotSetASensitivityTarget() throws IOException {
        ExperimentData normals = otherHospital("normals-only", "normal", 4, "hospital C");

        assertThatThrownBy(() -> TrainTestExperiment.builder(training, CONFIG, temp.resolve("no-covid"))
                .optAudit(false).optValidationData(normals).optTargetSensitivity(0.9).build().run())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Validation data 'normals-only' has no covid images, so no threshold can be"
                        + " chosen on it for a target sensitivity")
                .hasMessageContaining("specificity target only");
        assertThat(temp.resolve("no-covid").resolve("model")).doesNotExist();
    }

    @Test
    void validationDataThatRepeatsTrainingImagesIsRefused() throws IOException {
        Path copies = Files.createDirectories(temp.resolve("copies").resolve("covid"));
        for (int i = 0; i < 3; i++) {
            Files.copy(training.folder().resolve("covid").resolve("c" + i + ".png"), copies.resolve("copy" + i + ".png"));
        }
        ExperimentData repeated = oneClassFolder(copies.getParent());

        assertThatThrownBy(() -> TrainTestExperiment.builder(training, CONFIG, temp.resolve("repeated"))
                .optAudit(false).optValidationData(repeated).build().run())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("validation image(s) of 'copies' repeat images of 'xrays' (byte-identical");
        assertThat(temp.resolve("repeated").resolve("model")).doesNotExist();
    }
}
