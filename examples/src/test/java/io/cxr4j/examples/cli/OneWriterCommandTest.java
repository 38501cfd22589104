package io.cxr4j.examples.cli;

import io.cxr4j.core.testing.SyntheticImages;
import io.cxr4j.experiment.Protocol;
import static io.cxr4j.examples.cli.Cxr4jCommandTest.cxr4j;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.cxr4j.core.data.Sample;
import io.cxr4j.core.data.XrayDataset;
import io.cxr4j.core.engine.Engines;
import io.cxr4j.core.image.PreprocessingSpec;
import io.cxr4j.core.image.ResizeMode;
import io.cxr4j.core.model.OutputLock;
import io.cxr4j.core.testing.ChildJvm;
import io.cxr4j.core.training.TrainingCheckpoint;
import io.cxr4j.core.config.TrainingConfig;
import io.cxr4j.core.training.TrainingRequest;
import io.cxr4j.examples.cli.Cxr4jCommandTest.Run;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One run at a time writes an output folder, and a finished run's results are replaced only when
 * asked: the probe's two runs into one folder (results mixed, or the live run taken for an
 * interrupted one) and its train into a finished run's folder (replaced without a word).
 */
class OneWriterCommandTest {

    @TempDir
    static Path temp;

    private static Path data;

    @BeforeAll
    static void data() throws IOException {
        data = SyntheticImages.squaresAndNoise(temp.resolve("xrays"), 16, 5);
    }

    private static List<String> train(Path output, String... more) {
        List<String> args = new ArrayList<>(List.of("train", "--data", data.toString(), "--image-size", "32",
                "--batch-size", "8", "--no-augmentation", "--no-audit", "--output", output.toString()));
        args.addAll(List.of(more));
        return args;
    }

