package io.cxr4j.examples.cli;

import static io.cxr4j.examples.cli.Cxr4jCommandTest.cxr4j;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.cxr4j.core.testing.SyntheticImages;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * train --balance-sources records its sampling, and train --validation-data chooses the threshold
 * on another source, records it in model.json, and evaluate reports it; validation data that cannot
 * set a sensitivity target is refused before training.
 */
class ExternalValidationCommandTest {

    @TempDir
    static Path temp;

    private static Path siteA;
    private static Path siteB;

    @BeforeAll
    static void twoSites() throws IOException {
        siteA = SyntheticImages.squaresAndNoise(temp.resolve("sites/site-a"), 8, 1);
        siteB = SyntheticImages.squaresAndNoise(temp.resolve("sites/site-b"), 4, 2);
    }

    /** One class of images unlike the sites' (noise textures with a bright square), from one named source. */
    private static Path hospital(String name, String label, int images) throws IOException {
        Path folder = temp.resolve(name);
        List<String> rows = new ArrayList<>(List.of("path,label,patient_id,view,source,note"));
        for (int i = 0; i < images; i++) {
            SyntheticImages.SampleFunction noise = SyntheticImages.noise(500 + i);
            int corner = 4 + 5 * i;
            SyntheticImages.writePng(SyntheticImages.gray8(64, 64, (x, y, b) -> x >= corner && x < corner + 20
                    && y >= 10 && y < 30 ? 240 : noise.sample(x, y, 0) / 3), Files.createDirectories(
                            folder.resolve(label)).resolve("h" + i + ".png"));
            rows.add(label + "/h" + i + ".png," + label + ",p" + i + ",PA," + name + " archive,");
        }
        Files.write(folder.resolve("metadata.csv"), rows);
        return folder;
    }

    private static JsonObject json(Path file) throws IOException {
        return JsonParser.parseString(Files.readString(file)).getAsJsonObject();
    }

    @Test
    void balanceSourcesIsRecordedInTheModelManifest() throws IOException {
        Path output = temp.resolve("balanced");
        Cxr4jCommandTest.Run run = cxr4j("train", "--data", siteA.toString(), "--data", siteB.toString(),
                "--balance-sources", "--image-size", "32", "--epochs", "1", "--no-augmentation", "--no-audit",
                "--output", output.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(json(output.resolve("model/model.json")).getAsJsonObject("training").get("sampling")
                .getAsString()).isEqualTo("SOURCE_BALANCED");
        assertThat(json(output.resolve("report.json")).getAsJsonObject("training").get("sampling")
                .getAsString()).isEqualTo("SOURCE_BALANCED");
    }

    @Test
    void theThresholdComesFromTheValidationSourceAndEvaluateReportsIt() throws IOException {
        Path hospital = hospital("hospital-b", "covid", 6);
        Path output = temp.resolve("validated");
        Cxr4jCommandTest.Run run = cxr4j("train", "--data", siteA.toString(), "--validation-data",
                hospital.toString(), "--target-sensitivity", "0.8", "--validation-fraction", "0.2",
                "--image-size", "32", "--epochs", "1", "--no-augmentation", "--no-audit", "--output", output.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("Validation data (learning curves and threshold): 'hospital-b', 6 images")
                .contains("--validation-fraction is ignored")
                .contains("held-out = the validation data 'hospital-b'")
                .contains("chosen on validation data 'hospital-b', of sources the model did not train on");
        JsonObject chosen = json(output.resolve("model/model.json")).getAsJsonObject("chosenThreshold");
        assertThat(chosen.get("validationData").getAsString()).isEqualTo("hospital-b");
        assertThat(chosen.get("carvedFromTraining").getAsBoolean()).isFalse();
        assertThat(chosen.getAsJsonArray("trainingSourcesAmong")).isEmpty();
        assertThat(json(output.resolve("report.json")).getAsJsonObject("operatingPoint")
                .getAsJsonObject("chosenOn")).isEqualTo(chosen);

        Cxr4jCommandTest.Run evaluated = cxr4j("evaluate", "--model", output.resolve("model").toString(),
                "--data", hospital.toString(), "--no-audit");
        assertThat(evaluated.exitCode()).as(evaluated.err()).isZero();
        assertThat(evaluated.out()).contains("At the model's threshold p(covid) >= ")
                .contains("(chosen on 'hospital-b' for sensitivity 0.80)")
                .contains("on which the model's threshold was chosen");
    }

    @Test
    void validationDataWithoutCovidImagesCannotSetASensitivityTarget() throws IOException {
        Path normals = hospital("hospital-c", "normal", 3);
        Path output = temp.resolve("no-covid");
        Cxr4jCommandTest.Run run = cxr4j("train", "--data", siteA.toString(), "--validation-data",
                normals.toString(), "--target-sensitivity", "0.9", "--image-size", "32", "--epochs", "1",
                "--no-audit", "--output", output.toString());

        assertThat(run.exitCode()).isNotZero();
        assertThat(run.err()).contains("Validation data 'hospital-c' has no covid images");
        assertThat(output.resolve("model")).doesNotExist();
    }
}
