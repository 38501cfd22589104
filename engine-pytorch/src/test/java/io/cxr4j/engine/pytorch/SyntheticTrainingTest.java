package io.cxr4j.engine.pytorch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.cxr4j.core.engine.CxrEngine;
import io.cxr4j.core.data.Sample;
import io.cxr4j.core.data.XrayDataset;
import io.cxr4j.core.metrics.EvaluationReport;
import io.cxr4j.core.metrics.Evaluator;
import io.cxr4j.core.image.AugmentationSpec;
import io.cxr4j.core.image.PreprocessingSpec;
import io.cxr4j.core.image.ResizeMode;
import io.cxr4j.core.data.BatchPredictions;
import io.cxr4j.core.data.Prediction;
import io.cxr4j.core.inference.XrayClassifier;
import io.cxr4j.core.model.ModelManifest;
import io.cxr4j.core.model.ResealedModels;
import io.cxr4j.core.split.SplitStrategy;
import io.cxr4j.core.split.Splits;
import io.cxr4j.core.split.TrainTestSplit;
import io.cxr4j.core.config.TrainingConfig;
import io.cxr4j.core.training.TrainingRequest;
import io.cxr4j.core.training.TrainingResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Trains on synthetic images whose class is a bright square: learnable in a few seconds. */
class SyntheticTrainingTest {

    @TempDir
    static Path temp;

    private static TrainTestSplit split;
    private static TrainingResult result;
    private static Path unreadable;

    @BeforeAll
    static void train() throws IOException {
        List<Sample> samples = new ArrayList<>(SyntheticSquares.write(temp));
        unreadable = Files.writeString(temp.resolve("broken.png"), "this is not a PNG");
        samples.add(Sample.of(unreadable, "plain"));
        XrayDataset data = new XrayDataset("squares", List.of("square", "plain"), samples);
        split = Splits.trainTest(data, 0.25, 1, SplitStrategy.IMAGE);
        TrainingConfig config = TrainingConfig.builder()
                .optEpochs(8)
                .optBatchSize(8)
                .optPreprocessing(new PreprocessingSpec(32, 1, ResizeMode.STRETCH, 0f, 1f))
                .optAugmentation(AugmentationSpec.none())
                .build();
        result = CxrEngine.of(new PyTorchEngineProvider()).train(TrainingRequest.of(split.train(), split.test(), config,
                temp.resolve("run/model")));
    }

    @Test
    void weightsChangeAndTheModelLearns() {
        double firstLoss = result.history().epochs().get(0).trainLoss();
        double lastLoss = result.history().last().trainLoss();
        assertThat(result.history().epochs()).hasSize(8);
        assertThat(lastLoss).isLessThan(firstLoss * 0.5);
        assertThat(result.history().last().trainAccuracy()).isGreaterThanOrEqualTo(0.9);
    }

    @Test
    void aReloadedModelReproducesTheInMemoryPredictions() throws IOException {
        List<Prediction> inMemory = result.validationPredictions();
        assertThat(inMemory).isNotEmpty();
        try (XrayClassifier classifier = XrayClassifier.load(result.modelDirectory())) {
            BatchPredictions reloaded = classifier.predictAll(inMemory.stream().map(Prediction::image).toList());
            assertThat(reloaded.predictions()).hasSize(inMemory.size());
            for (int i = 0; i < inMemory.size(); i++) {
                for (int c = 0; c < 2; c++) {
                    assertThat(reloaded.predictions().get(i).probabilities().get(c))
                            .isCloseTo(inMemory.get(i).probabilities().get(c), within(1e-5));
                }
            }
        }
    }

    @Test
    void heldOutImagesAreClassifiedWell() throws IOException {
        try (XrayClassifier classifier = XrayClassifier.load(result.modelDirectory())) {
            EvaluationReport report = Evaluator.evaluate(classifier, split.test(), 4, n -> { });
            assertThat(report.evaluation().accuracy().value()).isGreaterThanOrEqualTo(0.9);
            assertThat(report.evaluation().testSize() + report.skipped().size()).isEqualTo(split.test().size());
        }
    }

    @Test
    void theModelDirectoryDescribesItself() throws IOException {
        ModelManifest manifest = result.manifest();
        assertThat(manifest.engine()).isEqualTo("pytorch");
        assertThat(manifest.architecture()).isEqualTo("darkcovidnet");
        assertThat(manifest.classNames()).containsExactly("square", "plain");
        assertThat(manifest.preprocessing().imageSize()).isEqualTo(32);
        assertThat(manifest.provenance().trainingImages()).isEqualTo(result.history().epochs().isEmpty() ? 0
                : split.train().size() - (int) result.skipped().stream()
                        .filter(s -> split.train().samples().stream().anyMatch(t -> t.image().equals(s.image())))
                        .count());
        assertThat(manifest.provenance().engineVersion()).startsWith("PyTorch 2.7");
        assertThat(result.modelDirectory().resolve(manifest.weightsFile())).isRegularFile();
        try (Stream<Path> checkpoints = Files.list(result.modelDirectory().resolveSibling("model.checkpoints"))) {
            assertThat(checkpoints.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder("darkcovidnet-0008.params", "darkcovidnet-0008.optimizer",
                            "checkpoint.json");
        }
    }

    @Test
    void theUnreadableImageIsReportedNotFatal() {
        assertThat(result.skipped()).extracting(s -> s.image()).containsExactly(unreadable);
        assertThat(result.skipped().get(0).reason()).contains("broken.png");
    }

    @Test
    void weightsThatDoNotFitAnEditedManifestFailAtLoadWithAMessage() throws IOException {
        Path otherSize = ResealedModels.copyWithPreprocessing(result.modelDirectory(), temp.resolve("other-size"),
                new PreprocessingSpec(64, 1, ResizeMode.STRETCH, 0f, 1f));
        assertThatThrownBy(() -> XrayClassifier.load(otherSize))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("cannot classify a blank image of the input its model.json describes (darkcovidnet, 2 classes, 64x64 input")
                .hasMessageContaining("retrain the model or restore the directory");
        Path moreClasses = ResealedModels.copyWithClasses(result.modelDirectory(), temp.resolve("more-classes"),
                List.of("square", "plain", "circle"));
        assertThatThrownBy(() -> XrayClassifier.load(moreClasses))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("3 classes")
                .hasMessageContaining("The network gives 2 outputs for 3 classes");
    }

    @Test
    void aManifestNamingAnotherArchitectureSaysWhichNetworkTheWeightsBelongTo() throws IOException {
        for (String other : List.of("seed-vgg", "darkcovidnet-gap")) {
            Path edited = ResealedModels.copyWithArchitecture(result.modelDirectory(), temp.resolve("arch-" + other),
                    other);
            assertThatThrownBy(() -> XrayClassifier.load(edited))
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining("its weights are those of a darkcovidnet network, but its model.json"
                            + " names the architecture " + other)
                    .hasMessageContaining("restore the model's original model.json");
        }
    }
}
