package io.cxr4j.engine.tensorflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.cxr4j.core.engine.CxrEngine;
import ai.djl.modality.Classifications;
import io.cxr4j.core.data.XrayDataset;
import io.cxr4j.core.engine.InferenceModel;
import io.cxr4j.core.image.AugmentationSpec;
import io.cxr4j.core.image.PreprocessingSpec;
import io.cxr4j.core.image.Preprocessor;
import io.cxr4j.core.image.ResizeMode;
import io.cxr4j.core.data.Prediction;
import io.cxr4j.core.inference.XrayClassifier;
import io.cxr4j.core.model.ModelDirectory;
import io.cxr4j.core.model.ModelManifest;
import io.cxr4j.core.model.ResealedModels;
import io.cxr4j.core.training.EpochResult;
import io.cxr4j.core.config.LearningRateSchedule;
import io.cxr4j.core.training.TrainingCheckpoint;
import io.cxr4j.core.config.TrainingConfig;
import io.cxr4j.core.training.TrainingRequest;
import io.cxr4j.core.training.TrainingResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainingRoundTripTest {

    @TempDir
    Path temp;

    @Test
    void darkCovidNetLearnsAndTheReloadedSavedModelReproducesValidationPredictions() throws Exception {
        XrayDataset train = SyntheticXrays.write(temp, "train", 12, 1);
        XrayDataset validation = SyntheticXrays.write(temp, "validation", 4, 2);
        TrainingConfig config = TrainingConfig.builder()
                .optEpochs(6)
                .optBatchSize(8)
                .optPreprocessing(new PreprocessingSpec(64, 1, ResizeMode.STRETCH, 0f, 1f))
                .optAugmentation(AugmentationSpec.none())
                .build();
        Path modelDir = temp.resolve("model");

        TrainingResult result = CxrEngine.of(new TensorFlowEngineProvider()).train(TrainingRequest.of(train, validation, config, modelDir));

        List<EpochResult> epochs = result.history().epochs();
        assertThat(epochs).hasSize(6);
        assertThat(epochs.get(5).trainLoss()).isLessThan(epochs.get(0).trainLoss());
        assertThat(epochs).allSatisfy(e -> assertThat(e.validationAccuracy()).isBetween(0.0, 1.0));

        ModelManifest manifest = ModelDirectory.readManifest(modelDir);
        assertThat(manifest.engine()).isEqualTo("tensorflow");
        assertThat(manifest.weightsFile()).isEqualTo("savedmodel/saved_model.pb");
        assertThat(manifest.provenance().engineVersion()).startsWith("TensorFlow 2.16");
        assertThat(Files.list(modelDir.resolveSibling("model.checkpoints")).map(p -> p.getFileName().toString())
                .filter(name -> !name.equals(TrainingCheckpoint.FILE)))
                .isNotEmpty()
                .allSatisfy(name -> assertThat(name).startsWith("darkcovidnet-0006."));
        assertThat(TrainingCheckpoint.read(modelDir.resolveSibling("model.checkpoints"))).hasValueSatisfying(c -> {
            assertThat(c.epoch()).isEqualTo(6);
            assertThat(c.weightsFile()).isEqualTo("darkcovidnet-0006.index");
            assertThat(c.history()).isEqualTo(epochs);
        });

        assertReloadReproduces(manifest, modelDir, validation, result.validationPredictions());

        Path otherSize = ResealedModels.copyWithPreprocessing(modelDir, temp.resolve("other-size"),
                new PreprocessingSpec(96, 1, ResizeMode.STRETCH, 0f, 1f));
        assertThatThrownBy(() -> XrayClassifier.load(otherSize))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("into a darkcovidnet network for 2 classes and 96x96 images")
                .hasMessageContaining("retrain the model or restore the directory");
        for (String other : List.of("seed-vgg", "darkcovidnet-gap")) {
            Path edited = ResealedModels.copyWithArchitecture(modelDir, temp.resolve("arch-" + other), other);
            assertThatThrownBy(() -> XrayClassifier.load(edited))
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining("its weights are those of a darkcovidnet network, but its model.json"
                            + " names the architecture " + other)
                    .hasMessageContaining("restore the model's original model.json");
        }
    }

    @Test
    void seedVggWithDropoutAndCosineScheduleReloadsToTheSamePredictions() throws Exception {
        XrayDataset train = SyntheticXrays.write(temp, "train", 4, 3);
        XrayDataset validation = SyntheticXrays.write(temp, "validation", 2, 4);
        TrainingConfig config = TrainingConfig.builder()
                .optArchitecture("seed-vgg")
                .optEpochs(2)
                .optBatchSize(4)
                .optSchedule(LearningRateSchedule.COSINE)
                .optWeightDecay(1e-4)
                .optPreprocessing(new PreprocessingSpec(128, 1, ResizeMode.STRETCH, 0f, 1f))
                .build();
        Path modelDir = temp.resolve("vgg");

        TrainingResult result = CxrEngine.of(new TensorFlowEngineProvider()).train(TrainingRequest.of(train, validation, config, modelDir));

        assertThat(result.history().epochs()).hasSize(2)
                .allSatisfy(e -> assertThat(e.trainLoss()).isFinite());
        assertReloadReproduces(ModelDirectory.readManifest(modelDir), modelDir, validation,
                result.validationPredictions());
    }

    @Test
    void sameSeedTrainsTheSameModelAndAnotherSeedAnother() throws Exception {
        XrayDataset train = SyntheticXrays.write(temp, "train", 4, 5);
        TrainingConfig.Builder config = TrainingConfig.builder()
                .optEpochs(1)
                .optBatchSize(4)
                .optPreprocessing(new PreprocessingSpec(32, 1, ResizeMode.STRETCH, 0f, 1f));
        List<float[]> first = probabilities(train, config.optSeed(42).build(), "first");
        List<float[]> second = probabilities(train, config.optSeed(42).build(), "second");
        List<float[]> otherSeed = probabilities(train, config.optSeed(43).build(), "other-seed");

        assertThat(first).hasSize(train.size());
        assertThat(second).hasSize(train.size());
        for (int i = 0; i < first.size(); i++) {
            assertThat(second.get(i)).containsExactly(first.get(i), within(1e-5f));
        }
        assertThat(maxDifference(first, otherSeed)).as("another seed draws other weights").isGreaterThan(1e-4f);
    }

    private List<float[]> probabilities(XrayDataset train, TrainingConfig config, String folder) throws IOException {
        return CxrEngine.of(new TensorFlowEngineProvider()).train(TrainingRequest.of(train, train, config, temp.resolve(folder)))
                .validationPredictions().stream().map(Prediction::probabilityArray).toList();
    }

    private static float maxDifference(List<float[]> a, List<float[]> b) {
        float max = 0;
        for (int i = 0; i < a.size(); i++) {
            for (int c = 0; c < a.get(i).length; c++) {
                max = Math.max(max, Math.abs(a.get(i)[c] - b.get(i)[c]));
            }
        }
        return max;
    }

    static void assertReloadReproduces(ModelManifest manifest, Path modelDir, XrayDataset validation,
            List<Prediction> inMemory) throws Exception {
        assertThat(inMemory).hasSize(validation.size());
        Preprocessor preprocessor = new Preprocessor(manifest.preprocessing());
        List<float[]> tensors = new ArrayList<>();
        for (Prediction p : inMemory) {
            tensors.add(preprocessor.preprocess(p.image()));
        }
        try (InferenceModel model = CxrEngine.of(new TensorFlowEngineProvider()).load(manifest, modelDir)) {
            List<Classifications> reloaded = model.classify(tensors);
            for (int i = 0; i < inMemory.size(); i++) {
                float[] expected = inMemory.get(i).probabilityArray();
                float[] actual = Prediction.of(inMemory.get(i).image(), reloaded.get(i)).probabilityArray();
                assertThat(actual).as("image %s", inMemory.get(i).image()).containsExactly(expected, within(1e-5f));
                assertThat(Stream.of(reloaded.get(i).getProbabilities().toArray(new Double[0]))
                        .mapToDouble(Double::doubleValue).sum()).isCloseTo(1.0, within(1e-5));
            }
        }
    }
}
