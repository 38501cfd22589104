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
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SourceBalancedDrawsTest {

    private static final PreprocessingSpec SPEC = new PreprocessingSpec(16, 1, ResizeMode.STRETCH, 0f, 1f);

    /** Class 0 (covid): 2 images of source "a", 7 of "b"; class 1 (normal): 5 of "n" and 1 without a source. */
    private static List<PreparedImages.LabelledImage> images() {
        List<PreparedImages.LabelledImage> images = new ArrayList<>();
        add(images, 2, "covid", 0, "a");
        add(images, 7, "covid", 0, "b");
        add(images, 5, "normal", 1, "n");
        add(images, 1, "normal", 1, null);
        return images;
    }

    private static void add(List<PreparedImages.LabelledImage> images, int n, String label, int classIndex,
            String source) {
        for (int i = 0; i < n; i++) {
            int position = images.size();
            float[] pixels = new float[16 * 16];
            Arrays.fill(pixels, position / 20f);
            images.add(new PreparedImages.LabelledImage(new Sample(Path.of("img" + position + ".png"), label, null,
                    null, source), new GrayImage(16, 16, pixels), classIndex));
        }
    }

    @Test
    void eachClassKeepsItsDrawsSharedEquallyAmongItsSources() {
        SourceBalancedDraws draws = new SourceBalancedDraws(images());

        // covid: 9 draws over 2 sources, the odd one to the first by name; normal: 6 over "n" and no source.
        assertThat(draws.draws()).containsExactly(
                new SourceBalancedDraws.Group(0, "a", 2, 5),
                new SourceBalancedDraws.Group(0, "b", 7, 4),
                new SourceBalancedDraws.Group(1, "n", 5, 3),
                new SourceBalancedDraws.Group(1, null, 1, 3));
    }

    @Test
    void everyEpochDrawsEachGroupItsCountAndEachImageEvenly() {
        List<PreparedImages.LabelledImage> images = images();
        SourceBalancedDraws draws = new SourceBalancedDraws(images);
        Random random = new Random(7);
        for (int epoch = 0; epoch < 5; epoch++) {
            List<Integer> order = draws.epoch(random);
            assertThat(order).hasSize(images.size());
            Map<String, Integer> perGroup = new HashMap<>();
            int[] perImage = new int[images.size()];
            for (int position : order) {
                PreparedImages.LabelledImage image = images.get(position);
                perGroup.merge(image.classIndex() + "/" + image.sample().source(), 1, Integer::sum);
                perImage[position]++;
            }
            assertThat(perGroup).containsExactlyInAnyOrderEntriesOf(
                    Map.of("0/a", 5, "0/b", 4, "1/n", 3, "1/null", 3));
            // "a": 5 draws over 2 images, each 2 or 3 times; "b": 4 over 7, each 0 or 1; "n": 3 over 5; the lone image 3 times.
            assertThat(Arrays.stream(perImage, 0, 2).boxed()).allSatisfy(n -> assertThat(n).isBetween(2, 3));
            assertThat(Arrays.stream(perImage, 2, 9).boxed()).allSatisfy(n -> assertThat(n).isBetween(0, 1));
            assertThat(Arrays.stream(perImage, 9, 14).boxed()).allSatisfy(n -> assertThat(n).isBetween(0, 1));
            assertThat(perImage[14]).isEqualTo(3);
        }
    }

    @Test
    void aClassOfOneSourceDrawsEveryImageOnce() {
        List<PreparedImages.LabelledImage> images = new ArrayList<>();
        add(images, 4, "covid", 0, "a");
        add(images, 6, "normal", 1, "n");

        List<Integer> order = new SourceBalancedDraws(images).epoch(new Random(1));

        assertThat(order).containsExactlyInAnyOrder(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
    }

    @Test
    void sourceBalancedBatchesAreSeededAndAugmentEachDrawOfAnImageDifferently() {
        PreparedImages prepared = new PreparedImages(images(), List.of());
        AugmentedBatches batches = new AugmentedBatches(prepared, new Preprocessor(SPEC),
                AugmentationSpec.defaults(), 4, 42, true).sourceBalanced();
        AugmentedBatches again = new AugmentedBatches(prepared, new Preprocessor(SPEC),
                AugmentationSpec.defaults(), 4, 42, true).sourceBalanced();

        List<AugmentedBatches.Batch> epoch = new ArrayList<>();
        batches.nextEpoch().forEach(epoch::add);
        List<AugmentedBatches.Batch> repeated = new ArrayList<>();
        again.nextEpoch().forEach(repeated::add);

        assertThat(batches.batchesPerEpoch()).isEqualTo(4);
        assertThat(epoch).hasSize(4);
        for (int b = 0; b < epoch.size(); b++) {
            assertThat(epoch.get(b).indices()).isEqualTo(repeated.get(b).indices());
            assertThat(epoch.get(b).data()).isEqualTo(repeated.get(b).data());
        }
        // The lone normal image without a source is drawn three times: three different augmentations.
        int length = SPEC.tensorLength();
        List<float[]> lone = new ArrayList<>();
        for (AugmentedBatches.Batch batch : epoch) {
            for (int i = 0; i < batch.size(); i++) {
                if (batch.indices().get(i) == 14) {
                    assertThat(batch.classIndices()[i]).isEqualTo(1);
                    lone.add(Arrays.copyOfRange(batch.data(), i * length, (i + 1) * length));
                }
            }
        }
        assertThat(lone).hasSize(3);
        assertThat(lone.get(0)).isNotEqualTo(lone.get(1));
        assertThat(lone.get(1)).isNotEqualTo(lone.get(2));
    }

    @Test
    void validationBatchesAreNeverResampled() {
        AugmentedBatches validation = new AugmentedBatches(new PreparedImages(images(), List.of()),
                new Preprocessor(SPEC), AugmentationSpec.none(), 4, 42, false);

        assertThatThrownBy(validation::sourceBalanced).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("validation batches score every image once");
    }
}
