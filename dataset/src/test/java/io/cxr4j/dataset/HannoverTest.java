package io.cxr4j.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import io.cxr4j.core.data.Sample;
import io.cxr4j.core.data.XrayDataset;
import io.cxr4j.dataset.download.FileServer;
import io.cxr4j.dataset.download.HttpDownloader;
import io.cxr4j.dataset.download.RemoteFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hannover set: its loader on the shared copy, and its download, served on 127.0.0.1 from
 * the shared copy's own files laid out as the upstream repository has them, verified against the
 * pinned checksums.
 */
class HannoverTest {

    @TempDir Path root;

    @Test
    void loadsEveryImageWithItsPatientViewAndSource() throws Exception {
        Path data = SharedData.require("hannover").getParent();
        XrayDataset dataset = DatasetRegistry.builder().optDataRoot(data).optDownloads(false).build()
                .load(DatasetRegistry.HANNOVER, LabelMap.binary()).dataset();

        assertThat(dataset.samples()).hasSize(243).allSatisfy(s -> {
            assertThat(s.label()).isEqualTo("covid");
            assertThat(s.patientId()).startsWith("mhh-");
            assertThat(s.view()).isIn("AP", "PA");
            assertThat(s.source()).isEqualTo(DatasetRegistry.HANNOVER_SOURCE);
        });
        assertThat(dataset.samples().stream().map(Sample::patientId).distinct()).hasSize(71);
        assertThat(dataset.samples().stream().filter(s -> s.view().equals("AP"))).hasSize(194);
        assertThat(dataset.countsPerClass()).containsEntry("covid", 243).containsEntry("normal", 0);
    }

    @Test
    void downloadsTheUpstreamPngFolderVerifiesEveryFileAndLaysItOutAsTheLoaderReadsIt() throws Exception {
        Path shared = SharedData.require("hannover");
        FileServer server = new FileServer();
        for (RemoteFile file : PublicDownloads.hannoverFiles()) {
            String name = file.path().substring(file.path().indexOf('/') + 1);
            server.put("/repo/" + file.path(), Files.readAllBytes(shared.resolve("covid").resolve(name)));
        }
        try (server) {
            HttpDownloader http = HttpDownloader.builder().optOffline(true)
                    .optConnectTimeout(Duration.ofSeconds(5)).optReadTimeout(Duration.ofSeconds(20)).build();
            Path data = root.resolve("data");
            DatasetRegistry registry = DatasetRegistry.builder().optDataRoot(data)
                    .optDownloader(PublicDownloads.hannover().setBaseUrl(server.url("/repo/")).optHttp(http)
                            .optProgress(new PublicDownloadsTest.SilentProgress()).build())
                    .build();

            XrayDataset dataset = registry.load(DatasetRegistry.HANNOVER, LabelMap.binary()).dataset();

            assertThat(dataset.samples()).hasSize(243);
            assertThat(dataset.samples().stream().map(Sample::patientId).filter(Objects::nonNull).distinct())
                    .hasSize(71);
            assertThat(data.resolve("hannover/metadata.csv")).hasSameTextualContentAs(shared.resolve("metadata.csv"));
            assertThat(data.resolve("hannover/png")).doesNotExist();
            assertThat(server.requests()).hasSize(243).allSatisfy(r -> assertThat(r).startsWith("/repo/png/"));
        }
    }

    @Test
    void pinnedListNamesTheUpstreamFolderOnTheDefaultBranch() {
        assertThat(PublicDownloads.hannoverFiles()).hasSize(243)
                .allSatisfy(f -> assertThat(f.path()).startsWith("png/").endsWith(".png"));
        assertThat(PublicDownloads.hannover().build().baseUrl().resolve("png/006f3a8a.png")).hasToString(
                "https://raw.githubusercontent.com/ml-workgroup/covid-19-image-repository/HEAD/png/006f3a8a.png");
    }
}
