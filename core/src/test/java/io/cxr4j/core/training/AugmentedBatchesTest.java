package io.cxr4j.core.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cxr4j.core.data.Sample;
import io.cxr4j.core.image.AugmentationSpec;
import io.cxr4j.core.image.GrayImage;
import io.cxr4j.core.image.PreprocessingSpec;
import io.cxr4j.core.image.Preprocessor;
import io.cxr4j.core.image.ResizeMode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AugmentedBatchesTest {

    private static final PreprocessingSpec SPEC = new PreprocessingSpec(16, 1, ResizeMode.STRETCH, 0f, 1f);

    private static PreparedImages images(int n) {
        List<PreparedImages.LabelledImage> images = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            float[] pixels = new float[16 * 16];
            for (int p = 0; p < pixels.length; p++) {
                pixels[p] = ((p * 31 + i * 17) % 97) / 96f;
            }
            images.add(new PreparedImages.LabelledImage(Sample.of(Path.of("img" + i + ".png"), "c" + i % 2),
                    new GrayImage(16, 16, pixels), i % 2));
        }
        return new PreparedImages(images, List.of());
    }

    private static List<AugmentedBatches.Batch> epoch(AugmentedBatches batches) {
        List<AugmentedBatches.Batch> all = new ArrayList<>();
        batches.nextEpoch().forEach(all::add);
        return all;
    }

    @Test
    void validationBatchesKeepOrderAndCoverEveryImageOnce() {
        AugmentedBatches batches = new AugmentedBatches(images(10), new Preprocessor(SPEC),
                AugmentationSpec.defaults(), 4, 42, false);
        List<AugmentedBatches.Batch> epoch = epoch(batches);
        assertThat(batches.batchesPerEpoch()).isEqualTo(3);
        assertThat(epoch).extracting(AugmentedBatches.Batch::size).containsExactly(4, 4, 2);
        assertThat(epoch.stream().flatMap(b -> b.indices().stream()).toList())
                .containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
        assertThat(epoch.get(2).classIndices()).containsExactly(0, 1);
        assertThat(epoch.get(0).data()).hasSize(4 * SPEC.tensorLength());
    }

    @Test
    void trainingEpochsAreSeededAndDifferFromEachOther() {
        List<AugmentedBatches.Batch> first = epoch(new AugmentedBatches(images(10), new Preprocessor(SPEC),
                AugmentationSpec.defaults(), 4, 42, true));
        AugmentedBatches again = new AugmentedBatches(images(10), new Preprocessor(SPEC),
                AugmentationSpec.defaults(), 4, 42, true);
        List<AugmentedBatches.Batch> repeated = epoch(again);
        List<AugmentedBatches.Batch> next = epoch(again);
        for (int i = 0; i < first.size(); i++) {
            assertThat(repeated.get(i).indices()).isEqualTo(first.get(i).indices());
            assertThat(repeated.get(i).data()).containsExactly(first.get(i).data());
        }
        assertThat(next.stream().flatMap(b -> b.indices().stream()).toList())
                .containsExactlyInAnyOrderElementsOf(first.stream().flatMap(b -> b.indices().stream()).toList())
                .isNotEqualTo(first.stream().flatMap(b -> b.indices().stream()).toList());
    }

    @Test
    void aSingleLastTrainingImageJoinsTheBatchBefore() {
        AugmentedBatches training = new AugmentedBatches(images(9), new Preprocessor(SPEC),
                AugmentationSpec.defaults(), 4, 42, true);
        List<AugmentedBatches.Batch> epoch = epoch(training);
        assertThat(training.batchesPerEpoch()).isEqualTo(2);
        assertThat(epoch).extracting(AugmentedBatches.Batch::size).containsExactly(4, 5);
        assertThat(epoch.stream().flatMap(b -> b.indices().stream()).toList())
                .containsExactlyInAnyOrder(0, 1, 2, 3, 4, 5, 6, 7, 8);

        AugmentedBatches validation = new AugmentedBatches(images(9), new Preprocessor(SPEC),
                AugmentationSpec.defaults(), 4, 42, false);
        assertThat(epoch(validation)).as("scoring has no such limit").extracting(AugmentedBatches.Batch::size)
                .containsExactly(4, 4, 1);
        assertThat(epoch(new AugmentedBatches(images(1), new Preprocessor(SPEC), AugmentationSpec.defaults(), 4,
                42, true))).extracting(AugmentedBatches.Batch::size).containsExactly(1);
    }

    @Test
    void precomputedBatchesKeepTheShufflesAndCutsAndComputeEachImageOnce() {
        AugmentedBatches images = new AugmentedBatches(images(9), new Preprocessor(SPEC), AugmentationSpec.none(), 4,
                42, true);
        images.skipEpochs(1);
        List<Integer> computed = new ArrayList<>();
        // Row of image i: (i, first pixel of its tensor), so the test sees which image fed which row.
        AugmentedBatches rows = images.precomputed(batch -> {
            computed.addAll(batch.indices());
            float[] values = new float[batch.size() * 2];
            for (int i = 0; i < batch.size(); i++) {
                values[2 * i] = batch.indices().get(i);
                values[2 * i + 1] = batch.data()[i * SPEC.tensorLength()];
            }
            return values;
        });
        assertThat(computed).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8);
        assertThat(rows.tensorShape()).containsExactly(2L);
        assertThat(images.tensorShape()).containsExactly(1L, 16L, 16L);
        for (int e = 0; e < 2; e++) {
            List<AugmentedBatches.Batch> expected = epoch(images);
            List<AugmentedBatches.Batch> actual = epoch(rows);
            assertThat(actual).extracting(AugmentedBatches.Batch::indices)
                    .containsExactlyElementsOf(expected.stream().map(AugmentedBatches.Batch::indices).toList());
            for (int b = 0; b < expected.size(); b++) {
                AugmentedBatches.Batch batch = expected.get(b);
                assertThat(actual.get(b).classIndices()).containsExactly(batch.classIndices());
                for (int i = 0; i < batch.size(); i++) {
                    assertThat(actual.get(b).data()[2 * i]).isEqualTo((float) batch.indices().get(i));
                    assertThat(actual.get(b).data()[2 * i + 1]).isEqualTo(batch.data()[i * SPEC.tensorLength()]);
                }
            }
        }
        assertThat(computed).hasSize(9);
    }

    @Test
    void precomputedTensorsAreRefusedForAugmentedTrainingBatches() {
        AugmentedBatches augmented = new AugmentedBatches(images(4), new Preprocessor(SPEC),
                AugmentationSpec.defaults(), 2, 42, true);
        assertThatThrownBy(() -> augmented.precomputed(b -> b.data()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("without augmentation");
    }
}
