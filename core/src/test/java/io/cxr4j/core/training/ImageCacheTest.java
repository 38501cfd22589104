package io.cxr4j.core.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cxr4j.core.data.Sample;
import io.cxr4j.core.data.XrayDataset;
import io.cxr4j.core.image.PreprocessingSpec;
import io.cxr4j.core.image.Preprocessor;
import io.cxr4j.core.image.ResizeMode;
import io.cxr4j.core.testing.SyntheticImages;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageCacheTest {

    private static final int SIDE = 32;

    @TempDir
    Path temp;

    private final Preprocessor preprocessor =
            new Preprocessor(new PreprocessingSpec(SIDE, 1, ResizeMode.STRETCH, 0f, 1f));

    @Test
    void imagesWithinTheBudgetStayInMemory() throws IOException {
        XrayDataset data = dataset(6);
        Path folder = Files.createDirectories(temp.resolve("cache"));
        long exact = 6L * SIDE * SIDE * Float.BYTES;

        PreparedImages prepared = PreparedImages.prepare(data, preprocessor, new ImageCache(exact, folder));

        assertThat(prepared.images()).isNotInstanceOf(DiskImages.View.class)
                .isEqualTo(PreparedImages.prepare(data, preprocessor).images());
        assertThat(PipelineDeterminismTest.filesIn(folder)).isZero();
    }

    @Test
    void imagesOverTheBudgetGoToAnUnlinkedMappedFileWithTheSamePixels() throws IOException {
        XrayDataset data = dataset(6);
        Path folder = Files.createDirectories(temp.resolve("cache"));
        long oneByteShort = 6L * SIDE * SIDE * Float.BYTES - 1;

        PreparedImages disk = PreparedImages.prepare(data, preprocessor, new ImageCache(oneByteShort, folder));

        assertThat(disk.images()).isInstanceOf(DiskImages.View.class)
                .containsExactlyElementsOf(PreparedImages.prepare(data, preprocessor).images());
        // Read twice: the file is read on every access and must not change.
        assertThat(disk.images()).isEqualTo(disk.images());
        assertThat(PipelineDeterminismTest.filesIn(folder)).as("files left in the cache folder").isZero();
        assertThat(new PreparedImages(disk.images(), disk.skipped()).images()).isInstanceOf(DiskImages.View.class);
        assertThatThrownBy(() -> disk.images().add(disk.images().get(0)))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void theDiskCacheReportsAndSkipsUnreadableFilesLikeTheMemoryPath() throws IOException {
        List<Sample> samples = new ArrayList<>(dataset(4).samples());
        samples.add(1, Sample.of(Files.writeString(temp.resolve("broken.png"), "not an image"), "b"));
        XrayDataset data = new XrayDataset("with-broken", List.of("a", "b"), samples);

        PreparedImages disk = PreparedImages.prepare(data, preprocessor, ImageCache.onDisk(temp));
        PreparedImages memory = PreparedImages.prepare(data, preprocessor);

        assertThat(disk.skipped()).isEqualTo(memory.skipped()).hasSize(1);
        assertThat(disk.skipped().get(0).image()).isEqualTo(temp.resolve("broken.png"));
        assertThat(disk.images()).containsExactlyElementsOf(memory.images()).hasSize(4);
        assertThat(disk.classCounts(2)).containsExactly(memory.classCounts(2));
    }

    @Test
    void budgetArithmetic() {
        ImageCache cache = new ImageCache(224L * 224 * 4 * 10, temp);
        assertThat(cache.fitsInMemory(10, 224)).isTrue();
        assertThat(cache.fitsInMemory(11, 224)).isFalse();
        assertThat(ImageCache.onDisk(temp).fitsInMemory(1, 16)).isFalse();
        assertThatThrownBy(() -> new ImageCache(-1, temp)).isInstanceOf(IllegalArgumentException.class);
    }

    private XrayDataset dataset(int count) {
        List<Sample> samples = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Path file = temp.resolve("x" + i + ".png");
            SyntheticImages.writePng(SyntheticImages.gray8(40 + 3 * i, 50, SyntheticImages.noise(i)), file);
            samples.add(Sample.of(file, i % 2 == 0 ? "a" : "b"));
        }
        return new XrayDataset("noise", List.of("a", "b"), samples);
    }
}
