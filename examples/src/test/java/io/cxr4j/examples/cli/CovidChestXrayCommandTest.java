package io.cxr4j.examples.cli;

import static io.cxr4j.examples.cli.Cxr4jCommandTest.cxr4j;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.cxr4j.core.testing.SyntheticImages;
import io.cxr4j.dataset.DataDirectory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --dataset covid-chestxray} in the commands: a data root holding a small copy of the
 * ieee8023/covid-chestxray-dataset layout (metadata.csv with the real header, two images per
 * patient, one lateral view and one CT to be left out).
 */
class CovidChestXrayCommandTest {

    private static final String HEADER = "patientid,offset,sex,age,finding,RT_PCR_positive,survival,"
            + "intubated,intubation_present,went_icu,in_icu,needed_supplemental_O2,extubated,"
            + "temperature,pO2_saturation,leukocyte_count,neutrophil_count,lymphocyte_count,view,"
            + "modality,date,location,folder,filename,doi,url,license,clinical_notes,other_notes,"
            + "Unnamed: 29";

    private static final String[] FINDINGS = {"Pneumonia/Viral/COVID-19", "No Finding",
        "Pneumonia/Bacterial/Streptococcus"};

    @TempDir static Path root;
    private static String previousDataDir;

    @BeforeAll
    static void writeDataRoot() throws IOException {
        Path set = Files.createDirectories(root.resolve("covid-chestxray/images"));
        StringBuilder csv = new StringBuilder(HEADER).append('\n');
        for (int c = 0; c < FINDINGS.length; c++) {
            for (int patient = 0; patient < 6; patient++) {
                for (int image = 0; image < 2; image++) {
                    String file = "p" + c + patient + "_" + image + ".png";
                    int level = 40 + 80 * c;
                    int shift = patient + 3 * image;
                    SyntheticImages.writePng(SyntheticImages.gray8(48, 48,
                            (x, y, b) -> (level + (x + shift) % 9 + y % 5) % 256), set.resolve(file));
                    csv.append(row(c + "" + patient, FINDINGS[c], "PA", "X-ray", file));
                }
            }
        }
        csv.append(row("90", FINDINGS[0], "L", "X-ray", "p00_0.png"));
        csv.append(row("91", FINDINGS[0], "Axial", "CT", "p00_1.png"));
        Files.writeString(root.resolve("covid-chestxray/metadata.csv"), csv);
        previousDataDir = System.setProperty(DataDirectory.PROPERTY, root.toString());
    }

    @AfterAll
    static void restoreDataRoot() {
        if (previousDataDir == null) {
            System.clearProperty(DataDirectory.PROPERTY);
        } else {
            System.setProperty(DataDirectory.PROPERTY, previousDataDir);
        }
    }

    private static String row(String patient, String finding, String view, String modality, String file) {
        return patient + ",0,M,65," + finding + ",Y,Y,,,,,,,,,,,," + view + "," + modality
                + ",2020,\"Wuhan, China\",images," + file + ",,https://example.org/case,,,,\n";
    }

    @Test
    void auditLoadsTheMetadataAndReportsTheRowsLeftOut() {
        Cxr4jCommandTest.Run run = cxr4j("audit", "--dataset", "covid-chestxray", "--json");

        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonObject json = JsonParser.parseString(run.out()).getAsJsonObject();
        assertThat(json.get("images").getAsInt()).isEqualTo(36);
        assertThat(json.getAsJsonArray("unreadable").toString()).contains("view L").contains("modality CT");
    }

    @Test
    void trainsThreeClassesWithAPatientSplit() {
        Cxr4jCommandTest.Run run = cxr4j("train", "--dataset", "covid-chestxray", "--labels", "three-class",
                "--image-size", "32", "--epochs", "1", "--batch-size", "8", "--no-augmentation",
                "--output", root.resolve("run").toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out())
                .contains("Data set 'covid-chestxray'")
                .contains("36 images")
                .contains("patient ids known for 36 images (18 patients)")
                .contains("Split patient-level")
                .doesNotContain("patient(s) have images on both sides");
        assertThat(root.resolve("run/report.json")).exists();
    }
}
