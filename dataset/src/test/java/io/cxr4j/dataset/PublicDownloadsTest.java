package io.cxr4j.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import ai.djl.util.Progress;
import io.cxr4j.dataset.download.Checksum;
import io.cxr4j.dataset.download.DownloadException;
import io.cxr4j.dataset.download.FileServer;
import io.cxr4j.dataset.download.HttpDownloader;
import io.cxr4j.dataset.download.HttpDownloaderTest;
import io.cxr4j.dataset.download.RemoteFile;
import io.cxr4j.dataset.download.UnsafeArchiveException;
import io.cxr4j.dataset.download.Zips;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The darkcovidnet and covid-chestxray downloads through the registry, from a loopback server
 * with small generated files standing in for the upstream ones.
 */
class PublicDownloadsTest {

    @TempDir Path root;

    private final HttpDownloader http = HttpDownloader.builder().optOffline(true)
            .optConnectTimeout(Duration.ofSeconds(5)).optReadTimeout(Duration.ofSeconds(10)).build();

    @Test
    void darkcovidnetListIsTheUpstreamFolderAtThePinnedCommit() {
        List<RemoteFile> files = PublicDownloads.darkcovidnetFiles();

        assertThat(files).hasSize(1125);
        assertThat(files).filteredOn(f -> f.path().startsWith("Covid-19/")).hasSize(125);
        assertThat(files).filteredOn(f -> f.path().startsWith("No_findings/")).hasSize(500);
        assertThat(files).filteredOn(f -> f.path().startsWith("Pneumonia/")).hasSize(500);
        assertThat(files).filteredOn(f -> f.checksum().algorithm() != Checksum.Algorithm.SHA256)
                .singleElement().extracting(RemoteFile::path)
                .isEqualTo("Covid-19/covid-19-pneumonia-14-PA.png");
        assertThat(PublicDownloads.darkcovidnet().build().baseUrl()
                .resolve("Covid-19/covid-19-pneumonia-14-PA.png")).hasToString(
                "https://raw.githubusercontent.com/muhammedtalo/COVID-19/"
                        + "ee3e2cffc0824711bed675275506b26f19be7198/X-Ray%20Image%20DataSet/"
                        + "Covid-19/covid-19-pneumonia-14-PA.png");
    }

    @Test
    void registryDownloadsAMissingDarkcovidnetAndLoadsIt() throws Exception {
        byte[] covid = png(root.resolve("src/c.png"));
        byte[] normal = png(root.resolve("src/n.png"));
        List<RemoteFile> files = List.of(
                new RemoteFile("Covid-19/a b.png", Checksum.sha256(sha256(covid))),
                new RemoteFile("No_findings/00000001_000.png", Checksum.sha256(sha256(normal))),
                new RemoteFile("Pneumonia/00000002_000.png", Checksum.sha256(sha256(normal))));
        try (FileServer server = new FileServer().put("/set/Covid-19/a b.png", covid)
                .put("/set/No_findings/00000001_000.png", normal)
                .put("/set/Pneumonia/00000002_000.png", normal)) {
            Path data = root.resolve("data");
            DatasetRegistry registry = DatasetRegistry.builder().optDataRoot(data)
                    .optDownloader(PublicDownloads.darkcovidnet().setBaseUrl(server.url("/set/"))
                            .setFiles(files).optHttp(http).optProgress(new SilentProgress()).build())
                    .build();

            FolderDataset loaded = registry.load("darkcovidnet", LabelMap.threeClass());

            assertThat(loaded.dataset().countsPerClass()).containsOnly(
                    entry("covid", 1), entry("normal", 1), entry("pneumonia", 1));
            assertThat(server.requests()).contains("/set/Covid-19/a b.png");
            try (Stream<Path> entries = Files.list(data)) {
                assertThat(entries).containsExactly(data.resolve("darkcovidnet"));
            }
        }
    }

