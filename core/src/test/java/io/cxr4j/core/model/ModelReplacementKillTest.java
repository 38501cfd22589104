package io.cxr4j.core.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.cxr4j.core.testing.ChildJvm;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A process replacing a model is stopped dead (as by {@code kill -9}) after each step of the write,
 * in a second JVM: the model directory is then the old model or the new one, complete and
 * passing its checksums, never missing; and the next write leaves no staging or set-aside folder.
 * Both ways of replacing are stopped at every step: the one-step exchange (Linux) and the two
 * moves used where the system cannot exchange folders.
 */
class ModelReplacementKillTest {

    @ParameterizedTest(name = "{0}, halted after {1}: the {2} model")
    @CsvSource({
        "exchange, staged, old",
        "exchange, sealed, old",
        "exchange, exchanged, new",
        "exchange, old-deleted, new",
        "two-step, staged, old",
        "two-step, sealed, old",
        "two-step, moved-aside, old",
        "two-step, moved-in, new",
        "two-step, old-deleted, new"})
    void aWriteStoppedAtAnyStepLeavesTheOldOrTheNewModel(String replacement, String step, String expected,
            @TempDir Path temp) throws Exception {
        Path model = temp.resolve("model");
        write(model, "old");

        Process child = ChildJvm.of(HaltingModelWriter.class, model.toString(), "new", step, replacement)
                .redirectOutput(temp.resolve("child.log").toFile()).start();
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(child.exitValue()).as("halted at '%s': %s", step, Files.readString(temp.resolve("child.log")))
                .isEqualTo(HaltingModelWriter.HALTED);

        ModelDirectory.readManifest(model);
        assertThat(model.resolve(ModelDirectoryTest.WEIGHTS)).hasContent(expected);

        write(model, "next");
        assertThat(model.resolve(ModelDirectoryTest.WEIGHTS)).hasContent("next");
        try (Stream<Path> left = Files.list(temp)) {
            assertThat(left.map(p -> p.getFileName().toString()))
                    .as("no staging or set-aside folder is left").containsExactlyInAnyOrder("model", ".model.lock",
                            "child.log");
        }
    }

    private static void write(Path model, String weights) throws IOException {
        ModelStaging.write(model, staging -> Files.writeString(staging.resolve(ModelDirectoryTest.WEIGHTS), weights),
                written -> ModelDirectoryTest.manifest(ModelDirectoryTest.WEIGHTS));
    }
}
