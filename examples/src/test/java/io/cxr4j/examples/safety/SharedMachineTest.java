package io.cxr4j.examples.safety;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.cxr4j.core.testing.SyntheticImages;
import io.cxr4j.examples.cli.Cxr4jCommand;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two users without a writable home train with both engines on one machine, one after the other,
 * each with its own private copy of the natives; a folder that one user prepared for another is
 * refused. Runs the real command-line tool in child JVMs started as the users {@code nobody} and
 * {@code daemon} with {@code setpriv}, which needs root: CI runs as root and must run it.
 */
class SharedMachineTest {

    private static final String SETPRIV = "/usr/bin/setpriv";

    @TempDir
    Path temp;

    private Path classpath;
    private Path data;
    private Path tmp;
    private Path out;

    private record User(String name, String group) {}

    private static final User NOBODY = new User("nobody", "nogroup");
    private static final User DAEMON = new User("daemon", "daemon");

    private record Run(int exitCode, String output) {}

    @BeforeEach
    void machine() throws IOException, InterruptedException {
        requireRoot();
        // Other users must reach everything the children read: the temporary folder JUnit made is private.
        Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rwxr-xr-x"));
        classpath = readableClasspath(Files.createDirectory(temp.resolve("classpath")));
        data = SyntheticImages.writeTwoClassFolder(temp.resolve("xrays"), 8);
        makeReadable(data);
        tmp = shared(temp.resolve("tmp"));
        out = shared(temp.resolve("out"));
    }

