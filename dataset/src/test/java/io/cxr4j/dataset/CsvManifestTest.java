package io.cxr4j.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import io.cxr4j.core.data.Sample;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvManifestTest {

    @TempDir Path root;

    @Test
    void readsRequiredAndOptionalColumnsWithBomCrlfAndQuotes() throws IOException {
        Fixtures.image(root.resolve("img/a b.png"));
        Fixtures.image(root.resolve("img/c.png"));
        Fixtures.image(root.resolve("img/d.png"));
        Path manifest = Fixtures.text(root.resolve("manifest.csv"),
                "\uFEFFpath,label,patient_id,view,source\r\n"
                        + "\"img/a b.png\",covid,p1,PA,\"Hospital A, ward 3\"\r\n"
                        + "img\\c.png,normal,,,\r\n"
                        + "img/d.png,normal,p2\r\n"
                        + "img/gone.png,normal,p3,,\r\n");

        LoadedDataset loaded = CsvManifest.builder().setManifest(manifest).build();

        assertThat(loaded.dataset().classNames()).containsExactly("covid", "normal");
        assertThat(loaded.dataset().samples()).extracting(Sample::label, Sample::patientId, Sample::view, Sample::source)
                .containsExactly(tuple("covid", "p1", "PA", "Hospital A, ward 3"),
                        tuple("normal", null, null, null), tuple("normal", "p2", null, null));
        assertThat(loaded.skipped()).singleElement().extracting(SkippedFile::reason)
                .isEqualTo("manifest.csv line 5: listed but missing");
    }

    @Test
    void dicomFilesGiveThePatientViewAndManufacturerTheirRowLeavesOut() throws IOException {
        Fixtures.dicom(root.resolve("img/a.dcm"));
        Fixtures.dicom(root.resolve("img/b.dcm"));
        Path manifest = Fixtures.text(root.resolve("manifest.csv"),
                "path,label,patient_id,view\nimg/a.dcm,covid,,\nimg/b.dcm,covid,p2,LL\n");

        List<Sample> samples = CsvManifest.builder().setManifest(manifest).build().dataset().samples();

        assertThat(samples).extracting(Sample::patientId).containsExactly("PAT-0042", "p2");
        assertThat(samples).extracting(Sample::view).containsExactly("PA", "LL");
        assertThat(samples).extracting(Sample::manufacturer).containsExactly("Acme Imaging", "Acme Imaging");
    }

    @Test
    void labelMapRenamesAndDrops() throws IOException {
        Fixtures.image(root.resolve("a.png"));
        Fixtures.image(root.resolve("b.png"));
        Fixtures.image(root.resolve("c.png"));
        Path manifest = Fixtures.text(root.resolve("m.csv"),
                "path,label\na.png,Covid-19\nb.png,No_findings\nc.png,Pneumonia\n");

        LoadedDataset loaded = CsvManifest.builder().setManifest(manifest).optLabelMap(LabelMap.binary()).build();

        assertThat(loaded.dataset().samples()).extracting(Sample::label).containsExactly("covid", "normal");
        assertThat(loaded.skipped()).singleElement().extracting(SkippedFile::reason).asString()
                .contains("line 4: label 'Pneumonia' is not in the label set");
    }

    @Test
    void missingLabelColumnNamesTheFileAndHeader() {
        Path manifest = Fixtures.text(root.resolve("m.csv"), "path,class_name\na.png,covid\n");

        assertThatThrownBy(() -> CsvManifest.builder().setManifest(manifest).build())
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining(manifest.toString())
                .hasMessageContaining("no column 'label'")
                .hasMessageContaining("path,class_name")
                .hasMessageContaining("path,label[,patient_id,view,source]");
    }

    @Test
    void emptyLabelNamesTheLine() {
        Fixtures.image(root.resolve("a.png"));
        Path manifest = Fixtures.text(root.resolve("m.csv"), "path,label\n\"a\n.png\",x\na.png,\n");

        assertThatThrownBy(() -> CsvManifest.builder().setManifest(manifest).build())
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining("Line 4 of manifest")
                .hasMessageContaining("empty label");
    }

    @Test
    void latin1FileIsAnErrorNamingTheLine() throws IOException {
        Path manifest = root.resolve("m.csv");
        Files.write(manifest, "path,label\na.png,covid\nb\u00e9.png,normal\n".getBytes(StandardCharsets.ISO_8859_1));

        assertThatThrownBy(() -> CsvManifest.builder().setManifest(manifest).build())
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining(manifest + " is not UTF-8: line 3 holds the byte 0xE9")
                .hasMessageContaining("save it as UTF-8");
    }

    @Test
    void utf16FileIsAnError() throws IOException {
        Path manifest = root.resolve("m.csv");
        Files.write(manifest, "path,label\n".getBytes(StandardCharsets.UTF_16));

        assertThatThrownBy(() -> CsvManifest.builder().setManifest(manifest).build())
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining("UTF-16");
    }

    @Test
    void unclosedQuoteNamesItsLine() {
        Path manifest = Fixtures.text(root.resolve("m.csv"), "path,label\na.png,covid\n\"b.png,normal\n");

        assertThatThrownBy(() -> CsvManifest.builder().setManifest(manifest).build())
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining("quoted field opened on line 3");
    }
}
