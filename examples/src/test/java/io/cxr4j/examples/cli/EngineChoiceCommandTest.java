package io.cxr4j.examples.cli;

import io.cxr4j.core.testing.SyntheticImages;
import static io.cxr4j.examples.cli.Cxr4jCommandTest.cxr4j;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.cxr4j.core.engine.Engines;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command-line tool ships both engines: {@code --engine tensorflow} or {@code
 * -Dcxr4j.engine=tensorflow} trains with TensorFlow instead of the default PyTorch, the choice is
 * logged and recorded in report.json and model.json, and {@code predict} and {@code evaluate} serve
 * the TensorFlow model.
 */
class EngineChoiceCommandTest {

    @TempDir
    static Path temp;

    private static Path data;
    private static Cxr4jCommandTest.Run training;

    @BeforeAll
    static void trainWithTensorFlow() throws IOException {
        data = SyntheticImages.squaresAndNoise(temp.resolve("xrays"), 12, 7);
        training = cxr4j("train", "--engine", "tensorflow", "--data", data.toString(), "--image-size", "32",
                "--epochs", "2", "--batch-size", "8", "--no-augmentation", "--output", temp.resolve("tf").toString());
    }

    private static JsonObject json(Path file) throws IOException {
        return JsonParser.parseString(Files.readString(file)).getAsJsonObject();
    }

    @Test
    void trainWithTheEngineOptionUsesTensorFlowAndRecordsIt() throws IOException {
        assertThat(training.exitCode()).as(training.err()).isZero();
        assertThat(training.out()).contains("with the tensorflow engine");
        assertThat(training.err()).contains("Using engine 'tensorflow', requested by name");
        JsonObject report = json(temp.resolve("tf/report.json"));
        assertThat(report.get("engine").getAsString()).isEqualTo("tensorflow");
        assertThat(report.getAsJsonObject("versions").get("engineVersion").getAsString()).startsWith("TensorFlow 2.16");
        assertThat(report.getAsJsonObject("model").get("engine").getAsString()).isEqualTo("tensorflow");
        assertThat(report.getAsJsonArray("history")).hasSize(2);
        assertThat(report.getAsJsonObject("evaluation").get("testSize").getAsInt()).isPositive();
        assertThat(json(temp.resolve("tf/model/model.json")).get("weightsFile").getAsString())
                .isEqualTo("savedmodel/saved_model.pb");
    }

    @Test
    void predictAndEvaluateServeTheTensorFlowModel() throws IOException {
        Path model = temp.resolve("tf/model");
        Cxr4jCommandTest.Run predict = cxr4j("predict", "--model", model.toString(), data.resolve("covid").toString());
        assertThat(predict.exitCode()).as(predict.err()).isZero();
        List<String> lines = predict.out().lines().toList();
        assertThat(lines).hasSize(12).allSatisfy(line -> assertThat(line)
                .matches(".*c\\d+\\.png\t(covid|normal)\tcovid=\\d\\.\\d{6}\tnormal=\\d\\.\\d{6}"));
        assertThat(predict.err()).contains("Loading tensorflow model 'darkcovidnet'");

        Cxr4jCommandTest.Run named = cxr4j("predict", "--engine", "tensorflow", "--model", model.toString(),
                data.resolve("covid").toString());
        assertThat(named.out()).isEqualTo(predict.out());

        Cxr4jCommandTest.Run evaluate = cxr4j("evaluate", "--model", model.toString(), "--data", data.toString(),
                "--output", temp.resolve("tf-eval").toString());
        assertThat(evaluate.exitCode()).as(evaluate.err()).isZero();
        assertThat(evaluate.out()).contains("Classification report on 24 test images");
        JsonObject report = json(temp.resolve("tf-eval/report.json"));
        assertThat(report.get("engine").getAsString()).isEqualTo("tensorflow");
        assertThat(report.getAsJsonObject("versions").get("engineVersion").getAsString()).startsWith("TensorFlow");
    }

    @Test
    void mixedPrecisionOnTensorFlowIsRefusedWithTheOptionsThatWork() {
        Cxr4jCommandTest.Run run = cxr4j("train", "--engine", "tensorflow", "--precision", "bfloat16", "--data",
                data.toString(), "--image-size", "32", "--epochs", "1", "--output", temp.resolve("bf16").toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("float32 only")
                .contains("On the command line: --precision float32, or --engine pytorch.").doesNotContain("\tat ");
    }

    @Test
    void anotherEngineThanTheModelsIsRefusedWithTheWayOut() {
        Cxr4jCommandTest.Run run = cxr4j("predict", "--engine", "pytorch", "--model", temp.resolve("tf/model").toString(),
                data.resolve("covid").toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("written by engine 'tensorflow', not 'pytorch'").contains("On the command line: cxr4j convert --to pytorch, or --engine tensorflow.")
                .doesNotContain("\tat ");
    }

    @Test
    void theSystemPropertyChoosesTheEngineWithoutAnOption() throws IOException {
        String previous = System.getProperty(Engines.PROPERTY);
        System.setProperty(Engines.PROPERTY, "tensorflow");
        try {
            Cxr4jCommandTest.Run run = cxr4j("train", "--data", data.toString(), "--image-size", "32", "--epochs", "1",
                    "--batch-size", "8", "--no-augmentation", "--output", temp.resolve("property").toString());
            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(run.err()).contains("Using engine 'tensorflow', requested by system property -Dcxr4j.engine");
            assertThat(json(temp.resolve("property/report.json")).get("engine").getAsString()).isEqualTo("tensorflow");
        } finally {
            if (previous == null) {
                System.clearProperty(Engines.PROPERTY);
            } else {
                System.setProperty(Engines.PROPERTY, previous);
            }
        }
    }
}