    private static void await(BooleanSupplier condition, Process child, Path log) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (!condition.getAsBoolean()) {
            assertThat(child.isAlive()).as("the first run still runs: %s", Files.readString(log)).isTrue();
            assertThat(System.nanoTime()).as("waited 2 minutes").isLessThan(deadline);
            Thread.sleep(10);
        }
    }

    private static JsonObject report(Path output) throws IOException {
        return JsonParser.parseString(Files.readString(output.resolve(Protocol.REPORT_FILE))).getAsJsonObject();
    }

    @Test
    void aSecondRunIntoALiveRunsFolderIsRefusedNamingItAndAKilledRunLeavesNoStaleLock() throws Exception {
        Path output = temp.resolve("shared");
        Path log = temp.resolve("first.log");
        List<String> first = train(output, "--epochs", "500");
        Process live = ChildJvm.of(Cxr4jCommand.class, first.toArray(String[]::new)).redirectOutput(log.toFile())
                .start();
        try {
            Path lockFile = output.resolve(OutputLock.FOLDER_LOCK_FILE);
            await(() -> lockFile.toFile().length() > 0, live, log);

            // Started while the first run still reads its images, before it has any checkpoint.
            Run early = cxr4j(train(output, "--epochs", "1", "--seed", "7").toArray(String[]::new));

            Path checkpoints = output.resolve("model.checkpoints");
            await(() -> Files.isRegularFile(checkpoints.resolve(TrainingCheckpoint.FILE)), live, log);
            // Now the live run has a checkpoint, which must not be taken for an interrupted run's.
            Run late = cxr4j(train(output, "--epochs", "1", "--seed", "7").toArray(String[]::new));

            for (Run refused : List.of(early, late)) {
                assertThat(refused.exitCode()).isEqualTo(1);
                assertThat(refused.err()).contains("is being written by another run: process " + live.pid()
                        + ", started 20").doesNotContain("interrupted run").doesNotContain("\tat ");
                assertThat(refused.out()).doesNotContain("Data set");
            }
            assertThat(late.err()).contains("train --data " + data);
        } finally {
            live.destroyForcibly(); // kill -9
        }
        assertThat(live.waitFor(30, TimeUnit.SECONDS)).isTrue();
        int epoch = TrainingCheckpoint.read(output.resolve("model.checkpoints")).orElseThrow().epoch();

        // The killed run's lock file is left, and does not block: the interrupted run resumes.
        Run resumed = cxr4j(train(output, "--epochs", Integer.toString(epoch + 1), "--resume").toArray(String[]::new));

        assertThat(resumed.exitCode()).as(resumed.err()).isZero();
        assertThat(report(output).getAsJsonArray("history")).hasSize(epoch + 1);
        assertThat(output.resolve("model/model.json")).isRegularFile();
    }

    @Test
    void aFinishedRunIsReplacedOnlyWhenAskedAndItsFilesAlwaysDescribeOneRun() throws Exception {
        Path output = temp.resolve("finished");
        assertThat(cxr4j(train(output, "--epochs", "1").toArray(String[]::new)).exitCode()).isZero();
        String model = Files.readString(output.resolve("model/model.json"));
        String reportJson = Files.readString(output.resolve(Protocol.REPORT_FILE));
        String split = Files.readString(output.resolve(Protocol.SPLIT_FILE));

        Run again = cxr4j(train(output, "--epochs", "1", "--seed", "7").toArray(String[]::new));

        assertThat(again.exitCode()).isEqualTo(1);
        assertThat(again.err()).contains("--output " + output + " holds the results of a finished 'train' run")
                .contains("Pass --replace to replace them, or name another folder");
        assertThat(output.resolve("model/model.json")).hasContent(model);
        assertThat(output.resolve(Protocol.REPORT_FILE)).hasContent(reportJson);
        assertThat(output.resolve(Protocol.SPLIT_FILE)).hasContent(split);

        // A model without its report (a run stopped just before writing it) is a finished run too.
        Files.delete(output.resolve(Protocol.REPORT_FILE));
        assertThat(cxr4j(train(output, "--epochs", "1", "--seed", "7").toArray(String[]::new)).err())
                .contains("holds the results of a finished 'train' run (its model in");

        Run replaced = cxr4j(train(output, "--epochs", "1", "--seed", "7", "--replace").toArray(String[]::new));

        assertThat(replaced.exitCode()).as(replaced.err()).isZero();
        assertThat(report(output).getAsJsonArray("arguments").toString()).contains("\"--seed\",\"7\"");
        assertThat(report(output).getAsJsonObject("split").get("seed").getAsLong()).isEqualTo(7);
        assertThat(Files.readString(output.resolve("model/model.json"))).contains("\"seed\": 7");
        assertThat(output.resolve(Protocol.SPLIT_FILE)).content().isNotEqualTo(split);
        assertThat(output.resolve(Protocol.MARKDOWN_FILE)).content().contains("--seed 7");
    }

    @Test
    void aReplacingRunKilledWhileTrainingLeavesTheEarlierModelAndNoReportOfAnotherRun() throws Exception {
        Path output = temp.resolve("killed-replacement");
        assertThat(cxr4j(train(output, "--epochs", "1").toArray(String[]::new)).exitCode()).isZero();
        String model = Files.readString(output.resolve("model/model.json"));
        Path log = temp.resolve("replacing.log");
        Process replacing = ChildJvm.of(Cxr4jCommand.class, train(output, "--epochs", "500", "--seed", "7",
                "--replace").toArray(String[]::new)).redirectOutput(log.toFile()).start();
        try {
            // The first checkpoint of the new run (seed 7): the earlier run's is there from the start.
            await(() -> {
                try {
                    return TrainingCheckpoint.read(output.resolve("model.checkpoints"))
                            .filter(c -> c.config().seed() == 7).isPresent();
                } catch (IOException beingReplaced) {
                    return false;
                }
            }, replacing, log);
        } finally {
            replacing.destroyForcibly();
        }
        assertThat(replacing.waitFor(30, TimeUnit.SECONDS)).isTrue();

        assertThat(output.resolve("model/model.json")).as("the earlier model until the new one is complete")
                .hasContent(model);
        for (String result : Protocol.TRAIN_TEST_RESULTS) {
            assertThat(output.resolve(result)).as("set aside while the new run trained").doesNotExist();
        }
        Run resumed = cxr4j(train(output, "--epochs", "2", "--seed", "7", "--resume").toArray(String[]::new));
        assertThat(resumed.exitCode()).as(resumed.err()).isZero();
        assertThat(report(output).getAsJsonObject("split").get("seed").getAsLong()).isEqualTo(7);
        try (Stream<Path> files = Files.list(output)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(name -> name.endsWith(".replaced"));
        }
    }

    @Test
    void theLibraryReplacesAFinishedModelOnlyWhenAsked() throws Exception {
        List<Sample> samples = new ArrayList<>();
        for (String label : List.of("covid", "normal")) {
            try (Stream<Path> images = Files.list(data.resolve(label))) {
                images.sorted().forEach(image -> samples.add(Sample.of(image, label)));
            }
        }
        XrayDataset training = new XrayDataset("squares", List.of("covid", "normal"), samples);
        TrainingConfig config = TrainingConfig.builder().optEpochs(1).optBatchSize(8)
                .optPreprocessing(new PreprocessingSpec(32, 1, ResizeMode.STRETCH, 0f, 1f)).build();
        Path model = temp.resolve("library/model");
        TrainingRequest request = TrainingRequest.of(training, null, config, model);
        Engines.select().train(request);
        String manifest = Files.readString(model.resolve("model.json"));

        assertThatThrownBy(() -> Engines.select().train(request)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(model + " holds a finished model, which this run would replace")
                .hasMessageContaining("TrainingRequest.replacing()");
        assertThat(model.resolve("model.json")).hasContent(manifest);

        Engines.select().train(request.replacing());
        assertThat(model.resolve("model.json")).content().isNotEqualTo(manifest);
    }

    @Test
    void aFinishedCrossValidationIsReplacedOnlyWhenAsked() throws Exception {
        Path output = temp.resolve("cross-validation");
        List<String> crossValidate = List.of("cross-validate", "--data", data.toString(), "--folds", "2",
                "--epochs", "1", "--image-size", "32", "--no-augmentation", "--no-audit", "--validation-fraction", "0",
                "--output", output.toString());
        assertThat(cxr4j(crossValidate.toArray(String[]::new)).exitCode()).isZero();
        String report = Files.readString(output.resolve(Protocol.REPORT_FILE));

        Run again = cxr4j(crossValidate.toArray(String[]::new));
        assertThat(again.exitCode()).isEqualTo(1);
        assertThat(again.err()).contains("holds the results of a finished 'cross-validate' run").contains("--replace");
        assertThat(output.resolve(Protocol.REPORT_FILE)).hasContent(report);

        List<String> replacing = new ArrayList<>(crossValidate);
        replacing.add("--replace");
        Run replaced = cxr4j(replacing.toArray(String[]::new));
        assertThat(replaced.exitCode()).as(replaced.err()).isZero();
        assertThat(report(output).getAsJsonArray("arguments").toString()).contains("--replace");
    }

    @Test
    void anEvaluationReplacesAnEarlierOneOnlyWhenAsked() throws Exception {
        Path run = temp.resolve("for-evaluation");
        assertThat(cxr4j(train(run, "--epochs", "1").toArray(String[]::new)).exitCode()).isZero();
        List<String> evaluate = List.of("evaluate", "--model", run.resolve("model").toString(), "--data",
                data.toString(), "--no-audit", "--output", temp.resolve("evaluation").toString());
        assertThat(cxr4j(evaluate.toArray(String[]::new)).exitCode()).isZero();

        Run again = cxr4j(evaluate.toArray(String[]::new));
        assertThat(again.exitCode()).isEqualTo(1);
        assertThat(again.err()).contains("holds the results of a finished 'evaluate' run").contains("--replace");

        List<String> replacing = new ArrayList<>(evaluate);
        replacing.add("--replace");
        assertThat(cxr4j(replacing.toArray(String[]::new)).exitCode()).isZero();
    }
}
