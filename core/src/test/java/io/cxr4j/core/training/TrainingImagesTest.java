package io.cxr4j.core.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cxr4j.core.config.TrainingConfig;
import io.cxr4j.core.data.Sample;
import io.cxr4j.core.data.XrayDataset;
import io.cxr4j.core.image.PreprocessingSpec;
import io.cxr4j.core.image.ResizeMode;
import io.cxr4j.core.testing.SyntheticImages;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainingImagesTest {

    @TempDir
    Path temp;

    private final TrainingConfig config = TrainingConfig.builder()
            .optPreprocessing(new PreprocessingSpec(32, 1, ResizeMode.STRETCH, 0f, 1f))
            .build();

    private TrainingRequest request(List<Sample> samples) {
        XrayDataset data = new XrayDataset("partly-broken", List.of("covid", "normal"), samples);
        return TrainingRequest.of(data, null, config, temp.resolve("model"));
    }

    @Test
    void countsUsableImagesPerClassAndListsTheSkippedOnes() throws IOException {
        List<Sample> samples = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            samples.add(Sample.of(SyntheticImages.writeGrayPng(temp.resolve("c" + i + ".png"), 48, 48), "covid"));
            samples.add(Sample.of(SyntheticImages.writeGrayPng(temp.resolve("n" + i + ".png"), 48, 48), "normal"));
        }
        samples.add(Sample.of(Files.writeString(temp.resolve("bad.png"), "text"), "normal"));

        TrainingImages images = TrainingImages.prepare(request(samples));

        assertThat(images.classCounts()).containsExactly(3, 3);
        assertThat(images.skipped()).extracting(s -> s.image().getFileName().toString())
                .containsExactly("bad.png");
    }

    @Test
    void aClassWithoutOneReadableImageStopsTrainingAndNamesTheFiles() throws IOException {
        List<Sample> samples = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            samples.add(Sample.of(SyntheticImages.writeGrayPng(temp.resolve("n" + i + ".png"), 48, 48), "normal"));
            samples.add(Sample.of(Files.writeString(temp.resolve("c" + i + ".png"), "text"), "covid"));
        }

        assertThatThrownBy(() -> TrainingImages.prepare(request(samples)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("No training image of class 'covid' in data set 'partly-broken' could be read")
                .hasMessageContaining("3 unreadable")
                .hasMessageContaining("c0.png")
                .hasMessageContaining("could never learn it");
    }
}
