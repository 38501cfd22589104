package io.cxr4j.engine.tensorflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.cxr4j.core.engine.CxrEngine;
import io.cxr4j.core.data.XrayDataset;
import io.cxr4j.core.model.ModelDirectory;
import io.cxr4j.core.split.SplitStrategy;
import io.cxr4j.core.split.Splits;
import io.cxr4j.core.split.TrainTestSplit;
import io.cxr4j.core.config.TrainingConfig;
import io.cxr4j.core.training.TrainingRequest;
import io.cxr4j.core.training.TrainingResult;
import io.cxr4j.dataset.DatasetRegistry;
import io.cxr4j.dataset.LabelMap;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Trains on the real seed images with the foundation's split and input, for a few epochs to keep
 * the build short, and checks that the exported SavedModel reproduces the in-memory predictions
 * on real X-rays. Fails on CI (CI=true) without the data; skips elsewhere.
 */
class SeedDatasetTest {

    @TempDir
    Path temp;

    @Test
    void trainsOnSeedAndTheSavedModelReproducesTheTestPredictions() throws Exception {
        String dataDir = System.getenv("CXR4J_DATA_DIR");
        boolean present = dataDir != null && Files.isDirectory(Path.of(dataDir, "seed"));
        if (!present) {
            String message = "The seed data set is missing: set CXR4J_DATA_DIR to the folder holding seed/"
                    + " (locally /work/shared/datasets)";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail(message);
            }
            assumeTrue(false, message);
        }
        XrayDataset seed = DatasetRegistry.create().load("seed", LabelMap.binary()).dataset();
        TrainTestSplit split = Splits.trainTest(seed, 0.3, 42, SplitStrategy.PATIENT);
        TrainingConfig config = TrainingConfig.builder().optEpochs(3).build();
        Path modelDir = temp.resolve("seed-tf");

        TrainingResult result = CxrEngine.of(new TensorFlowEngineProvider()).train(
                TrainingRequest.of(split.train(), split.test(), config, modelDir));

        assertThat(result.history().epochs()).hasSize(3)
                .allSatisfy(e -> assertThat(e.trainLoss()).isFinite());
        assertThat(result.validationPredictions()).hasSize(split.test().size());
        TrainingRoundTripTest.assertReloadReproduces(ModelDirectory.readManifest(modelDir), modelDir,
                split.test(), result.validationPredictions());
    }
}
