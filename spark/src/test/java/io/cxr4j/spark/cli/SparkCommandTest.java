package io.cxr4j.spark.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.cxr4j.core.data.Sample;
import io.cxr4j.core.data.XrayDataset;
import io.cxr4j.core.engine.Engines;
import io.cxr4j.core.image.PreprocessingSpec;
import io.cxr4j.core.inference.XrayClassifier;
import io.cxr4j.dataset.DatasetRegistry;
import io.cxr4j.dataset.LabelMap;
import io.cxr4j.experiment.ExperimentData;
import io.cxr4j.experiment.ModelEvaluation;
import io.cxr4j.core.testing.SharedData;
import io.cxr4j.core.config.TrainingConfig;
import io.cxr4j.core.training.TrainingRequest;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The command line end to end in local mode: options reach the library, results are written and printed. */
class SparkCommandTest {

    @TempDir
    static Path temp;

    static Path model;

    @BeforeAll
    static void train() throws IOException {
        Path seed = SharedData.require("seed");
        List<Sample> samples = new ArrayList<>();
        try (Stream<Path> files = Files.walk(seed)) {
            files.filter(Files::isRegularFile).filter(f -> !f.getParent().equals(seed)).sorted()
                    .forEach(f -> samples.add(Sample.of(f, f.getParent().getFileName().toString())));
        }
        XrayDataset dataset = new XrayDataset("seed", List.of("covid", "normal"), samples);
        model = temp.resolve("model");
        Engines.discover().require("pytorch").train(TrainingRequest.of(dataset, null, TrainingConfig.builder()
                .optEpochs(1).optPreprocessing(PreprocessingSpec.defaults().withImageSize(32)).build(), model));
    }

    @Test
    void predictWritesCsvWithOneRowPerFileAndExitsThreeForTheUnreadableOne() throws IOException {
        Path output = temp.resolve("predictions");
        StringWriter out = new StringWriter();
        int exit = new CommandLine(new SparkCommand()).setOut(new PrintWriter(out)).execute("predict", "--model",
                model.toString(), "--data", SharedData.require("seed").toString(), "--output", output.toString(),
                "--format", "csv", "--master", "local[2]");

        assertThat(exit).as(out.toString()).isEqualTo(3);
        assertThat(out.toString()).contains("50 images classified, 1 could not be read");
        List<String> lines = new ArrayList<>();
        try (Stream<Path> parts = Files.list(output)) {
            for (Path part : parts.filter(p -> p.getFileName().toString().endsWith(".csv")).toList()) {
                List<String> content = Files.readAllLines(part);
                assertThat(content.get(0)).startsWith("path,label,patient_id,view,source,prediction,p_covid,p_normal");
                lines.addAll(content.subList(1, content.size()));
            }
        }
        assertThat(lines).hasSize(51);
        assertThat(lines).filteredOn(l -> l.contains("metadata.csv")).singleElement()
                .satisfies(l -> assertThat(l).contains("NOT_AN_IMAGE"));
    }

    @Test
    void evaluateOfAFolderGivesTheReportOfCxr4jEvaluateWithItsGuardsAndWritesIt() throws IOException {
        Path output = temp.resolve("evaluation");
        StringWriter out = new StringWriter();
        int exit = new CommandLine(new SparkCommand()).setOut(new PrintWriter(out)).execute("evaluate", "--model",
                model.toString(), "--data", SharedData.require("seed").toString(), "--master", "local[2]",
                "--output", output.toString());

        assertThat(exit).as(out.toString()).isZero();
        assertThat(out.toString()).contains("# cxr4j evaluate on 'seed'").contains("## Test results")
                .contains("sensitivity (95% CI)").contains("WARNING: Each class of data set 'seed' comes from its own source")
                .contains("are images the model was trained on");
        assertThat(output.resolve("report.json")).exists();
        assertThat(Files.readString(output.resolve("report.json"))).contains("\"evaluation\"").contains("\"warnings\"");
    }

