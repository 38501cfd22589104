package io.cxr4j.core.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts a second JVM on the test's own classpath: what a test of file locks or of a process killed
 * mid-write needs, since file locks belong to a process and a kill must not end the test's JVM.
 */
public final class ChildJvm {

    private ChildJvm() {}

    /**
     * A command running a main class in a new JVM, offline like every cxr4j JVM.
     *
     * @param main the class whose {@code main} runs
     * @param args its arguments
     * @return the builder, with standard error merged into standard output
     */
    public static ProcessBuilder of(Class<?> main, String... args) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Dai.djl.offline=true",
                "-cp", System.getProperty("java.class.path"), main.getName()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(true);
    }

    /**
     * Reads a child's output until a line starts with {@code prefix}.
     *
     * @param child a child started from {@link #of}, its output not redirected
     * @param prefix what the awaited line starts with
     * @return the line
     * @throws IOException when the child ends first, with everything it printed
     */
    public static String awaitLine(Process child, String prefix) throws IOException {
        BufferedReader reader = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        StringBuilder seen = new StringBuilder();
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
            if (line.startsWith(prefix)) {
                return line;
            }
            seen.append(line).append('\n');
        }
        throw new IOException("The child ended without printing '" + prefix + "': " + seen);
    }
}
