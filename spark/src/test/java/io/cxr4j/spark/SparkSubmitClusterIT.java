package io.cxr4j.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.cxr4j.core.data.Prediction;
import io.cxr4j.core.engine.Engines;
import io.cxr4j.core.image.PreprocessingSpec;
import io.cxr4j.core.inference.XrayClassifier;
import io.cxr4j.core.config.TrainingConfig;
import io.cxr4j.core.testing.SharedData;
import io.cxr4j.core.training.TrainingRequest;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cluster command of docs/spark.md, run as a cluster runs it: a Spark distribution's jars
 * only (Spark and what Spark brings, taken from this module's dependency tree), a standalone
 * master and worker in their own JVMs on 127.0.0.1, and {@code spark-submit} (its main class,
 * {@code SparkSubmit}, which the script starts) with {@code cluster-lib/} as {@code --jars}. It
 * runs after {@code package}, which writes {@code cluster-lib/}: a jar missing there is missing on
 * every real cluster.
 */
class SparkSubmitClusterIT {

    private static final Path TARGET = Path.of("target").toAbsolutePath();
    private static final Path LIB = TARGET.resolve("lib");
    private static final Path CLUSTER_LIB = TARGET.resolve("cluster-lib");

    private final List<Process> daemons = new ArrayList<>();

    @AfterEach
    void stopDaemons() throws InterruptedException {
        for (Process daemon : daemons) {
            daemon.descendants().forEach(ProcessHandle::destroy);
            daemon.destroy();
            daemon.waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void clusterLibHoldsEveryRuntimeJarThatSparkDoesNotShip() throws IOException {
        Set<String> spark = sparkJars();
        List<String> missing = runtimeJars().stream()
                .filter(jar -> !spark.contains(jar) && !Files.exists(CLUSTER_LIB.resolve(jar))).toList();

        assertThat(spark).contains("spark-core_2.13-" + sparkVersion() + ".jar")
                .anyMatch(jar -> jar.startsWith("hadoop-client-api-"));
        assertThat(missing).as("runtime jars neither in a Spark distribution nor in cluster-lib/ (add their group to"
                + " the copy-cluster-dependencies execution in spark/pom.xml)").isEmpty();
    }

    @Test
    void sparkSubmitRunsTheDocumentedCommandOnAStandaloneCluster(@TempDir Path temp) throws Exception {
        Path model = temp.resolve("model");
        TrainingConfig config = TrainingConfig.builder().optEpochs(1)
                .optPreprocessing(PreprocessingSpec.defaults().withImageSize(32)).build();
        Engines.discover().require("pytorch").train(TrainingRequest.of(
                SparkClassifierTest.folderDataset(SharedData.require("seed")), null, config, model));
        Path data = images(temp.resolve("data"));
        Path sparkHome = distribution(temp.resolve("spark-home"));

        int masterPort = freePort();
        String master = "spark://127.0.0.1:" + masterPort;
        Path logs = Files.createDirectories(temp.resolve("logs"));
        Process masterProcess = start(sparkHome, logs.resolve("master.log"), "org.apache.spark.deploy.master.Master",
                "--host", "127.0.0.1", "--port", String.valueOf(masterPort), "--webui-port", String.valueOf(freePort()));
        await(logs.resolve("master.log"), "I have been elected leader", masterProcess);
        Process worker = start(sparkHome, logs.resolve("worker.log"), "org.apache.spark.deploy.worker.Worker", master,
                "--host", "127.0.0.1", "--cores", "2", "--memory", "4g", "--webui-port", String.valueOf(freePort()),
                "--work-dir", temp.resolve("work").toString());
        await(logs.resolve("master.log"), "Registering worker", worker);

        Path output = temp.resolve("predictions");
        String jars = Files.list(CLUSTER_LIB).sorted().map(Path::toString).collect(Collectors.joining(","));
        Process submit = java(sparkHome, logs.resolve("submit.log"), "org.apache.spark.deploy.SparkSubmit",
                "--master", master,
                "--class", "io.cxr4j.spark.cli.SparkCommand",
                "--jars", jars,
                "--conf", "spark.executor.cores=2", "--conf", "spark.task.cpus=1",
                "--conf", "spark.executorEnv.OMP_NUM_THREADS=1",
                "--conf", "spark.executor.memory=1g", "--conf", "spark.executor.memoryOverhead=2g",
                "--conf", "spark.driver.extraJavaOptions=-Dai.djl.offline=true",
                "--conf", "spark.executor.extraJavaOptions=-Dai.djl.offline=true",
                "--conf", "spark.driver.host=127.0.0.1", "--conf", "spark.ui.enabled=false",
                TARGET.resolve("cxr4j-spark.jar").toString(), "predict", "--model", model.toString(),
                "--data", data.toString(), "--output", output.toString(), "--format", "csv");
        assertThat(submit.waitFor(15, TimeUnit.MINUTES)).as("spark-submit finished").isTrue();
        String log = Files.readString(logs.resolve("submit.log"));
        // 3: finished, with an unreadable file reported.
        assertThat(submit.exitValue()).as(log).isEqualTo(3);
        assertThat(log).contains("7 images classified, 1 could not be read");
        // The worker's executor JVM, not the driver, received and loaded the model.
        assertThat(executorLogs(temp.resolve("work"))).contains("INFO ExecutorModels: Loaded model 'model'");

        SparkSession reader = SparkTests.session("local[1]");
        Map<String, Row> byName = new HashMap<>();
        try {
            for (Row row : reader.read().option("header", "true").csv(output.toString()).collectAsList()) {
                byName.put(Path.of(java.net.URI.create(row.getAs(ImageTables.PATH))).getFileName().toString(), row);
            }
        } finally {
            reader.stop();
        }
        assertThat(byName).hasSize(8);
        assertThat(byName.get("corrupt.png").<String>getAs(PredictionTable.PROBLEM_KIND)).isNotNull();
        try (XrayClassifier local = XrayClassifier.load(model); Stream<Path> files = Files.list(data)) {
            for (Path image : files.filter(f -> !f.getFileName().toString().equals("corrupt.png")).toList()) {
                Row row = byName.get(image.getFileName().toString());
                assertThat(row.<String>getAs(PredictionTable.PROBLEM_KIND)).as(image.toString()).isNull();
                Prediction expected = local.predict(image);
                assertThat(row.<String>getAs(PredictionTable.PREDICTION)).isEqualTo(expected.label());
                for (int i = 0; i < expected.classNames().size(); i++) {
                    String column = PredictionTable.PROBABILITY_PREFIX + expected.classNames().get(i);
                    assertThat(Double.parseDouble(row.getAs(column))).as(image + " " + column)
                            .isCloseTo(expected.probabilities().get(i), within(1e-6));
                }
            }
        }
    }

    /** Four seed images, three DICOM files (uncompressed, JPEG Lossless, JPEG 2000) and a file that is no image. */
    private static Path images(Path folder) throws IOException {
        Files.createDirectories(folder);
        try (Stream<Path> classes = Files.list(SharedData.require("seed"))) {
            for (Path classFolder : classes.filter(Files::isDirectory).sorted().toList()) {
                try (Stream<Path> files = Files.list(classFolder)) {
                    for (Path image : files.sorted().limit(2).toList()) {
                        Files.copy(image, folder.resolve(image.getFileName()));
                    }
                }
            }
        }
        Path dicom = Path.of("..", "core", "src", "test", "resources", "dicom").toAbsolutePath().normalize();
        Files.copy(dicom.resolve("rescale.dcm"), folder.resolve("rescale.dcm"));
        Files.copy(dicom.resolve("jpeg-lossless.dcm"), folder.resolve("jpeg-lossless.dcm"));
        Files.copy(dicom.resolve("jpeg2000.dcm"), folder.resolve("jpeg2000.dcm"));
        Files.writeString(folder.resolve("corrupt.png"), "not an image");
        return folder;
    }

    /** A Spark distribution's layout: {@code jars/} with Spark's jars only, and a RELEASE file. */
    private static Path distribution(Path home) throws IOException {
        Path jars = Files.createDirectories(home.resolve("jars"));
        for (String jar : sparkJars()) {
            Path file = LIB.resolve(jar);
            if (Files.exists(file)) {
                Files.createSymbolicLink(jars.resolve(jar), file);
            }
        }
        Files.writeString(home.resolve("RELEASE"), "Spark " + sparkVersion() + " (its Maven Central jars)\n");
        return home;
    }

    private Process start(Path sparkHome, Path log, String mainClass, String... args) throws IOException {
        Process daemon = java(sparkHome, log, mainClass, args);
        daemons.add(daemon);
        return daemon;
    }

    /** A JVM on the distribution's jars, as Spark's launch scripts start one. */
    private static Process java(Path sparkHome, Path log, String mainClass, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of(System.getProperty("spark.opens").trim().split("\\s+")));
        command.addAll(List.of("-Xmx768m", "-Dai.djl.offline=true", "-cp", sparkHome.resolve("jars") + "/*", mainClass));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(k -> k.startsWith("SPARK_"));
        env.put("SPARK_HOME", sparkHome.toString());
        env.put("SPARK_SCALA_VERSION", "2.13");
        env.put("SPARK_LOCAL_IP", "127.0.0.1");
        return builder.start();
    }

    private static void await(Path log, String line, Process process) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (System.nanoTime() < deadline) {
            if (Files.exists(log) && Files.readString(log).contains(line)) {
                return;
            }
            assertThat(process.isAlive()).as("%s stopped: %s", log.getFileName(),
                    Files.exists(log) ? Files.readString(log) : "").isTrue();
            Thread.sleep(500);
        }
        throw new AssertionError("No '" + line + "' in " + log + " within 3 minutes: " + Files.readString(log));
    }

    private static String executorLogs(Path work) throws IOException {
        StringBuilder text = new StringBuilder();
        try (Stream<Path> files = Files.walk(work)) {
            for (Path file : files.filter(f -> f.getFileName().toString().equals("stderr")).toList()) {
                text.append(Files.readString(file, StandardCharsets.UTF_8));
            }
        }
        return text.toString();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static List<String> runtimeJars() throws IOException {
        try (Stream<Path> files = Files.list(LIB)) {
            return files.map(f -> f.getFileName().toString()).sorted().toList();
        }
    }

    /**
     * The jar files of Spark and everything it depends on: the subtree of {@code spark-sql} in the
     * verbose dependency tree the build writes, including what Maven resolved elsewhere in the tree.
     */
    private static Set<String> sparkJars() throws IOException {
        Pattern node = Pattern.compile("^([| ]*)[+\\\\]- (\\()?(\\S+)");
        Map<String, String> fileOfArtifact = new HashMap<>();
        Set<String> sparkArtifacts = new HashSet<>();
        boolean inSpark = false;
        List<String> lines = Files.readAllLines(TARGET.resolve("dependency-tree.txt"));
        for (String line : lines.subList(1, lines.size())) {
            Matcher m = node.matcher(line);
            if (!m.find()) {
                continue;
            }
            // groupId:artifactId:type[:classifier]:version:scope
            String[] c = m.group(3).split(":");
            String classifier = c.length == 6 ? c[3] : null;
            String artifact = c[0] + ":" + c[1] + (classifier == null ? "" : ":" + classifier);
            if (m.group(2) == null) {
                fileOfArtifact.put(artifact, c[1] + "-" + c[c.length - 2] + (classifier == null ? "" : "-" + classifier)
                        + ".jar");
            }
            if (m.group(1).isEmpty()) {
                inSpark = artifact.equals("org.apache.spark:spark-sql_2.13");
            }
            if (inSpark) {
                sparkArtifacts.add(artifact);
            }
        }
        return sparkArtifacts.stream().map(fileOfArtifact::get).filter(f -> f != null)
                .collect(Collectors.toCollection(HashSet::new));
    }

    private static String sparkVersion() throws IOException {
        return version("spark-core_2.13-");
    }

    private static String version(String prefix) throws IOException {
        return runtimeJars().stream().filter(j -> j.startsWith(prefix)).findFirst()
                .map(j -> j.substring(prefix.length(), j.length() - ".jar".length()))
                .orElseThrow(() -> new AssertionError("No " + prefix + "*.jar in " + LIB));
    }
}
