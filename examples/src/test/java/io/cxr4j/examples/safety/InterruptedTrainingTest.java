package io.cxr4j.examples.safety;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.cxr4j.core.testing.Checkpoints;
import io.cxr4j.core.testing.SyntheticImages;
import io.cxr4j.core.training.TrainingCheckpoint;
import io.cxr4j.examples.cli.Cxr4jCommand;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A training JVM killed with SIGKILL mid-run resumes with {@code train --resume} from its last
 * checkpoint and ends where an uninterrupted run with the same seed ends.
 */
class InterruptedTrainingTest {

    private static final int EPOCHS = 12;

    @TempDir
    Path temp;

    private Path data() throws IOException {
        Path data = temp.resolve("xrays");
        Random random = new Random(9);
        for (int i = 0; i < 40; i++) {
            int x = random.nextInt(30);
            int y = random.nextInt(30);
            SyntheticImages.writePng(SyntheticImages.gray8(64, 64,
                    (px, py, b) -> px >= x && px < x + 30 && py >= y && py < y + 30 ? 200 : 40 + (px * py) % 9),
                    Files.createDirectories(data.resolve("covid")).resolve("c" + i + ".png"));
            SyntheticImages.writePng(SyntheticImages.gray8(64, 64, (px, py, b) -> 40 + (px * py + x) % 9),
                    Files.createDirectories(data.resolve("normal")).resolve("n" + i + ".png"));
        }
        return data;
    }

    private List<String> train(Path data, Path output, boolean resume) {
        List<String> args = new ArrayList<>(List.of("train", "--data", data.toString(), "--image-size", "64",
                "--epochs", Integer.toString(EPOCHS), "--batch-size", "8", "--output", output.toString()));
        if (resume) {
            args.add("--resume");
        }
        return args;
    }

    private static JsonObject report(Path output) throws IOException {
        return JsonParser.parseString(Files.readString(output.resolve("report.json"))).getAsJsonObject();
    }

    @Test
    void aKilledRunResumesFromItsLastCheckpointAndEndsLikeAnUninterruptedOne() throws Exception {
        Path data = data();
        Path interrupted = temp.resolve("interrupted");
        Path checkpoints = interrupted.resolve("model.checkpoints");

        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Cxr4jCommand.class.getName()));
        command.addAll(train(data, interrupted, false));
        Process child = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(temp.resolve("child.log").toFile()).start();
        int killedAfter = 0;
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (killedAfter < 3 && child.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(10);
            killedAfter = Checkpoints.epochWhileWritten(checkpoints, killedAfter);
        }
        child.destroyForcibly(); // SIGKILL on Linux: no shutdown hooks, no cleanup
        assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(killedAfter).as("killed after checkpoint of epoch 3, before the run ended: "
                + Files.readString(temp.resolve("child.log"))).isBetween(3, EPOCHS - 1);
        assertThat(interrupted.resolve("model")).doesNotExist();
        int resumedAfter = TrainingCheckpoint.read(checkpoints).orElseThrow().epoch();
        assertThat(resumedAfter).as("at most the epoch in progress is lost").isGreaterThanOrEqualTo(killedAfter);

        assertThat(Cxr4jCommand.run(train(data, interrupted, true).toArray(String[]::new))).isZero();
        Path uninterrupted = temp.resolve("uninterrupted");
        assertThat(Cxr4jCommand.run(train(data, uninterrupted, false).toArray(String[]::new))).isZero();

        JsonObject resumed = report(interrupted);
        JsonObject reference = report(uninterrupted);
        JsonArray resumedHistory = resumed.getAsJsonArray("history");
        JsonArray referenceHistory = reference.getAsJsonArray("history");
        assertThat(resumedHistory).hasSize(EPOCHS);
        for (int e = 0; e < resumedAfter; e++) {
            // Epochs before the kill are the very same epochs: training here is deterministic.
            assertThat(resumedHistory.get(e).getAsJsonObject().get("trainLoss").getAsDouble())
                    .isCloseTo(referenceHistory.get(e).getAsJsonObject().get("trainLoss").getAsDouble(), within(1e-6));
        }
        double resumedAccuracy = resumed.getAsJsonObject("evaluation").getAsJsonObject("accuracy")
                .get("value").getAsDouble();
        double referenceAccuracy = reference.getAsJsonObject("evaluation").getAsJsonObject("accuracy")
                .get("value").getAsDouble();
        assertThat(resumedAccuracy).as("final test accuracy within 1 point").isCloseTo(referenceAccuracy, within(0.01));
    }
}
