package io.cxr4j.core.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.cxr4j.core.data.Sample;
import io.cxr4j.core.data.XrayDataset;
import io.cxr4j.core.testing.BadImages;
import io.cxr4j.core.testing.BadImages.BadImage;
import io.cxr4j.core.testing.SyntheticImages;
import io.cxr4j.core.training.PreparedImages;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every kind of bad input gets a typed error naming the file and the reason, quickly, and in a
 * data set the bad files are reported and skipped while the rest is used.
 */
class BadInputCorpusTest {

    @TempDir
    Path temp;

    private final Preprocessor preprocessor = new Preprocessor(PreprocessingSpec.defaults());

    @Test
    void eachBadFileGetsItsOwnTypedErrorWithinBoundedTime() {
        for (BadImage bad : BadImages.writeCorpus(temp.resolve("bad"))) {
            ImageDecodeException error = assertTimeoutPreemptively(Duration.ofSeconds(5),
                    () -> assertThrows(ImageDecodeException.class, () -> preprocessor.preprocess(bad.file())),
                    bad.file().toString());
            assertThat(error.reason()).as(bad.file().getFileName().toString()).isEqualTo(bad.expected());
            assertThat(error.path()).isEqualTo(bad.file());
            assertThat(error.getMessage()).contains(bad.file().toString()).contains(bad.expected().advice());
        }
    }

    @Test
    void awkwardButValidImagesAreDecoded() {
        Path rgba16 = SyntheticImages.writePng(SyntheticImages.component(40, 30,
                java.awt.color.ColorSpace.CS_sRGB, 16, true, (x, y, b) -> b == 3 ? 0 : x * 1000),
                temp.resolve("rgba16.png"));
        Path huge = SyntheticImages.writePng(SyntheticImages.gray8(4000, 4000, (x, y, b) -> (x ^ y) & 0xFF),
                temp.resolve("huge.png"));
        for (Path file : List.of(rgba16, huge)) {
            float[] tensor = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> preprocessor.preprocess(file));
            assertThat(tensor).hasSize(224 * 224);
        }
    }

    @Test
    void aDataSetWithBadFilesKeepsTheGoodOnesAndReportsEachBadOne() {
        List<BadImage> corpus = BadImages.writeCorpus(temp.resolve("bad"));
        List<Sample> samples = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            samples.add(Sample.of(SyntheticImages.writeGrayPng(temp.resolve("good" + i + ".png"), 64, 64),
                    i % 2 == 0 ? "covid" : "normal"));
        }
        corpus.forEach(bad -> samples.add(Sample.of(bad.file(), "normal")));
        XrayDataset data = new XrayDataset("mixed", List.of("covid", "normal"), samples);

        PreparedImages prepared = PreparedImages.prepare(data, preprocessor);

        assertThat(prepared.images()).hasSize(6);
        assertThat(prepared.skipped()).hasSize(corpus.size());
        for (BadImage bad : corpus) {
            assertThat(prepared.skipped()).anySatisfy(s -> {
                assertThat(s.image()).isEqualTo(bad.file());
                assertThat(s.reason()).contains(bad.expected().advice());
            });
        }
    }
}
