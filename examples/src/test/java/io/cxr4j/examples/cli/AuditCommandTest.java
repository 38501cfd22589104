package io.cxr4j.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.cxr4j.core.testing.SyntheticImages;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditCommandTest {

    @TempDir Path data;

    private void images() throws Exception {
        Files.createDirectories(data.resolve("covid"));
        Files.createDirectories(data.resolve("normal"));
        for (int i = 0; i < 6; i++) {
            int seed = i;
            SyntheticImages.writeJpeg(SyntheticImages.gray8(60 + 10 * i, 40, (x, y, b) -> (x * (seed + 3) + y * 7) % 256),
                    data.resolve("covid/c" + i + ".jpg"), 0.9f);
            SyntheticImages.writePng(SyntheticImages.gray8(50, 50, (x, y, b) -> (x * 5 + y * (seed + 2)) % 256),
                    data.resolve("normal/n" + i + ".png"));
        }
        SyntheticImages.writePng(SyntheticImages.gray8(50, 50, (x, y, b) -> 9),
                data.resolve("normal/person3_virus_4.png"));
        Files.writeString(data.resolve("normal/broken.png"), "not a png");
    }

    private static String run(String... args) {
        Cxr4jCommandTest.Run run = Cxr4jCommandTest.cxr4j(args);
        assertThat(run.exitCode()).as(run.err()).isZero();
        return run.out();
    }

    @Test
    void textReportNamesTheFindings() throws Exception {
        images();

        String text = run("audit", "--data", data.toString(), "--split-by", "image", "--seed", "1");

        assertThat(text).contains("Audit of data set")
                .contains("normal/broken.png")
                .contains("normal/person3_virus_4.png")
                .contains("Split by image, seed 1")
                .contains("WARNING: Source confounding");
    }

    @Test
    void jsonReportParses() throws Exception {
        images();

        JsonObject json = JsonParser.parseString(run("audit", "--data", data.toString(), "--json"))
                .getAsJsonObject();

        assertThat(json.get("images").getAsInt()).isEqualTo(14);
        assertThat(json.getAsJsonArray("suspiciousLabels")).hasSize(1);
        assertThat(json.getAsJsonObject("confounding").get("warning").getAsBoolean()).isTrue();
    }

    @Test
    void listsTheManufacturersOfDicomImagesPerClass() throws Exception {
        images();
        try (InputStream dicom = AuditCommandTest.class.getResourceAsStream("/dicom/window.dcm")) {
            Files.copy(dicom, data.resolve("covid/scan.dcm"));
        }

        String text = run("audit", "--data", data.toString());

        assertThat(text).contains("Equipment manufacturers per class")
                .containsPattern("covid +\\{Acme Imaging=1\\}")
                .containsPattern("normal +\\{\\}");
    }

    @Test
    void auditsASetTooSmallToSplit() throws Exception {
        SyntheticImages.writePng(SyntheticImages.gray8(50, 50, (x, y, b) -> x),
                Files.createDirectories(data.resolve("covid")).resolve("only.png"));
        for (int i = 0; i < 3; i++) {
            int seed = i;
            SyntheticImages.writePng(SyntheticImages.gray8(50, 50, (x, y, b) -> (x * seed + y) % 256),
                    Files.createDirectories(data.resolve("normal")).resolve("n" + i + ".png"));
        }

        Cxr4jCommandTest.Run run = Cxr4jCommandTest.cxr4j("audit", "--data", data.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).contains("WARNING: no split check").contains("covid");
        assertThat(run.out()).contains("Audit of data set").contains("Class balance");
    }
}
