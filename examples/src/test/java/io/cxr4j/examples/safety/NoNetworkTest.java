package io.cxr4j.examples.safety;

import static org.assertj.core.api.Assertions.assertThat;

import io.cxr4j.core.testing.SyntheticImages;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The main commands run in a JVM where any socket connection or host lookup fails and is logged,
 * and none is attempted. A control run with DJL's offline mode switched off shows that the trap
 * does catch what DJL would otherwise do at engine start.
 */
class NoNetworkTest {

    @TempDir
    Path temp;

    private Path data() {
        return SyntheticImages.writeTwoClassFolder(temp.resolve("xrays"), 8);
    }

    private record Outcome(int exitCode, String output, List<String> attempts) {}

    private Outcome runTrapped(Path log, List<String> jvmOptions, String... commands)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djava.security.manager=allow", "-cp", System.getProperty("java.class.path")));
        command.addAll(jvmOptions);
        command.add(NetworkTrap.class.getName());
        command.add(log.toString());
        command.addAll(List.of(commands));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(temp.resolve("child-output.txt").toFile());
        // The test JVM's own offline switches must not leak in: the child proves that cxr4j sets them.
        builder.environment().keySet().removeAll(List.of("DJL_OFFLINE", "OPT_OUT_TRACKING"));
        Process process = builder.start();
        assertThat(process.waitFor(5, TimeUnit.MINUTES)).as("child JVM finished").isTrue();
        return new Outcome(process.exitValue(), Files.readString(temp.resolve("child-output.txt")),
                Files.readAllLines(log).stream().filter(line -> line.startsWith("connect")).toList());
    }

    @Test
    void trainEvaluateAndPredictAttemptNoConnection() throws Exception {
        Path data = data();
        Path model = temp.resolve("run/model");
        Outcome outcome = runTrapped(temp.resolve("trap.log"), List.of(),
                "train", "--data", data.toString(), "--image-size", "32", "--epochs", "1", "--output",
                temp.resolve("run").toString(), ";",
                "evaluate", "--model", model.toString(), "--data", data.toString(), ";",
                "predict", "--model", model.toString(), data.resolve("covid").toString());
        assertThat(outcome.exitCode()).as(outcome.output()).isZero();
        assertThat(outcome.attempts()).as(Files.readString(temp.resolve("trap.log"))).isEmpty();
        assertThat(outcome.output()).contains("Classification report");
    }

    @Test
    void theTrapCatchesDjlWhenItsOfflineModeIsOff() throws Exception {
        Path data = data();
        Outcome outcome = runTrapped(temp.resolve("control.log"),
                List.of("-Dai.djl.offline=false"),
                "train", "--data", data.toString(), "--image-size", "32", "--epochs", "1", "--output",
                temp.resolve("control").toString());
        assertThat(outcome.attempts()).as("DJL contacts an address at engine start unless offline: "
                + outcome.output()).isNotEmpty();
    }
}
