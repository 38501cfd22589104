package io.cxr4j.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cxr4j.core.testing.SyntheticImages;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageDigestsTest {

    @TempDir
    Path temp;

    @Test
    void findsTrainingImagesByContentUnderAnyNameAndNothingElse() throws IOException {
        Path a = SyntheticImages.writeGrayPng(temp.resolve("a.png"), 20, 10);
        Path b = SyntheticImages.writeGrayPng(temp.resolve("b.png"), 10, 20);
        Path other = SyntheticImages.writeGrayPng(temp.resolve("other.png"), 30, 30);
        Path renamedCopy = Files.copy(a, Files.createDirectories(temp.resolve("elsewhere")).resolve("renamed.png"));
        Path missing = temp.resolve("missing.png");

        ImageDigests trained = ImageDigests.decode(ImageDigests.of(List.of(a, b, missing)).encode());

        assertThat(trained.size()).as("the missing file is left out").isEqualTo(2);
        assertThat(trained.among(List.of(other, renamedCopy, missing, b))).containsExactly(renamedCopy, b);
        assertThatThrownBy(() -> ImageDigests.decode("AAAA")).hasMessageContaining("whole 8-byte values");
    }

    @Test
    void aProvenanceWithoutDigestsFindsNoTrainingImages() throws IOException {
        Path a = SyntheticImages.writeGrayPng(temp.resolve("a.png"), 20, 10);
        Provenance old = new Provenance("2026-11-29T00:00:00Z", "0.1.0", "0.36.0", "PyTorch 2.7.1", "seed", 1,
                Map.of("covid", 1), 1, "17", "Linux amd64", null, List.of(), null, null);
        Provenance recorded = new Provenance("2026-11-29T00:00:00Z", "0.1.0", "0.36.0", "PyTorch 2.7.1", "seed", 1,
                Map.of("covid", 1), 1, "17", "Linux amd64", ImageDigests.of(List.of(a)));

        assertThat(old.trainedOn(List.of(a))).isEmpty();
        assertThat(recorded.trainedOn(List.of(a))).containsExactly(a);
        assertThat(recorded.convertedBy(new Provenance.Conversion("2026-11-30T00:00:00Z", "0.1.0", "pytorch",
                "PyTorch 2.7.1", "model", "0f"), "TensorFlow 2.16.1").trainedOn(List.of(a))).containsExactly(a);
    }
}
