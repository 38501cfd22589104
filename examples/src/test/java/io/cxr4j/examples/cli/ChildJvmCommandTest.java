package io.cxr4j.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.cxr4j.core.testing.SyntheticImages;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the command-line tool in a child JVM, for what a test cannot change in its own: the locale
 * that decodes the command line, and the rights of the user running it.
 */
class ChildJvmCommandTest {

    @TempDir
    Path temp;

    record Result(int exitCode, String out, String err) {}

    /** A data set of 3 small images per class, folders covid/ and normal/. */
    private Path dataSet(Path folder) throws IOException {
        for (String label : List.of("covid", "normal")) {
            for (int i = 0; i < 3; i++) {
                int seed = i + label.length();
                SyntheticImages.writePng(SyntheticImages.gray8(40, 40, (x, y, b) -> (x * seed + y * 3) % 256),
                        Files.createDirectories(folder.resolve(label)).resolve(label + i + ".png"));
            }
        }
        return folder;
    }

    /**
     * Runs a shell script that ends by starting cxr4j; the script is written as UTF-8 bytes, so that
     * its arguments reach the child exactly, whatever the locale of this JVM.
     */
    private Result sh(String script) throws IOException, InterruptedException {
        Path file = Files.write(temp.resolve("run-" + System.nanoTime() + ".sh"),
                script.getBytes(StandardCharsets.UTF_8));
        ProcessBuilder builder = new ProcessBuilder("sh", file.toString()).directory(temp.toFile());
        builder.environment().put("JAVA", Path.of(System.getProperty("java.home"), "bin", "java").toString());
        builder.environment().put("CP", System.getProperty("java.class.path"));
        Path out = temp.resolve("out.txt");
        Path err = temp.resolve("err.txt");
        Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("cxr4j finished").isTrue();
        return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    private static final String CXR4J = "\"$JAVA\" -cp \"$CP\" -Dai.djl.offline=true"
            + " io.cxr4j.examples.cli.Cxr4jCommand";

    @Test
    void aNonAsciiPathUnderTheCLocaleGetsTheCauseAndTheFix() throws Exception {
        dataSet(temp.resolve("ascii"));
        String copy = "cp -r ascii 'röntgen' || exit 97\n";

        Result posix = sh(copy + "export LC_ALL=C\nexec " + CXR4J + " audit --data 'röntgen'\n");
        Result utf8 = sh("export LC_ALL=C.UTF-8\nexec " + CXR4J + " audit --data 'röntgen'\n");

        assertThat(posix.exitCode()).as(posix.err()).isEqualTo(1);
        assertThat(posix.err()).contains("holds characters Java could not decode")
                .contains("the encoding of the locale, here ANSI_X3.4-1968 (LC_ALL=C)")
                .contains("Run cxr4j under a UTF-8 locale, e.g. LC_ALL=C.UTF-8")
                .doesNotContain("InvalidPathException").doesNotContain("Usage:");
        // The advice works: the same folder under a UTF-8 locale.
        assertThat(utf8.exitCode()).as(utf8.err()).isZero();
        assertThat(utf8.out()).contains("Audit of data set 'röntgen'");
    }

    @Test
    void anUnreadableClassFolderIsCalledUnreadableAndTheFixIsNamed() throws Exception {
        Path data = dataSet(temp.resolve("data"));
        Path covid = data.resolve("covid");
        Files.setPosixFilePermissions(covid, PosixFilePermissions.fromString("---------"));
        // Root reads any folder; without the two capabilities that allow it, root obeys permissions
        // as any user does (CI runs as root).
        boolean root = (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid") == 0;
        String asUser = root ? "setpriv --bounding-set -dac_override,-dac_read_search " : "";
        Path locked = Files.copy(data.resolve("normal/normal0.png"), data.resolve("normal/locked.png"));
        Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("---------"));
        try {
            Result folder = sh("exec " + asUser + CXR4J + " audit --data '" + data + "'\n");
            Files.setPosixFilePermissions(covid, PosixFilePermissions.fromString("rwxr-xr-x"));
            Result file = sh("exec " + asUser + CXR4J + " audit --data '" + data + "'\n");

            assertThat(folder.exitCode()).as(folder.out()).isEqualTo(1);
            assertThat(folder.err()).contains("Class folder " + covid + " cannot be read: permission denied for"
                            + " user '")
                    .contains("give that user read access (for a folder also execute access), e.g. chmod -R a+rX '"
                            + covid + "'")
                    .doesNotContain("SkippedFile[").doesNotContain("Exception").doesNotContain("holds no image");
            assertThat(file.exitCode()).as(file.err()).isZero();
            assertThat(file.out()).contains("normal/locked.png: cannot be read: permission denied")
                    .doesNotContain("Exception");
        } finally {
            Files.setPosixFilePermissions(covid, PosixFilePermissions.fromString("rwxr-xr-x"));
            Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("rw-r--r--"));
        }
    }
}
