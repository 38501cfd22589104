package io.cxr4j.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.cxr4j.core.io.FileTrees;
import io.cxr4j.core.testing.SyntheticImages;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Runs the command-line tool as a user would, on a small synthetic folder-per-class data set. */
class Cxr4jCommandTest {

    @TempDir
    static Path temp;

    private static Path data;
    private static Run training;

    record Run(int exitCode, String out, String err) {}

    static Run cxr4j(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream originalOut = System.out;
        PrintStream originalErr = System.err;
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int code = Cxr4jCommand.run(args);
            return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(originalOut);
            System.setErr(originalErr);
        }
    }

    @BeforeAll
    static void trainOnSyntheticFolders() throws IOException {
        data = SyntheticImages.squaresAndNoise(temp.resolve("xrays"), 16, 5);
        training = cxr4j("train", "--data", data.toString(), "--image-size", "32", "--epochs", "6",
                "--batch-size", "8", "--no-augmentation", "--output", temp.resolve("run").toString());
        // Added after training, for the commands that must report and skip it.
        Files.writeString(data.resolve("normal").resolve("corrupt.png"), "not a png");
    }

    @Test
    void trainWritesModelAndReportAndPrintsTheTrustedReport() throws IOException {
        assertThat(training.exitCode()).as(training.err()).isZero();
        assertThat(training.out())
                .contains("Data set 'xrays'")
                .contains("precision    recall  f1-score   support")
                .contains("sensitivity")
                .contains("specificity")
                .contains("95% CI")
                .contains("WARNING: Only 10 test images")
                .contains("WARNING: No image of data set 'xrays' carries a patient id");
        Path report = temp.resolve("run/report.json");
        JsonObject json = JsonParser.parseString(Files.readString(report)).getAsJsonObject();
        // Warnings travel with the numbers they qualify.
        assertThat(json.getAsJsonArray("warnings")).extracting(JsonElement::getAsString)
                .anySatisfy(w -> assertThat(w).startsWith("No image of data set 'xrays' carries a patient id"))
                .anySatisfy(w -> assertThat(w).startsWith("Only 10 test images"));
        assertThat(Files.readString(temp.resolve("run/report.md")))
                .contains("## Warnings\n\n- No image of data set 'xrays' carries a patient id")
                .contains("- Only 10 test images");
        JsonObject evaluation = json.getAsJsonObject("evaluation");
        assertThat(evaluation.get("testSize").getAsInt()).isEqualTo(10);
        assertThat(evaluation.getAsJsonObject("accuracy").get("trials").getAsInt()).isEqualTo(10);
        assertThat(json.getAsJsonObject("split").getAsJsonArray("testImages")).hasSize(10);
        assertThat(json.getAsJsonArray("history")).hasSize(6);
        assertThat(json.get("engine").getAsString()).isEqualTo("pytorch");
        assertThat(temp.resolve("run/model/model.json")).isRegularFile();
        assertThat(json.getAsJsonObject("dataset").getAsJsonObject("checksum").get("sha256").getAsString()).hasSize(64);
        assertThat(json.getAsJsonObject("versions").get("engineVersion").getAsString()).isNotBlank();
        assertThat(json.get("splitFile").getAsString()).isEqualTo("split.tsv");
        assertThat(json.getAsJsonObject("curves").getAsJsonArray("roc")).hasSize(2);
        assertThat(temp.resolve("run/split.tsv")).isRegularFile();
        assertThat(Files.readString(temp.resolve("run/report.md"))).contains("| positive class | n |")
                .contains("AUC (95% CI, DeLong)").contains("![roc](roc.png)");
        assertPlots(temp.resolve("run"), List.of("accuracy", "loss", "roc", "precision-recall", "confusion-matrix",
                "reliability"));
    }

    @Test
    void trainAuditsTheDataFirstAndSaysSoInTheReportUnlessToldNotTo() throws IOException {
        Path copied = SyntheticImages.squaresAndNoise(temp.resolve("duplicated"), 8, 11);
        Files.copy(copied.resolve("covid/c0.png"), copied.resolve("normal/also-c0.png"));
        Path audited = temp.resolve("audited");
        Run run = cxr4j("train", "--data", copied.toString(), "--image-size", "32", "--epochs", "1",
                "--no-augmentation", "--output", audited.toString());
        Run unaudited = cxr4j("train", "--data", copied.toString(), "--image-size", "32", "--epochs", "1",
                "--no-augmentation", "--no-audit", "--output", temp.resolve("unaudited").toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        // The normal images of this set are all alike, so most pairs are within a class.
        assertThat(run.out()).contains("WARNING: Data audit: ").contains("pair(s) of byte-identical images (1 across classes)")
                .contains("cxr4j audit with the same --data or --dataset and --labels lists the files");
        assertThat(Files.readString(audited.resolve("report.md"))).contains("pair(s) of byte-identical images (1 across classes)");
        assertThat(unaudited.exitCode()).as(unaudited.err()).isZero();
        assertThat(unaudited.out()).doesNotContain("Data audit");
    }

    @Test
    void trainRerunsASavedSplit() throws IOException {
        Path again = temp.resolve("same-split");
        Run run = cxr4j("train", "--data", data.toString(), "--split-file", temp.resolve("run/split.tsv").toString(),
                "--test-fraction", "0.5", "--image-size", "32", "--epochs", "1", "--no-augmentation", "--output",
                again.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("Using the split saved in").contains("WARNING: --test-fraction is ignored")
                // corrupt.png came after the split was saved
                .contains("split.tsv does not list 1 image(s) of data set 'xrays': they are neither trained nor tested");
        JsonObject first = JsonParser.parseString(Files.readString(temp.resolve("run/report.json"))).getAsJsonObject()
                .getAsJsonObject("split");
        JsonObject second = JsonParser.parseString(Files.readString(again.resolve("report.json"))).getAsJsonObject()
                .getAsJsonObject("split");
        for (String side : List.of("trainImages", "testImages")) {
            assertThat(second.getAsJsonArray(side)).as(side).isEqualTo(first.getAsJsonArray(side));
        }
        assertThat(Files.readString(again.resolve("split.tsv"))).isEqualTo(Files.readString(temp.resolve("run/split.tsv")));
    }

    static void assertPlots(Path folder, List<String> names) throws IOException {
        for (String name : names) {
            java.awt.image.BufferedImage image = javax.imageio.ImageIO.read(folder.resolve(name + ".png").toFile());
            assertThat(image).as(name).isNotNull();
            assertThat(image.getWidth()).isEqualTo(io.cxr4j.core.report.Plots.WIDTH);
            assertThat(image.getHeight()).isEqualTo(io.cxr4j.core.report.Plots.HEIGHT);
        }
    }

    @Test
    void crossValidateWritesFoldsReportsAndRerunsTheSameFolds() throws IOException {
        Path first = temp.resolve("cv");
        Run run = cxr4j("cross-validate", "--data", data.toString(), "--folds", "2", "--epochs", "1",
                "--image-size", "32", "--no-augmentation", "--target-sensitivity", "0.9",
                "--validation-fraction", "0.25", "--output", first.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("## Mean across folds").contains("## Pooled over all 32 test images")
                .contains("fold-2:").contains("skipped").contains("corrupt.png")
                .contains("WARNING: Only 32 test images pooled over the test folds: the 95% interval");
        JsonObject json = JsonParser.parseString(Files.readString(first.resolve("report.json"))).getAsJsonObject();
        assertThat(json.getAsJsonArray("warnings")).extracting(JsonElement::getAsString)
                .anySatisfy(w -> assertThat(w).startsWith("Only 32 test images pooled over the test folds"))
                .anySatisfy(w -> assertThat(w).startsWith("No image of data set 'xrays' carries a patient id"));
        assertThat(Files.readString(first.resolve("report.md"))).contains("## Warnings\n\n- ");
        JsonArray perFold = json.getAsJsonArray("perFold");
        assertThat(perFold).hasSize(2);
        assertThat(json.getAsJsonObject("acrossFolds").getAsJsonObject("accuracy").get("folds").getAsInt())
                .isEqualTo(2);
        assertThat(json.getAsJsonArray("pooled")).hasSize(1);
        JsonObject pooled = json.getAsJsonArray("pooled").get(0).getAsJsonObject();
        assertThat(pooled.get("testImages").getAsInt()).isEqualTo(32);
        assertThat(pooled.getAsJsonObject("evaluation").get("testSize").getAsInt()).isEqualTo(32);
        // The pooled operating point adds up every fold's own threshold's outcomes on its test fold.
        for (String rate : List.of("sensitivity", "specificity")) {
            for (String count : List.of("successes", "trials")) {
                int sum = 0;
                for (var fold : perFold) {
                    sum += fold.getAsJsonObject().getAsJsonObject("operatingPoint").getAsJsonObject("test")
                            .getAsJsonObject(rate).get(count).getAsInt();
                }
                assertThat(pooled.getAsJsonObject("operatingPoint").getAsJsonObject(rate).get(count).getAsInt())
                        .as(rate + " " + count).isEqualTo(sum);
            }
        }
        assertThat(perFold.asList()).anySatisfy(fold -> assertThat(fold.getAsJsonObject()
                .getAsJsonArray("skippedImages").toString()).contains("corrupt.png"));
        assertThat(Files.readString(first.resolve("report.md"))).contains("## Skipped images").contains("corrupt.png");
        assertThat(Files.readString(first.resolve("folds.tsv"))).contains("# kind\tcross-validation")
                .contains("\nr1f1-test\t").contains("\nr1f2-test\t").doesNotContain("\nr1f3-test\t");
        assertPlots(first, List.of("accuracy", "loss", "roc", "precision-recall", "confusion-matrix", "reliability"));
        assertPlots(first.resolve("fold-1"), List.of("roc", "reliability"));

        Path again = temp.resolve("cv-again");
        Run rerun = cxr4j("cross-validate", "--data", data.toString(), "--folds-file",
                first.resolve("folds.tsv").toString(), "--folds", "3", "--epochs", "1", "--image-size", "32",
                "--no-augmentation", "--output", again.toString());
        assertThat(rerun.exitCode()).as(rerun.err()).isZero();
        assertThat(rerun.out()).contains("WARNING: --folds is ignored");
        JsonArray rerunFolds = JsonParser.parseString(Files.readString(again.resolve("report.json")))
                .getAsJsonObject().getAsJsonArray("perFold");
        // Sizes come from the file: the default --validation-fraction 0.1 would carve other validation parts.
        for (int i = 0; i < 2; i++) {
            for (String size : List.of("trainSize", "validationSize", "testSize")) {
                assertThat(rerunFolds.get(i).getAsJsonObject().get(size).getAsInt()).as(size)
                        .isEqualTo(perFold.get(i).getAsJsonObject().get(size).getAsInt());
            }
        }
    }

    @Test
    void crossValidateResumesAnInterruptedRunFoldByFold() throws IOException {
        List<String> common = List.of("cross-validate", "--data", data.toString(), "--folds", "3", "--image-size",
                "32", "--no-augmentation", "--validation-fraction", "0", "--batch-size", "8");
        Path whole = temp.resolve("cv-whole");
        Path resumed = temp.resolve("cv-resumed");
        Path shorter = temp.resolve("cv-one-epoch");
        for (Path output : List.of(whole, resumed)) {
            assertThat(cxr4j(args(common, "--epochs", "2", "--output", output.toString())).exitCode()).isZero();
        }
        assertThat(cxr4j(args(common, "--epochs", "1", "--output", shorter.toString())).exitCode()).isZero();
        JsonArray killedFold = perFold(shorter).get(1).getAsJsonObject().getAsJsonArray("history");
        // The state a kill leaves: fold 1 finished, fold 2 killed after its first epoch of two, fold 3 not
        // started. Fold 1's checkpoint gets recorded epoch times no rerun could reproduce.
        Files.delete(resumed.resolve("report.json"));
        editCheckpoint(resumed.resolve("fold-1/model.checkpoints"), checkpoint -> checkpoint
                .getAsJsonArray("history").forEach(e -> e.getAsJsonObject().addProperty("seconds", 1000)));
        FileTrees.deleteRecursively(resumed.resolve("fold-2"));
        Files.createDirectories(resumed.resolve("fold-2"));
        Files.move(shorter.resolve("fold-2/model.checkpoints"), resumed.resolve("fold-2/model.checkpoints"));
        editCheckpoint(resumed.resolve("fold-2/model.checkpoints"), checkpoint -> checkpoint
                .getAsJsonObject("config").addProperty("epochs", 2));
        FileTrees.deleteRecursively(resumed.resolve("fold-3"));
        String finishedModel = Files.readString(resumed.resolve("fold-1/model/model.json"));

        Run fresh = cxr4j(args(common, "--epochs", "2", "--output", resumed.toString()));

        assertThat(fresh.exitCode()).as("a fresh run would discard fold 2's epoch").isNotZero();
        assertThat(fresh.err()).contains("fold-2").contains("stopped after epoch 1 of 2")
                .contains("cross-validate --resume");
        assertThat(resumed.resolve("fold-1/model/model.json")).as("refused before fold 1 was trained again")
                .hasContent(finishedModel);

        Run run = cxr4j(args(common, "--epochs", "2", "--resume", "--output", resumed.toString()));

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("Resuming the 3 folds of " + resumed.resolve("folds.tsv").toAbsolutePath());
        JsonArray reference = perFold(whole);
        JsonArray folds = perFold(resumed);
        assertThat(folds).hasSize(3);
        for (int f = 0; f < 3; f++) {
            JsonArray history = folds.get(f).getAsJsonObject().getAsJsonArray("history");
            assertThat(history).as("fold %d trained its 2 epochs in all", f + 1).hasSize(2);
            // Training is deterministic, so each epoch repeats exactly unless it followed the resume
            // point (the PyTorch engine restarts Adam's moments there).
            int exact = f == 1 ? 1 : 2;
            for (int e = 0; e < exact; e++) {
                assertThat(trainLoss(history, e)).as("fold %d epoch %d", f + 1, e + 1)
                        .isEqualTo(trainLoss(reference.get(f).getAsJsonObject().getAsJsonArray("history"), e));
            }
        }
        JsonObject finished = folds.get(0).getAsJsonObject();
        assertThat(finished.getAsJsonArray("history")).allSatisfy(epoch -> assertThat(
                epoch.getAsJsonObject().get("seconds").getAsDouble()).as("not trained again").isEqualTo(1000));
        assertThat(finished.get("trainingSeconds").getAsDouble()).as("the recorded epochs' time, on every resume")
                .isEqualTo(2000);
        assertThat(folds.get(1).getAsJsonObject().getAsJsonArray("history").get(0)).isEqualTo(killedFold.get(0));
        assertThat(accuracy(finished)).as("the finished fold's model scores as before")
                .isEqualTo(accuracy(reference.get(0)));
        assertThat(accuracy(folds.get(2))).isEqualTo(accuracy(reference.get(2)));
        assertThat(resumed.resolve("report.md")).exists();
    }

    @Test
    void aCrossValidationKilledBetweenFoldsIsNeitherRetrainedNorResumedWithOtherFolds() throws IOException {
        Path output = temp.resolve("cv-killed-between-folds");
        List<String> common = List.of("cross-validate", "--data", data.toString(), "--image-size", "32", "--epochs",
                "1", "--no-augmentation", "--validation-fraction", "0", "--output", output.toString());
        assertThat(cxr4j(args(common, "--folds", "2")).exitCode()).isZero();
        Files.delete(output.resolve("report.json")); // killed after the last fold, before the report
        String foldModel = Files.readString(output.resolve("fold-1/model/model.json"));

        Run fresh = cxr4j(args(common, "--folds", "2"));
        Run otherFolds = cxr4j(args(common, "--folds", "3", "--resume"));

        assertThat(fresh.exitCode()).isNotZero();
        assertThat(fresh.err()).contains("stopped before its report (2 fold(s) trained").contains("--resume");
        assertThat(otherFolds.exitCode()).isNotZero();
        assertThat(otherFolds.err()).contains("drew its folds with other options: --folds 2 (now 3)");
        assertThat(output.resolve("fold-1/model/model.json")).hasContent(foldModel);
        assertThat(cxr4j(args(common, "--folds", "2", "--resume")).exitCode()).isZero();
        assertThat(output.resolve("report.json")).isRegularFile();
    }

    private static void editCheckpoint(Path folder, java.util.function.Consumer<JsonObject> change)
            throws IOException {
        Path file = folder.resolve("checkpoint.json");
        JsonObject checkpoint = JsonParser.parseString(Files.readString(file)).getAsJsonObject();
        change.accept(checkpoint);
        Files.writeString(file, checkpoint.toString());
    }

    private static String[] args(List<String> common, String... more) {
        List<String> all = new ArrayList<>(common);
        all.addAll(List.of(more));
        return all.toArray(String[]::new);
    }

    private static JsonArray perFold(Path output) throws IOException {
        return JsonParser.parseString(Files.readString(output.resolve("report.json"))).getAsJsonObject()
                .getAsJsonArray("perFold");
    }

    private static double trainLoss(JsonArray history, int epoch) {
        return history.get(epoch).getAsJsonObject().get("trainLoss").getAsDouble();
    }

    private static JsonObject accuracy(com.google.gson.JsonElement fold) {
        return fold.getAsJsonObject().getAsJsonObject("evaluation").getAsJsonObject("accuracy");
    }

    @Test
    void convertRefusesAnOutputFolderThatHoldsOtherFiles() throws IOException {
        Path folder = Files.createDirectories(temp.resolve("my-models"));
        Files.writeString(folder.resolve("README.txt"), "notes");

        Run run = cxr4j("convert", "--model", temp.resolve("run/model").toString(), "--to", "tensorflow",
                "--output", folder.toString());

        assertThat(run.exitCode()).isNotZero();
        assertThat(run.err()).contains("is not a model").contains("README.txt").doesNotContain("Exception");
        assertThat(folder.resolve("README.txt")).hasContent("notes");
    }

    @Test
    void crossValidatePoolsEachRepeatOnItsOwn() throws IOException {
        Path output = temp.resolve("cv-repeats");
        Run run = cxr4j("cross-validate", "--data", data.toString(), "--folds", "2", "--repeats", "2", "--epochs",
                "1", "--image-size", "32", "--no-augmentation", "--validation-fraction", "0", "--output",
                output.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonObject json = JsonParser.parseString(Files.readString(output.resolve("report.json"))).getAsJsonObject();
        assertThat(json.getAsJsonArray("perFold")).hasSize(4);
        JsonArray pooled = json.getAsJsonArray("pooled");
        assertThat(pooled).hasSize(2);
        for (int r = 0; r < 2; r++) {
            assertThat(pooled.get(r).getAsJsonObject().get("repeat").getAsInt()).isEqualTo(r + 1);
            assertThat(pooled.get(r).getAsJsonObject().get("testImages").getAsInt()).as("each image once").isEqualTo(32);
        }
        assertThat(Files.readString(output.resolve("report.md")))
                .contains("## Repeat 1: pooled over its 32 test images")
                .contains("## Repeat 2: pooled over its 32 test images").contains("this t interval is too narrow")
                .contains("](repeat-2/roc.png)");
        assertPlots(output, List.of("accuracy", "loss"));
        assertPlots(output.resolve("repeat-2"), List.of("roc", "precision-recall", "confusion-matrix", "reliability"));
    }

    @Test
    void crossValidateRefusesATargetSensitivityWithFoldsThatHaveNoValidationPart() throws IOException {
        Path output = temp.resolve("cv-no-validation");
        Path foldsFile = temp.resolve("no-validation-folds.json");
        List<String> test = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            test.add("covid/c" + i + ".png");
        }
        // The folds.json of earlier versions, which --folds-file still reads.
        Files.writeString(foldsFile, "{\"formatVersion\": 1, \"dataset\": \"xrays\", \"classNames\": [\"covid\","
                + " \"normal\"], \"strategy\": \"image\", \"seed\": 1, \"folds\": 1, \"repeats\": 1,"
                + " \"validationFraction\": 0, \"datasetChecksum\": {\"sha256\": \"ab\", \"files\": 33},"
                + " \"assignments\": [{\"repeat\": 1, \"fold\": 1, \"test\": [\"" + String.join("\", \"", test)
                + "\"], \"validation\": []}]}");

        Run run = cxr4j("cross-validate", "--data", data.toString(), "--folds-file", foldsFile.toString(),
                "--target-sensitivity", "0.9", "--validation-fraction", "0", "--epochs", "1", "--image-size", "32",
                "--output", output.toString());

        assertThat(run.exitCode()).isNotZero();
        assertThat(run.err()).contains("--target-sensitivity needs a validation part").contains("fold-1")
                .contains(foldsFile.toString()).doesNotContain("Exception");
        assertThat(output.resolve("fold-1/model")).doesNotExist();
    }

    @Test
    void predictPrintsOneLinePerImageWithSixDecimalsAndReportsBadFiles() {
        Run run = cxr4j("predict", "--model", temp.resolve("run/model").toString(), data.resolve("covid").toString(),
                data.resolve("normal/corrupt.png").toString());
        List<String> lines = run.out().lines().toList();
        assertThat(lines).hasSize(16);
        assertThat(lines).allSatisfy(line -> assertThat(line)
                .matches(".*c\\d+\\.png\t(covid|normal)\tcovid=\\d\\.\\d{6}\tnormal=\\d\\.\\d{6}"));
        assertThat(run.err()).contains("skipped").contains("corrupt.png");
        assertThat(run.exitCode()).isEqualTo(ExitCodes.SKIPPED_IMAGES);
    }

    @Test
    void predictAndEvaluateAgreeOnExitCodesAndDocumentThem() {
        String model = temp.resolve("run/model").toString();
        // corrupt.png sits among the normal images: both commands skip it, name it, and exit 3.
        Run predict = cxr4j("predict", "--model", model, data.toString());
        Run evaluate = cxr4j("evaluate", "--model", model, "--no-audit", "--data", data.toString());
        for (Run run : List.of(predict, evaluate)) {
            assertThat(run.exitCode()).as(run.err()).isEqualTo(3);
            assertThat(run.out() + run.err()).contains("corrupt.png");
        }
        Run clean = cxr4j("predict", "--model", model, data.resolve("covid").toString());
        assertThat(clean.exitCode()).as(clean.err()).isZero();
        for (String command : List.of("predict", "evaluate", "explain")) {
            assertThat(cxr4j(command, "--help").out()).as(command).contains("Exit codes:")
                    .containsPattern("0 +Every image was decoded and scored")
                    .containsPattern("1 +The run failed")
                    .containsPattern("3 +The run finished, but some images could not be decoded");
        }
    }

    @Test
    void aSymbolicLinkLoopIsCalledALoop() throws IOException {
        Path loop = temp.resolve("loop.png");
        Files.createSymbolicLink(loop, loop);

        Run run = cxr4j("predict", "--model", temp.resolve("run/model").toString(), loop.toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains(loop + " is a symbolic-link loop")
                .contains("point the link at the real file or folder, or remove it")
                .doesNotContain("no such file").doesNotContain("\tat ");
    }

    @Test
    @Timeout(120) // a batch size of 0 used to loop forever
    void aBatchSizeBelowOneIsAClearError() {
        String model = temp.resolve("run/model").toString();
        for (String size : List.of("0", "-1")) {
            Run predict = cxr4j("predict", "--model", model, "--batch-size", size, data.resolve("covid").toString());
            Run evaluate = cxr4j("evaluate", "--model", model, "--batch-size", size, "--data", data.toString());
            for (Run run : List.of(predict, evaluate)) {
                assertThat(run.exitCode()).isNotZero();
                assertThat(run.err()).contains("--batch-size must be at least 1, was " + size);
            }
        }
    }

    @Test
    void aReportDoesNotOverwriteAnotherCommandsReport() throws IOException {
        Path trainRun = temp.resolve("run");
        String trainReport = Files.readString(trainRun.resolve("report.json"));

        Run run = cxr4j("evaluate", "--model", trainRun.resolve("model").toString(), "--data", data.toString(),
                "--output", trainRun.toString());

        assertThat(run.exitCode()).isNotZero();
        assertThat(run.err()).contains("holds the report of an earlier 'train' run").contains("Name another folder");
        assertThat(trainRun.resolve("report.json")).hasContent(trainReport);
    }

    @Test
    void aTargetSensitivityWithoutACovidClassSaysWhichClassItIsFor() throws IOException {
        Path renamed = Files.createDirectories(temp.resolve("renamed"));
        Files.createSymbolicLink(renamed.resolve("sick"), data.resolve("covid"));
        Files.createSymbolicLink(renamed.resolve("well"), data.resolve("normal"));

        Run run = cxr4j("train", "--data", renamed.toString(), "--labels", "folders", "--target-sensitivity", "0.9",
                "--epochs", "1", "--image-size", "32", "--output", temp.resolve("renamed-run").toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("No class is named covid: --target-sensitivity sets the threshold on p(sick)")
                .contains("p(sick) >=");
    }

    @Test
    void evaluateScoresAFolderAndWritesItsReport() throws IOException {
        Run run = cxr4j("evaluate", "--model", temp.resolve("run/model").toString(), "--data", data.toString(),
                "--output", temp.resolve("eval").toString());
        // It scored every image but corrupt.png, which it names.
        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.SKIPPED_IMAGES);
        assertThat(run.out()).contains("Classification report on 32 test images").contains("corrupt.png");
        // The folder the model was trained on: its 22 training images, and 5 test images byte-identical to
        // training images (this set's normal images are all alike).
        assertThat(run.out()).contains("WARNING: 27 of the 32 images scored from data set 'xrays' are images the"
                + " model was trained on (same file content");
        assertThat(temp.resolve("eval/report.json")).isRegularFile();
        assertThat(temp.resolve("eval/report.md")).isRegularFile();
        assertThat(temp.resolve("eval/roc.png")).isRegularFile();
        assertThat(temp.resolve("eval/accuracy.png")).doesNotExist();
        assertThat(run.out()).contains("covid vs rest: AUC").contains("average precision")
                .contains("Expected calibration error");
        // The console shows report.json's exact AUC, with no bound beside it: nothing is binned.
        JsonArray rocCurves = JsonParser.parseString(Files.readString(temp.resolve("eval/report.json")))
                .getAsJsonObject().getAsJsonObject("curves").getAsJsonArray("roc");
        JsonObject covidRoc = rocCurves.asList().stream().map(JsonElement::getAsJsonObject)
                .filter(roc -> roc.get("positiveClass").getAsString().equals("covid")).findFirst().orElseThrow();
        String aucLine = run.out().lines().filter(l -> l.startsWith("covid vs rest: AUC")).findFirst().orElseThrow();
        assertThat(aucLine).startsWith(String.format(Locale.ROOT, "covid vs rest: AUC %.3f (",
                covidRoc.get("auc").getAsDouble()));
        assertThat(covidRoc.has("binningError")).isFalse();
        assertThat(temp.resolve("eval/report.md")).content().contains("## Skipped images").contains("corrupt.png")
                .contains("average precision (chance)");
    }

    @Test
    void optionsThatCannotWorkFailBeforeAnyImageIsRead() throws IOException {
        Path output = temp.resolve("never-written");
        Run tooSmall = cxr4j("train", "--data", data.toString(), "--image-size", "16", "--output", output.toString());
        assertThat(tooSmall.exitCode()).isEqualTo(1);
        assertThat(tooSmall.err()).contains("Image size 16 is too small for darkcovidnet").contains("at least 32")
                .doesNotContain("\tat ");
        assertThat(tooSmall.out()).doesNotContain("Data set");
        assertThat(output).doesNotExist();

        Run vgg = cxr4j("cross-validate", "--data", data.toString(), "--arch", "seed-vgg", "--image-size", "64",
                "--output", output.toString());
        assertThat(vgg.err()).contains("Image size 64 is too small for seed-vgg").contains("at least 128");
        assertThat(output).doesNotExist();

        Path file = Files.writeString(temp.resolve("a-file"), "x");
        assertThat(cxr4j("train", "--data", data.toString(), "--output", file.toString()).err())
                .contains("--output " + file + " is a file, not a folder");
        Path model = temp.resolve("run/model");
        assertThat(cxr4j("train", "--data", data.toString(), "--output", model.resolve("again").toString()).err())
                .contains("lies inside the model folder " + model.toAbsolutePath());
        assertThat(cxr4j("evaluate", "--model", model.toString(), "--data", data.toString(), "--output",
                model.toString()).err()).contains("is the model folder");
        assertThat(cxr4j("train", "--data", data.toString(), "--engine", "pytroch").err())
                .contains("'pytroch' is not an engine cxr4j publishes").doesNotContain("cxr4j-engine-pytroch");
        assertThat(cxr4j("train", "--data", data.toString(), "--test-fraction", "1.5").err())
                .contains("--test-fraction must lie strictly between 0 and 1");
        assertThat(cxr4j("train", "--data", data.toString(), "--split-file", temp.resolve("no.tsv").toString()).err())
                .contains("is not a file: pass the split.tsv that an earlier train run wrote");
    }

    @Test
    void aClassWithNoReadableTrainingImageStopsTheRun() throws IOException {
        Path broken = temp.resolve("unreadable-covid");
        for (int i = 0; i < 4; i++) {
            Files.writeString(Files.createDirectories(broken.resolve("covid")).resolve("c" + i + ".png"), "text");
            SyntheticImages.writeGrayPng(Files.createDirectories(broken.resolve("normal")).resolve("n" + i + ".png"),
                    64, 64);
        }
        Run run = cxr4j("train", "--data", broken.toString(), "--image-size", "32", "--epochs", "1",
                "--output", temp.resolve("unreadable-run").toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("No training image of class 'covid'").contains("could never learn it")
                .doesNotContain("\tat ");
        assertThat(temp.resolve("unreadable-run/model")).doesNotExist();
    }

    @Test
    void subcommandsPrintTheVersion() {
        Run run = cxr4j("train", "-V");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).startsWith("cxr4j ").contains("DJL");
    }

    @Test
    void everySubcommandHasHelp() {
        for (String command : List.of("train", "evaluate", "cross-validate", "predict", "explain", "convert",
                "audit")) {
            Run run = cxr4j(command, "--help");
            assertThat(run.exitCode()).isZero();
            assertThat(run.out()).contains("Usage: cxr4j " + command);
            assertThat(run.err()).as(command + " help formats cleanly").doesNotContain("WARN");
        }
        assertThat(cxr4j("train", "--help").out()).contains("--dataset").contains("--engine").contains("--seed");
        Run top = cxr4j("--help");
        assertThat(top.out()).contains("train").contains("evaluate").contains("predict").contains("convert");
        assertThat(top.err()).as("help texts format cleanly").doesNotContain("WARN");
    }

    @Test
    void flipAndWeightDecayAreRecordedInTheModelManifest() throws IOException {
        Path output = temp.resolve("flip");
        Run run = cxr4j("train", "--data", data.toString(), "--image-size", "32", "--epochs", "1",
                "--batch-size", "8", "--flip", "--weight-decay", "0.0001", "--output", output.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonObject training = JsonParser.parseString(Files.readString(output.resolve("model/model.json")))
                .getAsJsonObject().getAsJsonObject("training");
        assertThat(training.get("weightDecay").getAsDouble()).isEqualTo(1e-4);
        JsonObject augmentation = training.getAsJsonObject("augmentation");
        assertThat(augmentation.get("horizontalFlip").getAsBoolean()).isTrue();
        assertThat(augmentation.get("maxRotationDegrees").getAsDouble()).isEqualTo(10.0);
        assertThat(Files.readString(output.resolve("report.md"))).contains("- training: darkcovidnet, 1 epoch, batch 8,")
                .contains("weight decay 0.0001").contains("contrast 0.1, horizontal flips, float32");
    }

    @Test
    void theSeedsAugmentationAndKerasDecayAreRecordedInTheModelManifest() throws IOException {
        Path output = temp.resolve("seed-recipe");
        Run run = cxr4j("train", "--data", data.toString(), "--image-size", "32", "--epochs", "1",
                "--batch-size", "8", "--augmentation", "seed", "--schedule", "keras_decay", "--output",
                output.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("keras_decay schedule");
        JsonObject training = JsonParser.parseString(Files.readString(output.resolve("model/model.json")))
                .getAsJsonObject().getAsJsonObject("training");
        assertThat(training.get("schedule").getAsString()).isEqualTo("KERAS_DECAY");
        JsonObject augmentation = training.getAsJsonObject("augmentation");
        assertThat(augmentation.get("maxRotationDegrees").getAsDouble()).isEqualTo(10.0);
        assertThat(augmentation.get("maxZoom").getAsDouble()).isZero();
        assertThat(augmentation.get("fill").getAsString()).isEqualTo("NEAREST_EDGE");
        assertThat(augmentation.get("interpolation").getAsString()).isEqualTo("BILINEAR");
        assertThat(Files.readString(output.resolve("report.md"))).contains("bilinear, nearest-edge fill");

        Run unknown = cxr4j("train", "--data", data.toString(), "--augmentation", "keras");
        assertThat(unknown.exitCode()).isEqualTo(1);
        assertThat(unknown.err()).contains("Unknown --augmentation 'keras'; use default, seed or none.")
                .doesNotContain("\tat ");
        Run both = cxr4j("train", "--data", data.toString(), "--augmentation", "seed", "--no-augmentation");
        assertThat(both.exitCode()).isEqualTo(1);
        assertThat(both.err()).contains("--no-augmentation and --augmentation seed contradict").doesNotContain("\tat ");
    }

    @Test
    void intensityIsRecordedInTheModelManifestAndAnUnknownOneIsAClearError() throws IOException {
        Path output = temp.resolve("clahe");
        Run run = cxr4j("train", "--data", data.toString(), "--image-size", "32", "--epochs", "1",
                "--batch-size", "8", "--intensity", "clahe", "--output", output.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonObject model = JsonParser.parseString(Files.readString(output.resolve("model/model.json"))).getAsJsonObject();
        assertThat(model.getAsJsonObject("preprocessing").get("intensity").getAsString()).isEqualTo("CLAHE");
        assertThat(Files.readString(output.resolve("report.md"))).contains("32 px center_crop clahe, 1 channel(s)");

        Run unknown = cxr4j("train", "--data", data.toString(), "--intensity", "gamma");
        assertThat(unknown.exitCode()).isEqualTo(1);
        assertThat(unknown.err()).contains("Unknown --intensity 'gamma'; use none, equalize or clahe.")
                .doesNotContain("\tat ");
    }

    @Test
    void userErrorsGetOneClearLineAndNoStackTrace() {
        Run missingModel = cxr4j("predict", "--model", temp.resolve("nowhere").toString(), data.toString());
        assertThat(missingModel.exitCode()).isEqualTo(1);
        assertThat(missingModel.err()).contains("nowhere").contains("model directory does not exist")
                .doesNotContain("\tat ");

        Run badLabels = cxr4j("train", "--data", data.toString(), "--labels", "four-class");
        assertThat(badLabels.exitCode()).isEqualTo(1);
        assertThat(badLabels.err()).contains("Unknown label set 'four-class'").doesNotContain("\tat ");

        Run flipWithout = cxr4j("train", "--data", data.toString(), "--flip", "--no-augmentation");
        assertThat(flipWithout.exitCode()).isEqualTo(1);
        assertThat(flipWithout.err()).contains("--flip and --no-augmentation contradict").doesNotContain("\tat ");

        Run badOption = cxr4j("train", "--epochz", "3");
        assertThat(badOption.exitCode()).isEqualTo(CommandLine.ExitCode.USAGE);
    }

    @Test
    void labelsTheModelDoesNotKnowAreAClearError() throws IOException {
        Path threeClass = temp.resolve("three-class");
        for (String folder : List.of("covid", "normal", "pneumonia")) {
            SyntheticImages.writeGrayPng(Files.createDirectories(threeClass.resolve(folder)).resolve("x.png"), 64, 64);
        }
        Run run = cxr4j("evaluate", "--model", temp.resolve("run/model").toString(), "--data", threeClass.toString(),
                "--labels", "three-class");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("[pneumonia]").contains("does not know").contains("[covid, normal]")
                .doesNotContain("\tat ");
    }
}
