package io.cxr4j.examples.cli;

import static io.cxr4j.examples.cli.Cxr4jCommandTest.cxr4j;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.cxr4j.core.testing.SharedData;
import io.cxr4j.core.testing.SyntheticImages;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several --dataset and --data options join into one data set on every command that takes data,
 * and cross-validate --group-by source holds out one source per fold, on synthetic folders and on
 * darkcovidnet with hannover.
 */
class DataUnionCommandTest {

    @TempDir
    static Path temp;

    private static Path siteA;
    private static Path siteB;

    @BeforeAll
    static void twoSites() throws IOException {
        siteA = SyntheticImages.squaresAndNoise(temp.resolve("sites/site-a"), 8, 1);
        siteB = SyntheticImages.squaresAndNoise(temp.resolve("sites/site-b"), 8, 2);
        // One of site-a's COVID-19 images, filed as normal in site-b: a duplicate across the sets.
        Files.copy(siteA.resolve("covid/c0.png"), siteB.resolve("normal/copied.png"));
    }

    @Test
    void trainOnTwoFoldersRecordsTheUnionAndSplitsItsImagesByPathUnderTheirCommonFolder() throws IOException {
        Path output = temp.resolve("train");
        Cxr4jCommandTest.Run run = cxr4j("train", "--data", siteA.toString(), "--data", siteB.toString(),
                "--image-size", "32", "--epochs", "1", "--no-augmentation", "--output", output.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("Data set 'site-a+site-b' (" + temp.resolve("sites").toAbsolutePath() + "): 33 images");
        JsonObject report = JsonParser.parseString(Files.readString(output.resolve("report.json"))).getAsJsonObject();
        assertThat(report.getAsJsonObject("dataset").get("name").getAsString()).isEqualTo("site-a+site-b");
        assertThat(report.getAsJsonArray("warnings")).extracting(JsonElement::getAsString)
                .as("the copy across sets and classes").anySatisfy(w -> assertThat(w).startsWith("Data audit: ")
                        .contains("pair(s) of byte-identical images (1 across classes)"));
        assertThat(Files.readString(output.resolve("split.tsv"))).contains("\tsite-a/covid/").contains("\tsite-b/normal/");

        String model = output.resolve("model").toString();
        Cxr4jCommandTest.Run evaluated = cxr4j("evaluate", "--model", model, "--data", siteA.toString(), "--data",
                siteB.toString());
        assertThat(evaluated.exitCode()).as(evaluated.err()).isZero();
        assertThat(evaluated.out()).contains("Data set 'site-a+site-b'").contains("33 images");
        Cxr4jCommandTest.Run explained = cxr4j("explain", "--model", model, "--summary", "--data", siteA.toString(),
                "--data", siteB.toString());
        assertThat(explained.exitCode()).as(explained.err()).isZero();
        assertThat(explained.out()).contains("Data set 'site-a+site-b'");
    }

    @Test
    void auditOfTwoFoldersFindsTheDuplicateAcrossThem() {
        Cxr4jCommandTest.Run run = cxr4j("audit", "--data", siteA.toString(), "--data", siteB.toString(), "--json");

        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonObject audit = JsonParser.parseString(run.out()).getAsJsonObject();
        assertThat(audit.get("dataset").getAsString()).isEqualTo("site-a+site-b");
        assertThat(audit.getAsJsonArray("exactDuplicates")).anySatisfy(p -> assertThat(List.of(
                p.getAsJsonObject().get("first").getAsString(), p.getAsJsonObject().get("second").getAsString()))
                .containsExactlyInAnyOrder("site-a/covid/c0.png", "site-b/normal/copied.png"));
    }

    @Test
    void identityLabelsThatCannotBeReconciledAreRefusedInOptionTerms() throws IOException {
        Path dark = temp.resolve("dark");
        SyntheticImages.writeGrayPng(Files.createDirectories(dark.resolve("Covid-19")).resolve("a.png"), 8, 8);
        SyntheticImages.writeGrayPng(Files.createDirectories(dark.resolve("No_findings")).resolve("b.png"), 8, 8);

        Cxr4jCommandTest.Run run = cxr4j("audit", "--data", dark.toString(), "--data", siteA.toString(),
                "--labels", "folders");

        assertThat(run.exitCode()).isNotZero();
        assertThat(run.err()).contains("folder 'Covid-19' of 'dark' and folder 'covid' of 'site-a' both hold covid")
                .contains("--labels binary").doesNotContain("LabelMap");
    }

    @Test
    void leaveOneSourceOutHoldsOutEachFolderAndRefusesASingleSource() {
        Path output = temp.resolve("loso");
        Cxr4jCommandTest.Run run = cxr4j("cross-validate", "--data", siteA.toString(), "--data", siteB.toString(),
                "--group-by", "source", "--folds", "4", "--image-size", "32", "--epochs", "1", "--no-augmentation",
                "--output", output.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("2 fold(s) (one per source) x 1 repeat(s)")
                .contains("== fold-1 (held-out source: site-a): train").contains("== fold-2 (held-out source: site-b)")
                .contains("--folds").contains("is ignored");
        assertThat(output.resolve("folds.tsv")).content().contains("# groupBy\tsource\n");

        Cxr4jCommandTest.Run single = cxr4j("cross-validate", "--data", siteA.toString(), "--group-by", "source",
                "--output", temp.resolve("single").toString());
        assertThat(single.exitCode()).isNotZero();
        assertThat(single.err()).contains("--group-by source").contains("have none").doesNotContain("FoldGrouping");
    }

    @Test
    void leaveOneSourceOutOnDarkcovidnetAndHannoverSaysWhatEachFoldCannotMeasure() throws IOException {
        SharedData.require("darkcovidnet");
        SharedData.require("hannover");
        Path output = temp.resolve("darkcovidnet-hannover");

        Cxr4jCommandTest.Run run = cxr4j("cross-validate", "--dataset", "darkcovidnet", "--dataset", "hannover",
                "--group-by", "source", "--image-size", "32", "--epochs", "1", "--batch-size", "32",
                "--no-augmentation", "--validation-fraction", "0", "--no-audit", "--output", output.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("Data set 'darkcovidnet+hannover'")
                .contains("2 fold(s) (one per source)")
                .contains("== fold-1 (held-out source: Hannover Medical School")
                .contains("== fold-2 (held-out source: ieee8023/covid-chestxray-dataset)");
        JsonObject report = JsonParser.parseString(Files.readString(output.resolve("report.json"))).getAsJsonObject();
        assertThat(report.getAsJsonArray("warnings")).extracting(JsonElement::getAsString)
                .anySatisfy(w -> assertThat(w).startsWith("fold-1 holds out source 'Hannover Medical School"
                        + " (ml-workgroup/covid-19-image-repository)', which has no normal images, so the fold"
                        + " measures covid sensitivity alone"))
                .anySatisfy(w -> assertThat(w).startsWith("fold-2 holds out source"
                        + " 'ieee8023/covid-chestxray-dataset', which has no normal images"))
                .anySatisfy(w -> assertThat(w).startsWith("Source 'NIH ChestX-ray8' is not held out: it holds every"
                        + " normal image, so a model trained without it could never learn that class. Its 500 images"
                        + " train every fold"));
        var perFold = report.getAsJsonArray("perFold");
        assertThat(perFold).extracting(f -> f.getAsJsonObject().get("testSize").getAsInt())
                .containsExactly(243, 124);
        assertThat(report.getAsJsonArray("pooled").get(0).getAsJsonObject().get("testImages").getAsInt())
                .isEqualTo(367);
    }
}