    /**
     * Spark's {@code evaluate} and the library's {@link ModelEvaluation} (what {@code cxr4j
     * evaluate} runs) on one model and one data set, with an unreadable image among them, write the
     * same report.json: every field is compared, and only the fields listed in {@link
     * #MAY_DIFFER} may differ.
     */
    @Test
    void evaluateWritesTheReportJsonOfTheLibrarysEvaluationFieldForField() throws IOException {
        Path data = temp.resolve("seed-with-a-broken-image");
        Path seed = SharedData.require("seed");
        try (Stream<Path> files = Files.walk(seed)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Path copy = data.resolve(seed.relativize(file).toString());
                Files.createDirectories(copy.getParent());
                Files.copy(file, copy);
            }
        }
        Files.write(data.resolve("covid/broken.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 1, 2});
        Path sparkOutput = temp.resolve("parity-spark");
        StringWriter out = new StringWriter();
        int exit = new CommandLine(new SparkCommand()).setOut(new PrintWriter(out)).execute("evaluate", "--model",
                model.toString(), "--data", data.toString(), "--master", "local[2]", "--output",
                sparkOutput.toString());
        assertThat(exit).as(out.toString()).isEqualTo(3);

        Path libraryOutput = temp.resolve("parity-library");
        try (XrayClassifier classifier = XrayClassifier.load(model)) {
            ExperimentData loaded = ExperimentData.of(DatasetRegistry.create().load(data, LabelMap.binary()));
            ModelEvaluation.builder(classifier, loaded).build().run().writeTo(libraryOutput);
        }

        JsonObject spark = JsonParser.parseString(Files.readString(sparkOutput.resolve("report.json")))
                .getAsJsonObject();
        JsonObject library = JsonParser.parseString(Files.readString(libraryOutput.resolve("report.json")))
                .getAsJsonObject();
        List<String> differences = new ArrayList<>();
        compare("", spark, library, differences);
        assertThat(differences).as("fields that differ").allSatisfy(path -> assertThat(MAY_DIFFER).contains(path))
                .contains("arguments");
        assertThat(spark.getAsJsonArray("skippedImages")).hasSize(1);
        // seed's metadata gives every image its source, and each source holds one class.
        com.google.gson.JsonArray sources = spark.getAsJsonObject("bySource").getAsJsonArray("sources");
        assertThat(sources).hasSize(2);
        JsonObject kermany = sources.get(0).getAsJsonObject();
        JsonObject ieee = sources.get(1).getAsJsonObject();
        assertThat(kermany.get("source").getAsString()).startsWith("Kermany");
        assertThat(kermany.getAsJsonObject("classCounts").get("normal").getAsInt()).isEqualTo(25);
        assertThat(kermany.has("sensitivity")).isFalse();
        assertThat(kermany.getAsJsonObject("specificity").get("trials").getAsInt()).isEqualTo(25);
        assertThat(ieee.get("source").getAsString()).isEqualTo("ieee8023/covid-chestxray-dataset");
        assertThat(ieee.getAsJsonObject("sensitivity").get("trials").getAsInt()).as("the broken image is skipped")
                .isEqualTo(25);
        assertThat(ieee.has("specificity")).isFalse();
        assertThat(ieee.has("auc")).isFalse();
        assertThat(ieee.getAsJsonArray("notReported")).hasSize(2);
    }

    /** The report.json fields that differ between a Spark and a library evaluation, and why. */
    private static final List<String> MAY_DIFFER = List.of(
            // The command line each was started with: the Spark command's options, none from code.
            "arguments",
            // When each report was written.
            "createdAt");

    /** Collects the paths (such as {@code evaluation.accuracy.value}) where two JSON trees differ. */
    private static void compare(String path, JsonElement a, JsonElement b, List<String> differences) {
        if (a == null || b == null || a.isJsonPrimitive() || a.isJsonNull() || b.isJsonPrimitive() || b.isJsonNull()
                || a.isJsonArray() != b.isJsonArray()) {
            if (!java.util.Objects.equals(a, b)) {
                differences.add(path);
            }
        } else if (a.isJsonArray()) {
            if (a.getAsJsonArray().size() != b.getAsJsonArray().size()) {
                differences.add(path);
                return;
            }
            for (int i = 0; i < a.getAsJsonArray().size(); i++) {
                compare(path + "[" + i + "]", a.getAsJsonArray().get(i), b.getAsJsonArray().get(i), differences);
            }
        } else {
            java.util.Set<String> keys = new java.util.TreeSet<>(a.getAsJsonObject().keySet());
            keys.addAll(b.getAsJsonObject().keySet());
            for (String key : keys) {
                compare(path.isEmpty() ? key : path + "." + key, a.getAsJsonObject().get(key),
                        b.getAsJsonObject().get(key), differences);
            }
        }
    }

    @Test
    void explainWritesTheOverlaysAndHeatMapsOfTheListedImagesAndATableWithTheUnreadableOne() throws IOException {
        Path data = Files.createDirectories(temp.resolve("explain-data/covid"));
        Path image = SharedData.require("seed").resolve("covid").toFile().listFiles()[0].toPath();
        Files.copy(image, data.resolve("good.jpg"));
        Files.copy(image, data.resolve("not-listed.jpg"));
        Files.write(data.resolve("empty.png"), new byte[0]);
        Path list = temp.resolve("explain-data/list.txt");
        Files.writeString(list, "# the images to explain\ncovid/good.jpg\n\n" + data.resolve("empty.png") + "\n");
        Path output = temp.resolve("explain-output");
        StringWriter out = new StringWriter();
        int exit = new CommandLine(new SparkCommand()).setOut(new PrintWriter(out)).execute("explain", "--model",
                model.toString(), "--data", data.getParent().toString(), "--images", list.toString(), "--output",
                output.toString(), "--master", "local[2]");

        assertThat(exit).as(out.toString()).isEqualTo(3);
        assertThat(out.toString()).contains("1 images explained, 1 could not be read")
                .contains("empty.png: not explained").doesNotContain("not-listed");
        try (Stream<Path> files = Files.list(output)) {
            assertThat(files.map(p -> p.getFileName().toString()).toList())
                    .anySatisfy(f -> assertThat(f).startsWith("good-").endsWith(".gradcam.png"))
                    .anySatisfy(f -> assertThat(f).startsWith("good-").endsWith(".gradcam.npy"))
                    .contains("explanations").noneSatisfy(f -> assertThat(f).startsWith("not-listed"));
        }
        List<String> table = new ArrayList<>();
        try (Stream<Path> parts = Files.list(output.resolve("explanations"))) {
            for (Path part : parts.filter(p -> p.getFileName().toString().endsWith(".csv")).toList()) {
                table.addAll(Files.readAllLines(part));
            }
        }
        assertThat(table.get(0)).startsWith("path,label,patient_id,view,source,prediction,p_covid,p_normal,"
                + "explained_class,heat_map_max,overlay,heat_map,problem_kind,problem");
        assertThat(table).hasSize(3).anySatisfy(l -> assertThat(l).contains("empty.png").contains("EMPTY_FILE"));
    }

    @Test
    void evaluateOfAManifestPrintsTheMergedClassificationReportAndTheUnreadableFiles() throws IOException {
        Path list = temp.resolve("list.csv");
        Path image = SharedData.require("seed").resolve("covid").toFile().listFiles()[0].toPath();
        Files.writeString(list, "path,label\n" + image + ",covid\n" + temp.resolve("missing.png") + ",normal\n");
        StringWriter out = new StringWriter();
        int exit = new CommandLine(new SparkCommand()).setOut(new PrintWriter(out)).execute("evaluate", "--model",
                model.toString(), "--data", list.toString(), "--master", "local[2]");

        assertThat(exit).as(out.toString()).isEqualTo(3);
        assertThat(out.toString()).contains("Classification report on 1 images").contains("95% CI")
                .contains("skipped").contains("missing.png");
    }
}