    @Test
    void interruptedFileSetKeepsVerifiedFilesAndResumesThePartialOne() throws Exception {
        byte[] first = png(root.resolve("src/1.png"));
        byte[] second = HttpDownloaderTest.randomBytes(200_000);
        List<RemoteFile> files = List.of(
                new RemoteFile("Covid-19/1.png", Checksum.sha256(sha256(first))),
                new RemoteFile("No_findings/2.png", Checksum.sha256(sha256(second))));
        Path data = root.resolve("data");
        try (FileServer server = new FileServer().put("/set/Covid-19/1.png", first)
                .put("/set/No_findings/2.png", second).cutNextAfter("/set/No_findings/2.png", 50_000)) {
            var downloader = PublicDownloads.darkcovidnet().setBaseUrl(server.url("/set/"))
                    .setFiles(files).optHttp(http).optProgress(new SilentProgress()).build();

            assertThatThrownBy(() -> downloader.download(DataDirectory.of(data)))
                    .isInstanceOf(DatasetException.class).hasMessageContaining("50000 of 200000");
            assertThat(data.resolve("darkcovidnet")).doesNotExist();
            assertThat(data.resolve(".darkcovidnet.download/Covid-19/1.png")).hasBinaryContent(first);

            downloader.download(DataDirectory.of(data));

            assertThat(server.requests()).containsExactly("/set/Covid-19/1.png",
                    "/set/No_findings/2.png", "/set/No_findings/2.png");
            assertThat(server.rangeHeaders()).containsExactly("bytes=50000-");
            assertThat(data.resolve("darkcovidnet/No_findings/2.png")).hasBinaryContent(second);
            try (Stream<Path> entries = Files.list(data)) {
                assertThat(entries).containsExactly(data.resolve("darkcovidnet"));
            }
        }
    }

    @Test
    void registryDownloadsCovidChestXrayAsAnArchiveAndLoadsItsMetadata() throws Exception {
        try (FileServer server = new FileServer().put("/master.zip", ieeeArchive().bytes())) {
            DatasetRegistry registry = registry(server.url("/master.zip"));

            LoadedDataset loaded = registry.loadCovidChestXray(LabelMap.threeClass());

            assertThat(loaded.dataset().countsPerClass())
                    .contains(entry("covid", 1), entry("normal", 1), entry("pneumonia", 0));
            assertThat(loaded.dataset().samples()).extracting(s -> s.patientId())
                    .containsExactlyInAnyOrder("ieee8023-1", "ieee8023-2");
            Path folder = root.resolve("covid-chestxray");
            assertThat(folder.resolve("volumes")).as("only metadata.csv and images/").doesNotExist();
            assertThat(folder.resolve("README.md")).doesNotExist();
            try (Stream<Path> entries = Files.list(root)) {
                assertThat(entries).as("no archive or staging folder left").containsExactly(folder);
            }
            assertThatThrownBy(() -> registry.load("covid-chestxray", LabelMap.threeClass()))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("loadCovidChestXray");
        }
    }

    @Test
    void interruptedArchiveDownloadIsResumedByTheNextLoad() throws Exception {
        byte[] archive = ieeeArchive().bytes();
        try (FileServer server = new FileServer().put("/master.zip", archive)
                .cutNextAfter("/master.zip", archive.length / 2)) {
            DatasetRegistry registry = registry(server.url("/master.zip"));

            assertThatThrownBy(() -> registry.loadCovidChestXray(LabelMap.threeClass()))
                    .isInstanceOf(DatasetException.class)
                    .hasMessageContaining("connection broke")
                    .hasMessageContaining("next attempt continues")
                    .hasMessageContaining("CXR4J_DATA_DIR")
                    .hasCauseInstanceOf(DownloadException.class);
            assertThat(root.resolve("covid-chestxray")).doesNotExist();
            assertThat(root.resolve(".covid-chestxray.download/archive.zip.part"))
                    .hasSize(archive.length / 2);

            assertThat(registry.loadCovidChestXray(LabelMap.threeClass()).dataset().size())
                    .isEqualTo(2);
            assertThat(server.rangeHeaders()).containsExactly("bytes=" + archive.length / 2 + "-");
            assertThat(root.resolve(".covid-chestxray.download")).doesNotExist();
        }
    }

