package io.cxr4j.core.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.modality.Classifications;
import io.cxr4j.core.data.BatchPredictions;
import io.cxr4j.core.data.Prediction;
import io.cxr4j.core.data.Sample;
import io.cxr4j.core.data.XrayDataset;
import io.cxr4j.core.engine.CxrEngine;
import io.cxr4j.core.engine.FakeEngine;
import io.cxr4j.core.engine.InferenceModel;
import io.cxr4j.core.image.ImageDecodeException;
import io.cxr4j.core.image.ResizeMode;
import io.cxr4j.core.metrics.EvaluationReport;
import io.cxr4j.core.metrics.Evaluator;
import io.cxr4j.core.testing.FakeModels;
import io.cxr4j.core.testing.SyntheticImages;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Batch prediction hands over each batch with its position, unreadable images skipped in it. */
class XrayClassifierBatchesTest {

    @TempDir
    Path temp;

    /** Says covid with 0.9 for every image; records the size of every engine call. */
    static class CountingModel implements InferenceModel {
        final List<Integer> batchSizes = new ArrayList<>();

        @Override
        public List<Classifications> classify(List<float[]> tensors) {
            batchSizes.add(tensors.size());
            return tensors.stream().map(t -> new Classifications(List.of("covid", "normal"), List.of(0.9, 0.1)))
                    .toList();
        }

        @Override
        public void close() {}
    }

    @Test
    void eachBatchComesWithItsFirstIndexAndItsOwnSkippedImages() throws IOException {
        List<Path> images = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            images.add(SyntheticImages.writeGrayPng(temp.resolve("i" + i + ".png"), 40, 40));
        }
        images.set(4, Files.writeString(temp.resolve("broken.png"), "not a PNG"));
        CountingModel engineModel = new CountingModel();
        try (XrayClassifier classifier = XrayClassifier.load(FakeModels.directory(temp.resolve("model"),
                ResizeMode.STRETCH), FakeModels.engine(engineModel))) {
            engineModel.batchSizes.clear(); // the load's one-image check
            List<Integer> firsts = new ArrayList<>();
            List<BatchPredictions> batches = new ArrayList<>();
            classifier.predictInBatches(images, 3, (first, batch) -> {
                firsts.add(first);
                batches.add(batch);
            });

            assertThat(firsts).containsExactly(0, 3, 6);
            assertThat(engineModel.batchSizes).containsExactly(3, 2, 1);
            assertThat(batches.get(1).predictions()).extracting(Prediction::image)
                    .containsExactly(images.get(3), images.get(5));
            assertThat(batches.get(1).skipped()).extracting(s -> s.image()).containsExactly(images.get(4));
            assertThat(batches.get(1).skipped().get(0).kind()).isEqualTo(ImageDecodeException.Reason.NOT_AN_IMAGE);
            assertThat(batches.get(0).skipped()).isEmpty();

            BatchPredictions all = classifier.predictAll(images, 3);
            assertThat(all.predictions()).hasSize(6);
            assertThat(all.skipped()).hasSize(1);
            assertThatThrownBy(() -> classifier.predictInBatches(images, 0, (first, batch) -> { }))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 1, was 0");
        }
    }

    @Test
    void evaluationMatchesEachPredictionWithItsOwnLabelAcrossBatches() throws IOException {
        List<Sample> samples = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            samples.add(Sample.of(SyntheticImages.writeGrayPng(temp.resolve("c" + i + ".png"), 40, 40), "covid"));
        }
        samples.add(2, Sample.of(Files.writeString(temp.resolve("broken.png"), "not a PNG"), "normal"));
        XrayDataset data = new XrayDataset("synthetic", List.of("covid", "normal"), samples);
        try (XrayClassifier classifier = XrayClassifier.load(FakeModels.directory(temp.resolve("model"),
                ResizeMode.STRETCH), FakeModels.engine(new CountingModel()))) {
            List<Integer> progress = new ArrayList<>();
            EvaluationReport report = Evaluator.evaluate(classifier, data, 4, progress::add);

            assertThat(progress).containsExactly(4, 6);
            assertThat(report.skipped()).extracting(s -> s.image()).containsExactly(samples.get(2).image());
            assertThat(report.evaluation().testSize()).isEqualTo(5);
        }
    }

    @Test
    void aFileListedTwiceWithTwoLabelsCountsOnceForEachWhateverTheBatchSize() throws IOException {
        Path same = SyntheticImages.writeGrayPng(temp.resolve("same.png"), 40, 40);
        XrayDataset data = new XrayDataset("twice", List.of("covid", "normal"),
                List.of(Sample.of(same, "covid"), Sample.of(same, "normal")));
        try (XrayClassifier classifier = XrayClassifier.load(FakeModels.directory(temp.resolve("model"),
                ResizeMode.STRETCH), FakeModels.engine(new CountingModel()))) {
            for (int batchSize : new int[] {1, 2}) {
                EvaluationReport report = Evaluator.evaluate(classifier, data, batchSize, done -> { });
                assertThat(report.evaluation().accuracy().successes()).as("batch size %d", batchSize).isEqualTo(1);
            }
        }
    }

    @Test
    void anotherEnginesModelIsRefusedInApiTerms() throws IOException {
        Path model = FakeModels.directory(temp.resolve("other-engine"), ResizeMode.STRETCH);
        CxrEngine other = CxrEngine.of(new FakeEngine() {
            @Override
            public String name() {
                return "other";
            }
        });
        assertThatThrownBy(() -> XrayClassifier.load(model, other))
                .isInstanceOfSatisfying(ModelEngineMismatchException.class, e -> {
                    assertThat(e.modelEngine()).isEqualTo("fake");
                    assertThat(e.requestedEngine()).isEqualTo("other");
                })
                .hasMessageContaining("written by engine 'fake', not 'other'")
                .hasMessageContaining("ModelConverter.convert (target engine 'other')")
                .hasMessageNotContaining("--");
    }
}
