package io.cxr4j.engine.tensorflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import io.cxr4j.core.data.XrayDataset;
import io.cxr4j.core.engine.CxrEngine;
import io.cxr4j.core.engine.Engines;
import io.cxr4j.core.image.AugmentationSpec;
import io.cxr4j.core.image.PreprocessingSpec;
import io.cxr4j.core.image.ResizeMode;
import io.cxr4j.core.data.BatchPredictions;
import io.cxr4j.core.data.Prediction;
import io.cxr4j.core.inference.XrayClassifier;
import io.cxr4j.core.config.TrainingConfig;
import io.cxr4j.core.training.TrainingRequest;
import io.cxr4j.core.training.TrainingResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With only this engine on the classpath, the engine-independent API trains and predicts with
 * TensorFlow without naming it, and a loaded model serves several threads at once.
 */
class ClasspathSwapTest {

    @TempDir
    Path temp;

    @Test
    void trainsAndPredictsWithoutAnyEngineFlagAndServesConcurrentCallers() throws Exception {
        assertThat(Engines.discover().available()).as("only the TensorFlow engine is on this classpath")
                .hasSize(1);
        XrayDataset train = SyntheticXrays.write(temp, "train", 4, 7);
        TrainingConfig config = TrainingConfig.builder()
                .optEpochs(1)
                .optBatchSize(4)
                .optPreprocessing(new PreprocessingSpec(32, 1, ResizeMode.STRETCH, 0f, 1f))
                .optAugmentation(AugmentationSpec.none())
                .build();
        CxrEngine engine = Engines.select();
        TrainingResult result = engine.train(TrainingRequest.of(train, train, config, temp.resolve("model")));
        assertThat(result.manifest().engine()).isEqualTo("tensorflow");

        List<Path> images = train.samples().stream().map(s -> s.image()).toList();
        try (XrayClassifier classifier = XrayClassifier.load(result.modelDirectory())) {
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                List<Future<BatchPredictions>> calls = new ArrayList<>();
                for (int i = 0; i < 8; i++) {
                    calls.add(pool.submit(() -> classifier.predictAll(images, 3)));
                }
                for (Future<BatchPredictions> call : calls) {
                    List<Prediction> predictions = call.get().predictions();
                    assertThat(predictions).hasSize(images.size());
                    for (int i = 0; i < predictions.size(); i++) {
                        assertThat(predictions.get(i).probabilityArray()).containsExactly(
                                result.validationPredictions().get(i).probabilityArray(), within(1e-5f));
                    }
                }
            } finally {
                pool.shutdownNow();
            }
        }
    }
}
