package io.cxr4j.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cxr4j.core.testing.ChildJvm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutputLockTest {

    @TempDir
    Path temp;

    @Test
    void theHolderIsNamedWithItsArgumentsEvenWhenItsCommandLineIsLongerThanTheSystemKeeps() throws Exception {
        Path folder = temp.resolve("long");
        ProcessBuilder builder = ChildJvm.of(LockHoldingChild.class, folder.toString());
        // Linux keeps one page of a command line for other processes to read; a long class path passes it.
        builder.command().add(1, "-Dcxr4j.test.padding=" + "x".repeat(5000));
        Process holder = builder.start();
        try {
            ChildJvm.awaitLine(holder, "locked");

            assertThatThrownBy(() -> OutputLock.onFolder(folder)).isInstanceOf(OutputInUseException.class)
                    .hasMessageContaining("(java " + LockHoldingChild.class.getName() + " " + folder + ")");
        } finally {
            holder.destroyForcibly();
        }
        assertThat(holder.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void aSecondProcessIsRefusedNamingTheFirstAndAKilledHolderLeavesNoStaleLock() throws Exception {
        Path folder = temp.resolve("run");
        Process first = ChildJvm.of(LockHoldingChild.class, folder.toString()).start();
        try {
            ChildJvm.awaitLine(first, "locked");

            assertThatThrownBy(() -> OutputLock.onFolder(folder)).isInstanceOf(OutputInUseException.class)
                    .hasMessageContaining(folder.toRealPath() + " is being written by another run: process "
                            + first.pid() + ", started 20")
                    .hasMessageContaining(LockHoldingChild.class.getName())
                    .hasMessageContaining("wait until that run ends (or stop it), or write elsewhere")
                    .satisfies(e -> assertThat(((OutputInUseException) e).holder().orElseThrow().pid())
                            .isEqualTo(first.pid()));
        } finally {
            first.destroyForcibly(); // SIGKILL: the child gets no chance to release anything
        }
        assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
        Path lockFile = folder.resolve(OutputLock.FOLDER_LOCK_FILE);
        assertThat(lockFile).as("the killed run's lock file is left, with its record").isNotEmptyFile();

        try (OutputLock third = OutputLock.onFolder(folder)) {
            assertThat(lockFile).content().contains("\"pid\": " + ProcessHandle.current().pid());
        }
        assertThat(lockFile).as("released and emptied").isEmptyFile();
    }

    @Test
    void theHoldingThreadMayTakeTheLockAgainAndAnotherThreadIsRefused() throws Exception {
        Path model = temp.resolve("model");
        try (OutputLock outer = OutputLock.onModel(model)) {
            assertThat(temp.resolve(".model.lock")).as("beside the model, which is replaced whole").isNotEmptyFile();
            try (OutputLock inner = OutputLock.onModel(model)) {
                assertThat(inner.target()).isEqualTo(outer.target());
            }
            Throwable refused = lockInAnotherThread(model);
            assertThat(refused).as("still held after the inner release").isInstanceOf(OutputInUseException.class)
                    .hasMessageContaining("another thread of this process (" + Thread.currentThread().getName() + ")");
        }
        assertThat(lockInAnotherThread(model)).isNull();
        assertThat(Files.exists(model)).as("locking creates no model folder").isFalse();
    }

    /** Takes and releases a model's lock in another thread; returns what refused it, or null. */
    private static Throwable lockInAnotherThread(Path model) throws Exception {
        return CompletableFuture.supplyAsync(() -> {
            try (OutputLock other = OutputLock.onModel(model)) {
                return null;
            } catch (Exception e) {
                return e;
            }
        }).get(30, TimeUnit.SECONDS);
    }
}