    @Test
    void maliciousArchiveIsRefusedAndNothingIsKept() throws Exception {
        byte[] evil = ieeeArchive().file("covid-chestxray-dataset-master/images/../../../evil.txt",
                "pwned").bytes();
        try (FileServer server = new FileServer().put("/master.zip", evil)) {
            DatasetRegistry registry = registry(server.url("/master.zip"));

            assertThatThrownBy(() -> registry.loadCovidChestXray(LabelMap.threeClass()))
                    .isInstanceOf(UnsafeArchiveException.class)
                    .hasMessageContaining("../../../evil.txt")
                    .hasMessageContaining("zip slip");
        }
        try (Stream<Path> entries = Files.list(root)) {
            assertThat(entries).as("no data set, archive or staging folder").isEmpty();
        }
        assertThat(root.getParent().resolve("evil.txt")).doesNotExist();
    }

    @Test
    void offlineSwitchRefusesTheRealSourcesBeforeConnecting() {
        DatasetRegistry registry = DatasetRegistry.builder().optDataRoot(root)
                .optDownloader(PublicDownloads.darkcovidnet().optHttp(http).build())
                .optDownloader(PublicDownloads.covidChestXray().optHttp(http).build()).build();

        assertThatThrownBy(() -> registry.load("darkcovidnet", LabelMap.binary()))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining("offline")
                .hasMessageContaining(PublicDownloads.DARKCOVIDNET_BASE_URL.toString())
                .hasMessageContaining("darkcovidnet/Covid-19");
        assertThatThrownBy(() -> registry.loadCovidChestXray(LabelMap.binary()))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining("offline")
                .hasMessageContaining(PublicDownloads.COVID_CHESTXRAY_ARCHIVE_URL.toString());
        assertThat(root).isEmptyDirectory();
    }

    @Test
    void downloadsCanBeTurnedOff() {
        DatasetRegistry registry = DatasetRegistry.builder().optDataRoot(root).optDownloads(false)
                .build();

        assertThatThrownBy(() -> registry.load("darkcovidnet", LabelMap.binary()))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining("github.com/muhammedtalo/COVID-19");
        assertThat(registry.names()).contains("covid-chestxray");
    }

    private DatasetRegistry registry(URI archiveUrl) {
        return DatasetRegistry.builder().optDataRoot(root)
                .optDownloader(PublicDownloads.covidChestXray().setUrl(archiveUrl).optHttp(http)
                        .optProgress(new SilentProgress()).build())
                .build();
    }

    /** A small archive laid out like GitHub's archive of the repository. */
    private Zips ieeeArchive() throws IOException {
        String top = "covid-chestxray-dataset-master/";
        byte[] image = png(root.resolve("src/x.png"));
        Files.delete(root.resolve("src/x.png"));
        Files.delete(root.resolve("src"));
        return new Zips()
                .file(top + "README.md", "# covid-chestxray-dataset")
                .file(top + "metadata.csv", CovidChestXrayTest.IEEE_HEADER + "\n"
                        + row("1", "COVID-19", "images", "a.png")
                        + row("2", "No Finding", "images", "b.png"))
                .file(top + "images/a.png", image)
                .file(top + "images/b.png", image)
                .file(top + "volumes/ct.nii.gz", new byte[] {1, 2, 3});
    }

    private static String row(String patient, String finding, String folder, String file) {
        return patient + ",0,M,65," + finding + ",Y,Y,,,,,,,,,,,,PA,X-ray,2020,Wuhan," + folder
                + "," + file + ",,https://example.org/case,,,,\n";
    }

    private static byte[] png(Path file) throws IOException {
        return Files.readAllBytes(Fixtures.image(file));
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    /** Keeps the test output free of progress bars. */
    static final class SilentProgress implements Progress {
        @Override
        public void reset(String message, long max, String trailingMessage) {}

        @Override
        public void start(long initialProgress) {}

        @Override
        public void end() {}

        @Override
        public void increment(long increment) {}

        @Override
        public void update(long progress, String message) {}
    }
}
