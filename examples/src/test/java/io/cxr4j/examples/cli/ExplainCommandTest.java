package io.cxr4j.examples.cli;

import static io.cxr4j.examples.cli.Cxr4jCommandTest.cxr4j;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.cxr4j.core.testing.SyntheticImages;
import io.cxr4j.examples.cli.Cxr4jCommandTest.Run;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code cxr4j explain}, both forms, on models trained by each engine on synthetic corner-marked
 * images.
 */
class ExplainCommandTest {

    @TempDir
    static Path temp;

    private static Path data;
    private static final Map<String, Path> MODELS = new HashMap<>();

    @BeforeAll
    static void trainOnCornerMarkedFolders() throws IOException {
        data = temp.resolve("xrays");
        Random random = new Random(7);
        for (int i = 0; i < 16; i++) {
            int shade = 40 + random.nextInt(40);
            // covid: a bright marker in the top-left corner; normal: none. Sizes differ from the model input.
            SyntheticImages.writePng(SyntheticImages.gray8(90, 72,
                    (x, y, b) -> x < 14 && y < 12 ? 250 : shade + (x * y) % 9),
                    Files.createDirectories(data.resolve("covid")).resolve("c" + i + ".png"));
            SyntheticImages.writePng(SyntheticImages.gray8(90, 72, (x, y, b) -> shade + (x * y) % 9),
                    Files.createDirectories(data.resolve("normal")).resolve("n" + i + ".png"));
        }
        for (String engine : List.of("pytorch", "tensorflow")) {
            Run training = cxr4j("train", "--engine", engine, "--data", data.toString(), "--image-size", "64",
                    "--epochs", "5", "--batch-size", "8", "--no-augmentation", "--output",
                    temp.resolve(engine).toString());
            assertThat(training.exitCode()).as(training.err()).isZero();
            MODELS.put(engine, temp.resolve(engine).resolve("model"));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"pytorch", "tensorflow"})
    void explainsImagesAndWritesOverlaysAndHeatMaps(String engine) throws IOException {
        Path out = temp.resolve("explained-" + engine);
        Run run = cxr4j("explain", "--model", MODELS.get(engine).toString(), "--output", out.toString(),
                data.resolve("covid/c0.png").toString(), data.resolve("normal/n0.png").toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        List<String> lines = run.out().lines().toList();
        assertThat(lines.get(0)).matches(".*c0\\.png\t(covid|normal)\tcovid=\\d\\.\\d{6}\tnormal=\\d\\.\\d{6}");
        assertThat(run.out()).contains("Grad-CAM of '").contains(engine).contains("darkcovidnet convolution 16 of 17")
                .contains("the predicted class").contains("border bands")
                .contains("(64x64 float32 over the model's square input)");
        for (String stem : List.of("c0", "n0")) {
            BufferedImage overlay = ImageIO.read(out.resolve(stem + ".gradcam.png").toFile());
            assertThat(overlay.getWidth()).isEqualTo(90);
            assertThat(overlay.getHeight()).isEqualTo(72);
            // The raw map at the network's input, a 64 x 64 float32 NumPy array after its 64- or 128-byte header.
            long bytes = Files.size(out.resolve(stem + ".gradcam.npy"));
            assertThat(bytes - 64 * 64 * 4).isIn(64L, 128L);
        }
        try (var files = Files.list(out)) {
            assertThat(files).hasSize(4);
        }
    }

    @Test
    void theRawHeatMapOfALargeImageStaysAtTheNetworksResolution() throws IOException {
        // 4000 x 3000 pixels: mapped back onto the image, the map would be a 48 MB .npy.
        Path large = SyntheticImages.writePng(SyntheticImages.gray8(4000, 3000,
                (x, y, b) -> x < 600 && y < 500 ? 250 : 60 + (x * y) % 9),
                Files.createDirectories(temp.resolve("large")).resolve("large.png"));
        Path out = temp.resolve("explained-large");

        Run run = cxr4j("explain", "--model", MODELS.get("pytorch").toString(), "--output", out.toString(),
                large.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(Files.size(out.resolve("large.gradcam.npy")) - 64 * 64 * 4).isIn(64L, 128L);
        BufferedImage overlay = ImageIO.read(out.resolve("large.gradcam.png").toFile());
        assertThat(overlay.getWidth()).isEqualTo(4000);
        assertThat(overlay.getHeight()).isEqualTo(3000);
    }

    @Test
    void skippedImagesGiveTheSameExitCodeAsPredictAndEvaluate() throws IOException {
        Path corrupt = Files.writeString(temp.resolve("corrupt.png"), "not a png");

        Run run = cxr4j("explain", "--model", MODELS.get("pytorch").toString(), "--output",
                temp.resolve("explained-corrupt").toString(), data.resolve("covid/c2.png").toString(),
                corrupt.toString());

        assertThat(run.exitCode()).isEqualTo(ExitCodes.SKIPPED_IMAGES);
        assertThat(run.err()).contains("skipped " + corrupt);
    }

    @ParameterizedTest
    @ValueSource(strings = {"pytorch", "tensorflow"})
    void explainsANamedClass(String engine) {
        Run run = cxr4j("explain", "--model", MODELS.get(engine).toString(), "--class", "normal", "--output",
                temp.resolve("named-" + engine).toString(), data.resolve("covid/c1.png").toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("Grad-CAM of 'normal'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"pytorch", "tensorflow"})
    void summaryReportsTheShortcutCheckPerClass(String engine) throws IOException {
        Path out = temp.resolve("summary-" + engine);
        Run run = cxr4j("explain", "--model", MODELS.get(engine).toString(), "--data", data.toString(), "--summary",
                "--output", out.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("Shortcut check: Grad-CAM (" + engine + " engine) of model 'darkcovidnet'")
                .contains("central lung field = centred box 70% x 80%")
                .contains("outer 10% of each side (36.0% of the area)")
                .containsPattern("(?m)^covid +16 ")
                .containsPattern("(?m)^normal +16 ")
                // 64 px gives DarkCovidNet 2 x 2 maps, too coarse to flag anything: the check says so
                // rather than giving an all-clear (the engines' corner-shortcut tests cover warnings).
                .contains("the maps have 2 x 2 cells")
                .contains("No verdict: maps of 2 x 2 cells are too coarse for this check")
                .doesNotContain("no sign that the network relies");
        JsonObject json = JsonParser.parseString(Files.readString(out.resolve("shortcut-check.json")))
                .getAsJsonObject();
        assertThat(json.getAsJsonArray("classes")).hasSize(2);
        assertThat(json.get("warningThreshold").getAsDouble()).isCloseTo(0.36, within(1e-9));
        assertThat(json.get("canFlag").getAsBoolean()).isFalse();
        try (var overlays = Files.list(out.resolve("covid"))) {
            assertThat(overlays.filter(p -> p.toString().endsWith(".gradcam.png"))).hasSize(16);
        }
    }

    @Test
    void misuseGetsOneClearLine() {
        Path model = MODELS.get("pytorch");
        Run noData = cxr4j("explain", "--model", model.toString(), "--summary");
        assertThat(noData.exitCode()).isEqualTo(1);
        assertThat(noData.err()).contains("--summary needs a data set").doesNotContain("\tat ");

        Run noOutput = cxr4j("explain", "--model", model.toString(), data.resolve("covid/c0.png").toString());
        assertThat(noOutput.exitCode()).isEqualTo(1);
        assertThat(noOutput.err()).contains("--output DIR");

        Run badClass = cxr4j("explain", "--model", model.toString(), "--class", "pneumonia", "--output",
                temp.resolve("bad").toString(), data.resolve("covid/c0.png").toString());
        assertThat(badClass.exitCode()).isEqualTo(1);
        assertThat(badClass.err()).contains("Unknown class 'pneumonia'").contains("[covid, normal]");
        assertThat(temp.resolve("bad")).doesNotExist();
    }
}
