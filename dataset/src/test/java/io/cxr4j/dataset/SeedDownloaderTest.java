package io.cxr4j.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.util.Progress;
import io.cxr4j.core.data.Sample;
import io.cxr4j.core.data.XrayDataset;
import io.cxr4j.dataset.download.UrlPaths;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Downloads from a loopback server that serves the shared seed copy; every test sets the base URL
 * explicitly, so nothing here can reach the internet.
 */
class SeedDownloaderTest {

    @TempDir Path root;

    private Path sharedSeed;

    @BeforeEach
    void requireSharedSeed() {
        sharedSeed = SharedData.require("seed");
    }

    private SeedDownloader.Builder downloader(URI baseUrl) {
        return SeedDownloader.builder().optBaseUrl(baseUrl).optProgress(new CountingProgress())
                .optConnectTimeout(Duration.ofSeconds(5)).optRequestTimeout(Duration.ofSeconds(30));
    }

    @Test
    void recordedChecksumsCoverTheFiftyImagesOfTheMetadata() throws IOException {
        List<SeedDownloader.ExpectedFile> files = SeedDownloader.expectedFiles();

        assertThat(files).hasSize(50);
        assertThat(files).filteredOn(f -> f.path().startsWith("covid/")).hasSize(25);
        assertThat(files).filteredOn(f -> f.path().startsWith("normal/")).hasSize(25);
        Set<String> metadataPaths;
        try (InputStream in = SeedDownloader.class.getResourceAsStream("seed-metadata.csv")) {
            metadataPaths = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)
                    .lines().skip(1).map(line -> line.substring(0, line.indexOf(',')))
                    .collect(Collectors.toSet());
        }
        assertThat(metadataPaths).containsExactlyInAnyOrderElementsOf(
                files.stream().map(SeedDownloader.ExpectedFile::path).toList());
    }

    @Test
    void fullDownloadVerifiesAllFilesAndLoads() throws Exception {
        CountingProgress progress = new CountingProgress();
        Path seed;
        try (SeedServer server = SeedServer.serving(sharedSeed)) {
            seed = downloader(server.baseUrl()).optProgress(progress).build()
                    .download(DataDirectory.of(root));
            assertThat(server.requestedRawPaths()).hasSize(50)
                    .contains("/dataset/covid/1-s2.0-S0929664620300449-gr2_lrg-a.jpg");
        }

        assertThat(seed).isEqualTo(root.resolve("seed"));
        for (SeedDownloader.ExpectedFile file : SeedDownloader.expectedFiles()) {
            assertThat(sha256(seed.resolve(file.path()))).as(file.path()).isEqualTo(file.sha256());
        }
        assertThat(seed.resolve("metadata.csv")).hasSameTextualContentAs(sharedSeed.resolve("metadata.csv"));
        assertThat(progress.max).isEqualTo(50);
        assertThat(progress.done.get()).isEqualTo(50);
        assertThat(progress.ended).isTrue();
        try (Stream<Path> entries = Files.list(root)) {
            assertThat(entries).containsExactly(seed);
        }

        XrayDataset dataset = FolderDataset.builder().setFolder(seed)
                .optLabelMap(LabelMap.binary()).build().dataset();
        assertThat(dataset.countsPerClass()).containsExactly(
                org.assertj.core.api.Assertions.entry("covid", 25),
                org.assertj.core.api.Assertions.entry("normal", 25));
        assertThat(dataset.samples()).allMatch(s -> s.patientId() != null);
    }

    @Test
    void corruptedFileFailsAndLeavesNoPartialDataset() throws Exception {
        String corrupted = "normal/person1_bacteria_2.jpeg";
        String expected = SeedDownloader.expectedFiles().stream()
                .filter(f -> f.path().equals(corrupted)).findFirst().orElseThrow().sha256();

        try (SeedServer server = SeedServer.corrupting(sharedSeed, corrupted)) {
            SeedDownloader downloader = downloader(server.baseUrl()).build();
            assertThatThrownBy(() -> downloader.download(DataDirectory.of(root)))
                    .isInstanceOfSatisfying(ChecksumMismatchException.class, e -> {
                        assertThat(e.file()).isEqualTo(corrupted);
                        assertThat(e.expected()).isEqualTo(expected);
                        assertThat(e.actual()).hasSize(64).isNotEqualTo(expected);
                        assertThat(e.getMessage()).contains(corrupted, expected, e.actual());
                    });
        }
        try (Stream<Path> entries = Files.list(root)) {
            assertThat(entries).as("no seed folder and no temporary folder left").isEmpty();
        }
    }

    @Test
    void unreachableServerGivesAnActionableOfflineError() throws Exception {
        URI closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = URI.create("http://127.0.0.1:" + socket.getLocalPort() + "/dataset/");
        }
        SeedDownloader downloader = downloader(closedPort).build();

        assertThatThrownBy(() -> downloader.download(DataDirectory.of(root)))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining("data root " + root)
                .hasMessageContaining("expected the folder " + root.resolve("seed"))
                .hasMessageContaining(closedPort.toString() + "covid/")
                .hasMessageContaining("CXR4J_DATA_DIR")
                .hasMessageContaining(DatasetRegistry.DATA_ROOT_CALL);
        try (Stream<Path> entries = Files.list(root)) {
            assertThat(entries).isEmpty();
        }
    }

    @Test
    void serverWithoutTheFilesIsAnActionableError() throws Exception {
        try (SeedServer server = SeedServer.serving(root.resolve("empty"))) {
            SeedDownloader downloader = downloader(server.baseUrl()).build();
            assertThatThrownBy(() -> downloader.download(DataDirectory.of(root)))
                    .isInstanceOf(DatasetException.class)
                    .hasMessageContaining("HTTP 404")
                    .hasMessageContaining("CXR4J_DATA_DIR");
        }
        assertThat(root.resolve("seed")).doesNotExist();
    }

    @Test
    void offlineModeRefusesNonLoopbackDownloadsBeforeConnecting() {
        // ".invalid" never resolves (RFC 2606); the refusal happens before any look-up anyway.
        SeedDownloader downloader =
                downloader(URI.create("http://example.invalid/dataset/")).optOffline(true).build();

        assertThatThrownBy(() -> downloader.download(DataDirectory.of(root)))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining("offline")
                .hasMessageContaining("CXR4J_DATA_DIR");
        assertThat(root.resolve("seed")).doesNotExist();
    }

    @Test
    void existingTargetIsNotOverwritten() throws IOException {
        Files.createDirectories(root.resolve("seed"));
        SeedDownloader downloader = downloader(URI.create("http://127.0.0.1:9/dataset/")).build();

        assertThatThrownBy(() -> downloader.download(DataDirectory.of(root)))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining("already exists");
    }

    @Test
    void loopbackDetection() {
        assertThat(SeedDownloader.isLoopback(URI.create("http://127.0.0.1:8080/x/"))).isTrue();
        assertThat(SeedDownloader.isLoopback(URI.create("http://localhost/x/"))).isTrue();
        assertThat(SeedDownloader.isLoopback(URI.create("http://[::1]:80/x/"))).isTrue();
        assertThat(SeedDownloader.isLoopback(SeedDownloader.DEFAULT_BASE_URL)).isFalse();
        assertThat(SeedDownloader.isLoopback(URI.create("http://127.example.com/"))).isFalse();
    }

    @Test
    void defaultBaseUrlIsTheUpstreamDatasetFolder() {
        assertThat(SeedDownloader.DEFAULT_BASE_URL.resolve(UrlPaths.encode("covid/lancet-case2a.jpg")))
                .hasToString("https://raw.githubusercontent.com/hardiknahata/COVID-19-Detection/"
                        + "master/dataset/covid/lancet-case2a.jpg");
        assertThat(SeedDownloader.builder().optBaseUrl(URI.create("http://127.0.0.1:1/d")).build()
                .baseUrl()).hasToString("http://127.0.0.1:1/d/");
    }

    @Test
    void registryDownloadsAMissingSeedAndLoadsItsPatients() throws Exception {
        try (SeedServer server = SeedServer.serving(sharedSeed)) {
            DatasetRegistry registry = DatasetRegistry.builder().optDataRoot(root)
                    .optSeedDownloader(downloader(server.baseUrl()).build()).build();

            XrayDataset dataset = registry.load("seed", LabelMap.binary()).dataset();

            assertThat(dataset.size()).isEqualTo(50);
            assertThat(dataset.samples().stream().filter(s -> s.label().equals("covid"))
                    .map(Sample::patientId).distinct().count()).isEqualTo(12);
        }
    }

    private static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(
                MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }

    /** Records what the downloader reports. */
    private static final class CountingProgress implements Progress {
        long max;
        final AtomicLong done = new AtomicLong();
        boolean ended;

        @Override
        public void reset(String message, long max, String trailingMessage) {
            this.max = max;
            done.set(0);
        }

        @Override
        public void start(long initialProgress) {
            done.set(initialProgress);
        }

        @Override
        public void end() {
            ended = true;
        }

        @Override
        public void increment(long increment) {
            done.addAndGet(increment);
        }

        @Override
        public void update(long progress, String message) {
            done.set(progress);
        }
    }
}
