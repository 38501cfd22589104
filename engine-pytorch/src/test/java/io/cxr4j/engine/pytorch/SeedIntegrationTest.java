package io.cxr4j.engine.pytorch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.cxr4j.core.engine.CxrEngine;
import io.cxr4j.core.data.XrayDataset;
import io.cxr4j.core.metrics.EvaluationReport;
import io.cxr4j.core.metrics.Evaluator;
import io.cxr4j.core.image.PreprocessingSpec;
import io.cxr4j.core.image.ResizeMode;
import io.cxr4j.core.data.BatchPredictions;
import io.cxr4j.core.data.Prediction;
import io.cxr4j.core.inference.XrayClassifier;
import io.cxr4j.core.split.SplitStrategy;
import io.cxr4j.core.split.Splits;
import io.cxr4j.core.split.TrainTestSplit;
import io.cxr4j.core.testing.SharedData;
import io.cxr4j.core.config.TrainingConfig;
import io.cxr4j.core.training.TrainingRequest;
import io.cxr4j.core.training.TrainingResult;
import io.cxr4j.dataset.DatasetRegistry;
import io.cxr4j.dataset.LabelMap;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Trains a few epochs on the real seed images, then serves the saved model in a fresh classifier. */
class SeedIntegrationTest {

    @TempDir
    Path temp;

    @Test
    void trainSaveReloadAndPredictOnTheRealSeedSet() throws IOException {
        SharedData.require("seed");
        XrayDataset seed = DatasetRegistry.create().load("seed", LabelMap.binary()).dataset();
        assertThat(seed.countsPerClass()).containsEntry("covid", 25).containsEntry("normal", 25);
        TrainTestSplit split = Splits.trainTest(seed, 0.3, 42, SplitStrategy.PATIENT);
        assertThat(split.sharedPatients()).isEmpty();

        // This checks the train-save-reload path, not learning: stretched images carry the sources'
        // aspect-ratio cue, which the network picks up within ten epochs (centre-cropped ones take
        // longer), so the responsiveness check below is quick and stable.
        TrainingConfig config = TrainingConfig.builder().optEpochs(10)
                .optPreprocessing(new PreprocessingSpec(224, 1, ResizeMode.STRETCH, 0f, 1f)).build();
        TrainingResult result = CxrEngine.of(new PyTorchEngineProvider()).train(
                TrainingRequest.of(split.train(), split.test(), config, temp.resolve("model")));

        assertThat(result.skipped()).isEmpty();
        assertThat(result.history().last().trainLoss()).isLessThan(result.history().epochs().get(0).trainLoss());
        List<Prediction> inMemory = result.validationPredictions();
        assertThat(inMemory).hasSize(split.test().size());
        double spread = inMemory.stream().mapToDouble(p -> p.probability("covid")).max().orElseThrow()
                - inMemory.stream().mapToDouble(p -> p.probability("covid")).min().orElseThrow();
        assertThat(spread).as("the trained network must respond to its input").isGreaterThan(0.05);

        try (XrayClassifier classifier = XrayClassifier.load(temp.resolve("model"))) {
            BatchPredictions reloaded = classifier.predictAll(inMemory.stream().map(Prediction::image).toList());
            assertThat(reloaded.skipped()).isEmpty();
            for (int i = 0; i < inMemory.size(); i++) {
                assertThat(reloaded.predictions().get(i).image()).isEqualTo(inMemory.get(i).image());
                assertThat(reloaded.predictions().get(i).probability("covid"))
                        .isCloseTo(inMemory.get(i).probability("covid"), within(1e-5));
            }
            EvaluationReport report = Evaluator.evaluate(classifier, split.test(), 8, n -> { });
            assertThat(report.evaluation().testSize()).isEqualTo(15);
            assertThat(report.evaluation().accuracy().trials()).isEqualTo(15);
        }
    }
}
