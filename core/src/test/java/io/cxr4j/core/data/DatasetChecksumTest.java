package io.cxr4j.core.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetChecksumTest {

    @TempDir
    Path temp;

    private XrayDataset twoImages(Path root) throws IOException {
        Path a = Files.createDirectories(root.resolve("covid")).resolve("a.png");
        Path b = Files.createDirectories(root.resolve("normal")).resolve("b.png");
        Files.writeString(a, "abc");
        Files.writeString(b, "xyz");
        return new XrayDataset("x", List.of("covid", "normal"), List.of(Sample.of(b, "normal"), Sample.of(a, "covid")));
    }

    @Test
    void coversPathsLabelsAndBytesButNotTheFolderLocationOrOrder() throws IOException {
        XrayDataset one = twoImages(temp.resolve("one"));
        XrayDataset moved = twoImages(temp.resolve("elsewhere/two"));
        DatasetChecksum checksum = DatasetChecksum.of(one, temp.resolve("one"));
        assertThat(checksum.files()).isEqualTo(2);
        assertThat(checksum.sha256()).hasSize(64);
        assertThat(DatasetChecksum.of(moved, temp.resolve("elsewhere/two"))).isEqualTo(checksum);
        XrayDataset reversed = one.withSamples("x", List.of(one.samples().get(1), one.samples().get(0)));
        assertThat(DatasetChecksum.of(reversed, temp.resolve("one"))).isEqualTo(checksum);

        Files.writeString(temp.resolve("one/normal/b.png"), "xyZ");
        assertThat(DatasetChecksum.of(one, temp.resolve("one"))).isNotEqualTo(checksum);
    }

    @Test
    void anUnreadableImageIsFingerprintedAsSuchInsteadOfFailing() throws IOException {
        XrayDataset one = twoImages(temp.resolve("one"));
        DatasetChecksum readable = DatasetChecksum.of(one, temp.resolve("one"));
        Files.delete(temp.resolve("one/normal/b.png"));

        DatasetChecksum missing = DatasetChecksum.of(one, temp.resolve("one"));

        assertThat(missing.files()).isEqualTo(2);
        assertThat(missing).isNotEqualTo(readable).isEqualTo(DatasetChecksum.of(one, temp.resolve("one")));
    }

    @Test
    void relativePathsUseForwardSlashes() {
        assertThat(DatasetChecksum.relative(temp, temp.resolve("covid").resolve("a.png"))).isEqualTo("covid/a.png");
        assertThat(DatasetChecksum.relative(temp.resolve("covid"), temp.resolve("b.png")))
                .isEqualTo(temp.resolve("b.png").toAbsolutePath().normalize().toString());
    }
}
