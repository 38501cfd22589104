package io.cxr4j.dataset.download;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cxr4j.dataset.ChecksumMismatchException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Downloads from a loopback server only. */
public class HttpDownloaderTest {

    @TempDir Path dir;

    private static final byte[] BODY = randomBytes(300_000);

    private final HttpDownloader http = HttpDownloader.builder().optOffline(true)
            .optConnectTimeout(Duration.ofSeconds(5)).optReadTimeout(Duration.ofSeconds(10)).build();

    @Test
    void downloadsAndVerifies() throws Exception {
        try (FileServer server = new FileServer().put("/f.bin", BODY)) {
            Path file = http.download(server.url("/f.bin"), dir.resolve("f.bin"), "f.bin",
                    Checksum.sha256(sha256(BODY)), Messages.SILENT);

            assertThat(file).hasBinaryContent(BODY);
            assertThat(dir.resolve("f.bin.part")).doesNotExist();
            assertThat(server.rangeHeaders()).isEmpty();
        }
    }

    @Test
    void corruptedDownloadIsRemovedAndNamesBothHashes() throws Exception {
        byte[] corrupted = BODY.clone();
        corrupted[1234] ^= 1;
        String expected = sha256(BODY);
        String actual = sha256(corrupted);
        try (FileServer server = new FileServer().put("/f.bin", corrupted)) {
            assertThatThrownBy(() -> http.download(server.url("/f.bin"), dir.resolve("f.bin"),
                    "covid/f.bin", Checksum.sha256(expected), Messages.SILENT))
                    .isInstanceOfSatisfying(ChecksumMismatchException.class, e -> {
                        assertThat(e.file()).isEqualTo("covid/f.bin");
                        assertThat(e.expected()).isEqualTo(expected);
                        assertThat(e.actual()).isEqualTo(actual);
                        assertThat(e.getMessage()).contains("covid/f.bin", expected, e.actual());
                    });
        }
        try (var left = Files.list(dir)) {
            assertThat(left).as("neither the file nor its .part is kept").isEmpty();
        }
    }

    @Test
    void interruptedDownloadResumesWithARangeRequest() throws Exception {
        Path target = dir.resolve("f.bin");
        try (FileServer server = new FileServer().put("/f.bin", BODY).cutNextAfter("/f.bin", 100_000)) {
            assertThatThrownBy(() -> http.download(server.url("/f.bin"), target, "f.bin",
                    Checksum.sha256(sha256(BODY)), Messages.SILENT))
                    .isInstanceOfSatisfying(DownloadException.class, e -> {
                        assertThat(e.resumable()).isTrue();
                        assertThat(e.getMessage()).contains("100000 of 300000", "f.bin.part");
                    });
            assertThat(target).doesNotExist();
            assertThat(Files.size(dir.resolve("f.bin.part"))).isEqualTo(100_000);

            http.download(server.url("/f.bin"), target, "f.bin", Checksum.sha256(sha256(BODY)),
                    Messages.SILENT);

            assertThat(server.rangeHeaders()).containsExactly("bytes=100000-");
            assertThat(target).hasBinaryContent(BODY);
            assertThat(dir.resolve("f.bin.part")).doesNotExist();
        }
    }

    @Test
    void serverWithoutRangeSupportRestartsCleanly() throws Exception {
        Path target = dir.resolve("f.bin");
        try (FileServer server = new FileServer().put("/f.bin", BODY).rangeSupport(false)
                .cutNextAfter("/f.bin", 100_000)) {
            assertThatThrownBy(() -> http.download(server.url("/f.bin"), target, "f.bin",
                    Checksum.sha256(sha256(BODY)), Messages.SILENT))
                    .isInstanceOf(DownloadException.class);

            http.download(server.url("/f.bin"), target, "f.bin", Checksum.sha256(sha256(BODY)),
                    Messages.SILENT);

            assertThat(server.rangeHeaders()).containsExactly("bytes=100000-");
            assertThat(target).as("the whole file, not the old part with the whole file appended")
                    .hasBinaryContent(BODY);
        }
    }

    @Test
    void partLongerThanTheFileStartsOver() throws Exception {
        Path target = dir.resolve("f.bin");
        Files.write(dir.resolve("f.bin.part"), randomBytes(400_000));
        try (FileServer server = new FileServer().put("/f.bin", BODY)) {
            http.download(server.url("/f.bin"), target, "f.bin", Checksum.sha256(sha256(BODY)),
                    Messages.SILENT);

            assertThat(server.rangeHeaders()).containsExactly("bytes=400000-");
            assertThat(server.requests()).hasSize(2);
            assertThat(target).hasBinaryContent(BODY);
        }
    }

    @Test
    void httpErrorIsNotResumable() throws Exception {
        try (FileServer server = new FileServer()) {
            assertThatThrownBy(() -> http.download(server.url("/missing"), dir.resolve("m"), "m",
                    null, Messages.SILENT))
                    .isInstanceOfSatisfying(DownloadException.class, e -> {
                        assertThat(e.resumable()).isFalse();
                        assertThat(e.getMessage()).contains("HTTP 404", "/missing");
                    });
        }
    }

    @Test
    void offlineSwitchRefusesNonLoopbackUrlsBeforeConnecting() {
        // ".invalid" never resolves (RFC 2606); the refusal comes before any look-up anyway.
        URI remote = URI.create("http://example.invalid/f.bin");

        assertThatThrownBy(() -> http.download(remote, dir.resolve("f.bin"), "f.bin", null,
                Messages.SILENT))
                .isInstanceOfSatisfying(DownloadException.class, e -> {
                    assertThat(e.url()).isEqualTo(remote);
                    assertThat(e.resumable()).isFalse();
                    assertThat(e.getMessage()).contains("offline", "cxr4j.offline", "CXR4J_OFFLINE");
                });
        assertThat(dir.resolve("f.bin.part")).doesNotExist();
        assertThat(HttpDownloader.builder().optOffline(false).build().offline()).isFalse();
    }

    @Test
    void loopbackDetectionDoesNotResolveNames() {
        assertThat(HttpDownloader.isLoopback(URI.create("http://127.0.0.1:8080/x"))).isTrue();
        assertThat(HttpDownloader.isLoopback(URI.create("http://LOCALHOST/x"))).isTrue();
        assertThat(HttpDownloader.isLoopback(URI.create("http://[::1]/x"))).isTrue();
        assertThat(HttpDownloader.isLoopback(URI.create("http://127.example.com/x"))).isFalse();
        assertThat(HttpDownloader.isLoopback(URI.create("https://raw.githubusercontent.com/x"))).isFalse();
    }

    public static byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        new Random(n).nextBytes(bytes);
        return bytes;
    }

    static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
