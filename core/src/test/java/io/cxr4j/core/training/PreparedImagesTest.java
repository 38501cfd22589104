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

class PreparedImagesTest {

    @TempDir
    Path temp;

    private final Preprocessor preprocessor =
            new Preprocessor(new PreprocessingSpec(32, 1, ResizeMode.STRETCH, 0f, 1f));

    @Test
    void unreadableFilesAreReportedAndSkippedAndTheRestIsKept() throws IOException {
        List<Sample> samples = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            samples.add(Sample.of(SyntheticImages.writeGrayPng(temp.resolve("a" + i + ".png"), 40, 50), "a"));
            samples.add(Sample.of(SyntheticImages.writeGrayPng(temp.resolve("b" + i + ".png"), 64, 64), "b"));
        }
        Path empty = Files.createFile(temp.resolve("empty.png"));
        Path text = Files.writeString(temp.resolve("notes.jpg"), "not an image");
        samples.add(Sample.of(empty, "a"));
        samples.add(Sample.of(text, "b"));
        XrayDataset data = new XrayDataset("mixed", List.of("a", "b"), samples);

        PreparedImages prepared = PreparedImages.prepare(data, preprocessor);

        assertThat(prepared.images()).hasSize(8);
        assertThat(prepared.images()).allSatisfy(i -> {
            assertThat(i.image().width()).isEqualTo(32);
            assertThat(i.image().height()).isEqualTo(32);
        });
        assertThat(prepared.classCounts(2)).containsExactly(4, 4);
        assertThat(prepared.skipped()).extracting(s -> s.image().getFileName().toString())
                .containsExactlyInAnyOrder("empty.png", "notes.jpg");
        assertThat(prepared.skipped()).allSatisfy(s -> assertThat(s.reason()).contains(s.image().toString()));
    }

    @Test
    void aDataSetWithNoReadableImageIsAClearError() throws IOException {
        Path text = Files.writeString(temp.resolve("x.png"), "text");
        XrayDataset data = new XrayDataset("broken", List.of("a", "b"), List.of(Sample.of(text, "a")));
        assertThatThrownBy(() -> PreparedImages.prepare(data, preprocessor))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("None of the 1 images of data set 'broken'")
                .hasMessageContaining("x.png");
    }
}
