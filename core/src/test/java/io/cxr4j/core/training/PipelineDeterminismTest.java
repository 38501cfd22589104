package io.cxr4j.core.training;

import static org.assertj.core.api.Assertions.assertThat;

import io.cxr4j.core.data.Sample;
import io.cxr4j.core.data.XrayDataset;
import io.cxr4j.core.image.AugmentationSpec;
import io.cxr4j.core.image.PreprocessingSpec;
import io.cxr4j.core.image.Preprocessor;
import io.cxr4j.core.image.ResizeMode;
import io.cxr4j.core.testing.SyntheticImages;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cache and prefetching are pure speed-ups: with the same seed, every batch of every epoch is
 * bit-identical to the plain in-memory, single-threaded pipeline.
 */
class PipelineDeterminismTest {

    private static final PreprocessingSpec SPEC = new PreprocessingSpec(24, 3, ResizeMode.STRETCH, -1f, 1f);
    private static final int EPOCHS = 3;

    @TempDir
    Path temp;

    @Test
    void cacheAndPrefetchGiveBitIdenticalBatchesForTheSameSeed() throws IOException, InterruptedException {
        XrayDataset data = noisyImages(23);
        Preprocessor preprocessor = new Preprocessor(SPEC);
        PreparedImages memory = PreparedImages.prepare(data, preprocessor);
        Path cacheFolder = Files.createDirectories(temp.resolve("cache"));
        PreparedImages disk = PreparedImages.prepare(data, preprocessor, ImageCache.onDisk(cacheFolder));

        List<List<AugmentedBatches.Batch>> reference = epochs(batches(memory), 0);
        assertSame(epochs(batches(memory), 3), reference);
        assertSame(epochs(batches(disk), 0), reference);
        assertSame(epochs(batches(disk), 1), reference);
        assertThat(BatchPrefetcherTest.awaitNoPrefetchThreads()).isEmpty();
    }

    @Test
    void theEpochsOfTheReferenceDiffer() throws IOException {
        List<List<AugmentedBatches.Batch>> epochs =
                epochs(batches(PreparedImages.prepare(noisyImages(8), new Preprocessor(SPEC))), 0);
        assertThat(epochs.get(0).get(0).data()).isNotEqualTo(epochs.get(1).get(0).data());
    }

    private static void assertSame(List<List<AugmentedBatches.Batch>> actual,
            List<List<AugmentedBatches.Batch>> expected) {
        assertThat(actual).hasSameSizeAs(expected);
        for (int e = 0; e < expected.size(); e++) {
            assertThat(actual.get(e)).hasSameSizeAs(expected.get(e));
            for (int b = 0; b < expected.get(e).size(); b++) {
                AugmentedBatches.Batch want = expected.get(e).get(b);
                AugmentedBatches.Batch got = actual.get(e).get(b);
                assertThat(got.indices()).isEqualTo(want.indices());
                assertThat(got.classIndices()).isEqualTo(want.classIndices());
                // Compared as raw bits: equal floats are not enough, the bits must be the same.
                assertThat(bits(got.data())).as("epoch %d batch %d", e, b).isEqualTo(bits(want.data()));
            }
        }
    }

    private static int[] bits(float[] values) {
        int[] bits = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            bits[i] = Float.floatToRawIntBits(values[i]);
        }
        return bits;
    }

    private static AugmentedBatches batches(PreparedImages images) {
        return new AugmentedBatches(images, new Preprocessor(SPEC), AugmentationSpec.defaults(), 5, 7, true);
    }

    /** {@value #EPOCHS} epochs, made on this thread (depth 0) or prefetched. */
    private static List<List<AugmentedBatches.Batch>> epochs(AugmentedBatches batches, int depth) {
        List<List<AugmentedBatches.Batch>> epochs = new ArrayList<>();
        for (int e = 0; e < EPOCHS; e++) {
            List<AugmentedBatches.Batch> epoch = new ArrayList<>();
            (depth == 0 ? batches.nextEpoch() : batches.nextEpoch(depth)).forEach(epoch::add);
            epochs.add(epoch);
        }
        return epochs;
    }

    /** Noise images of several sizes, so resizing yields arbitrary (not 8-bit) float values. */
    private XrayDataset noisyImages(int count) {
        List<Sample> samples = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Path file = temp.resolve("img" + i + ".png");
            SyntheticImages.writePng(SyntheticImages.gray8(30 + i, 41 + 2 * i, SyntheticImages.noise(i)), file);
            samples.add(Sample.of(file, i % 3 == 0 ? "covid" : "normal"));
        }
        return new XrayDataset("noise", List.of("covid", "normal"), samples);
    }

    static long filesIn(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.count();
        }
    }
}
