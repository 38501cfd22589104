package io.cxr4j.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.groups.Tuple.tuple;

import io.cxr4j.core.data.Sample;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CovidxSplitFileTest {

    @TempDir Path root;

    @Test
    void readsPatientFileLabelSource() throws IOException {
        Fixtures.image(root.resolve("train/ryct.2020200028.fig1a.jpeg"));
        Fixtures.image(root.resolve("train/00000061_012.png"));
        Fixtures.image(root.resolve("train/person1_bacteria_1.jpeg"));
        Path split = Fixtures.text(root.resolve("train.txt"),
                "16 ryct.2020200028.fig1a.jpeg COVID-19 cohen\r\n"
                        + "61 00000061_012.png normal rsna\n"
                        + "\n"
                        + "person1 person1_bacteria_1.jpeg pneumonia\n"
                        + "99 gone.png normal rsna\n");

        LoadedDataset loaded = CovidxSplitFile.builder().setSplitFile(split)
                .setImageFolder(root.resolve("train")).build();

        assertThat(loaded.dataset().samples()).extracting(Sample::label, Sample::patientId, Sample::source)
                .containsExactly(tuple("covid", "16", "cohen"), tuple("normal", "61", "rsna"),
                        tuple("pneumonia", "person1", null));
        assertThat(loaded.skipped()).singleElement().extracting(SkippedFile::reason)
                .isEqualTo("train.txt line 5: listed but missing");
    }

    @Test
    void entriesOutsideTheFolderAndRepeatsAreLeftOutWithTheirLine() throws IOException {
        Fixtures.image(root.resolve("train/a.png"));
        Fixtures.image(root.resolve("secret.png"));
        Path split = Fixtures.text(root.resolve("train.txt"),
                "1 a.png normal rsna\n2 ../secret.png normal rsna\n1 a.png normal rsna\n");

        LoadedDataset loaded = CovidxSplitFile.builder().setSplitFile(split)
                .setImageFolder(root.resolve("train")).build();

        assertThat(loaded.dataset().samples()).extracting(Sample::patientId).containsExactly("1");
        assertThat(loaded.skipped()).extracting(SkippedFile::reason).containsExactly(
                "train.txt line 2: points outside the folder " + root.resolve("train").toAbsolutePath(),
                "train.txt line 3: listed twice");
    }

    @Test
    void binaryReleaseNeedsItsOwnLabelMap() throws IOException {
        Fixtures.image(root.resolve("test/a.png"));
        Fixtures.image(root.resolve("test/b.png"));
        Path split = Fixtures.text(root.resolve("test.txt"), "1 a.png positive bimcv\n2 b.png negative rsna\n");

        LoadedDataset byDefault = CovidxSplitFile.builder().setSplitFile(split)
                .setImageFolder(root.resolve("test")).build();
        LoadedDataset mapped = CovidxSplitFile.builder().setSplitFile(split)
                .setImageFolder(root.resolve("test"))
                .optLabelMap(LabelMap.builder().addClass("covid", "positive").addClass("negative").build())
                .build();

        assertThat(byDefault.dataset().size()).isZero();
        assertThat(byDefault.skipped()).extracting(SkippedFile::reason)
                .allMatch(r -> r.contains("unknown to the label map"));
        assertThat(mapped.dataset().countsPerClass()).containsExactly(entry("covid", 1), entry("negative", 1));
    }

    @Test
    void shortLineIsAnErrorWithItsNumber() {
        Fixtures.image(root.resolve("train/a.png"));
        Path split = Fixtures.text(root.resolve("train.txt"), "1 a.png normal x\n2 a.png\n");

        assertThatThrownBy(() -> CovidxSplitFile.builder().setSplitFile(split)
                        .setImageFolder(root.resolve("train")).build())
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining("Line 2 of COVIDx split file " + split)
                .hasMessageContaining("patientid filename label source");
    }
}