    /** Skips where users cannot be switched, except on CI, where a skip would hide the check. */
    private static void requireRoot() throws IOException, InterruptedException {
        String why = null;
        if (!"root".equals(System.getProperty("user.name"))) {
            why = "Starting processes as other users needs root; this JVM runs as " + System.getProperty("user.name");
        } else if (!Files.isExecutable(Path.of(SETPRIV))) {
            why = SETPRIV + " (util-linux) is missing";
        }
        if (why != null) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail(why + "; CI must run this test.");
            }
            Assumptions.abort(why + "; CI runs this test as root.");
        }
        // The users must exist: fail with a message rather than on the first start.
        assertThat(uid(NOBODY)).isNotEqualTo(uid(DAEMON));
    }

    @Test
    void twoUsersWithoutAWritableHomeEachGetTheirOwnPrivateNatives() throws Exception {
        for (User user : List.of(NOBODY, DAEMON)) {
            for (String engine : List.of("pytorch", "tensorflow")) {
                Run run = train(user, engine);
                assertThat(run.exitCode()).as(user.name() + " training with " + engine + ":\n" + run.output())
                        .isZero();
            }
        }

        for (User user : List.of(NOBODY, DAEMON)) {
            Path root = tmp.resolve("cxr4j-" + uid(user));
            assertThat(Files.getAttribute(root, "unix:uid", LinkOption.NOFOLLOW_LINKS)).isEqualTo((int) uid(user));
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(root, LinkOption.NOFOLLOW_LINKS)))
                    .isEqualTo("rwx------");
            assertThat(filesNamed(root.resolve("djl"), "libtorch_cpu.so")).as("libtorch of " + user).hasSize(1);
            assertThat(filesNamed(root.resolve("javacpp"), "libtensorflow_cc.so.2")).as("TensorFlow of " + user)
                    .hasSize(1);
        }
        try (Stream<Path> shared = Files.list(tmp)) {
            assertThat(shared.map(p -> p.getFileName().toString()))
                    .as("nothing shared between the users")
                    .containsExactlyInAnyOrder("cxr4j-" + uid(NOBODY), "cxr4j-" + uid(DAEMON));
        }
    }

    @Test
    void aFolderAnotherUserPreparedIsRefusedBeforeAnyNativeLoads() throws Exception {
        Path planted = Files.createDirectory(tmp.resolve("cxr4j-" + uid(DAEMON)),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Files.setOwner(planted, planted.getFileSystem().getUserPrincipalLookupService()
                .lookupPrincipalByName(NOBODY.name()));

        Run run = train(DAEMON, "pytorch");

        assertThat(run.exitCode()).as(run.output()).isEqualTo(1);
        assertThat(run.output())
                .contains("Refusing " + planted + " as the folder for the engines' native libraries: it belongs to"
                        + " user nobody")
                .contains("could place code there that this process would load")
                .contains("CXR4J_CACHE_DIR")
                .doesNotContain("failed unexpectedly");
        try (Stream<Path> inside = Files.list(planted)) {
            assertThat(inside).as("nothing unpacked into the other user's folder").isEmpty();
        }
    }

    private Run train(User user, String engine) throws IOException, InterruptedException {
        Path log = temp.resolve(user.name() + "-" + engine + ".log");
        List<String> command = List.of(SETPRIV, "--reuid=" + user.name(), "--regid=" + user.group(),
                "--clear-groups", Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:-UsePerfData", "-Xmx1g", "-Dai.djl.offline=true", "-Djava.io.tmpdir=" + tmp,
                "-cp", classpathOf(classpath), Cxr4jCommand.class.getName(),
                "train", "--engine", engine, "--data", data.toString(), "--image-size", "32", "--epochs", "1",
                "--no-audit", "--output", out.resolve(user.name() + "-" + engine).toString());
        ProcessBuilder builder = new ProcessBuilder(command).directory(temp.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        // No home to write to, and no cache folder chosen: the case where the engines fell back to /tmp.
        builder.environment().keySet().removeAll(List.of("HOME", "XDG_CACHE_HOME", "DJL_CACHE_DIR",
                "ENGINE_CACHE_DIR", "CXR4J_CACHE_DIR"));
        Process process = builder.start();
        assertThat(process.waitFor(5, TimeUnit.MINUTES)).as(user.name() + " training with " + engine + " finished")
                .isTrue();
        return new Run(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    }

    /** A world-writable folder with the sticky bit, as /tmp is. */
    private static Path shared(Path folder) throws IOException {
        Files.createDirectory(folder);
        Process chmod = new ProcessBuilder("chmod", "1777", folder.toString()).inheritIO().start();
        try {
            assertThat(chmod.waitFor()).isZero();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
        return folder;
    }

    /**
     * Copies the test classpath where other users can read it (root's Maven repository is private),
     * linking files where the file system allows: the native jars weigh 260 MB.
     */
    private static Path readableClasspath(Path target) throws IOException {
        int i = 0;
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path source = Path.of(entry);
            if (!Files.exists(source)) {
                continue;
            }
            Path copy = target.resolve(String.format("%03d-%s", i++, source.getFileName()));
            if (Files.isDirectory(source)) {
                try (Stream<Path> files = Files.walk(source)) {
                    for (Path file : (Iterable<Path>) files::iterator) {
                        Files.copy(file, copy.resolve(source.relativize(file).toString()));
                    }
                }
            } else {
                try {
                    Files.createLink(copy, source);
                } catch (IOException | UnsupportedOperationException e) {
                    Files.copy(source, copy, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
        makeReadable(target);
        return target;
    }

    private static String classpathOf(Path folder) throws IOException {
        try (Stream<Path> entries = Files.list(folder)) {
            return String.join(File.pathSeparator, entries.sorted().map(Path::toString).toList());
        }
    }

    /** Lets others read, adding bits only: a linked file shares its permissions with the original. */
    private static void makeReadable(Path folder) throws IOException {
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
                boolean directory = Files.isDirectory(file);
                if (!permissions.contains(PosixFilePermission.OTHERS_READ)
                        || directory && !permissions.contains(PosixFilePermission.OTHERS_EXECUTE)) {
                    permissions.addAll(directory
                            ? EnumSet.of(PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_EXECUTE)
                            : EnumSet.of(PosixFilePermission.OTHERS_READ));
                    Files.setPosixFilePermissions(file, permissions);
                }
            }
        }
    }

    private static List<Path> filesNamed(Path folder, String name) throws IOException {
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(p -> p.getFileName().toString().equals(name)).toList();
        }
    }

    private static long uid(User user) throws IOException, InterruptedException {
        Process id = new ProcessBuilder("id", "-u", user.name()).redirectErrorStream(true).start();
        String output = new String(id.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertThat(id.waitFor()).as("id -u " + user.name() + ": " + output).isZero();
        return Long.parseLong(output);
    }
}
