package io.cxr4j.pretrained;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cxr4j.core.engine.NativeCaches;
import io.cxr4j.core.model.NeutralWeights;
import io.cxr4j.dataset.download.DownloadException;
import io.cxr4j.dataset.download.FileServer;
import io.cxr4j.dataset.download.HttpDownloader;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Downloads from a loopback server only; the served file is the Keras-layout fixture. */
class PretrainedCacheTest {

    private static final String NAME = "vgg-tiny.h5";

    @TempDir Path dir;

    private final HttpDownloader http = HttpDownloader.builder().optOffline(true)
            .optConnectTimeout(Duration.ofSeconds(5)).optReadTimeout(Duration.ofSeconds(10)).build();

    private static byte[] fixtureBytes() throws IOException {
        return Files.readAllBytes(KerasWeightsTest.fixture(NAME));
    }

    private PretrainedCache cache() {
        return PretrainedCache.builder().optDirectory(dir.resolve("cache")).optHttp(http).build();
    }

    @Test
    void downloadsOnFirstUseVerifiesAndThenServesFromTheCache() throws IOException {
        byte[] body = fixtureBytes();
        try (FileServer server = new FileServer().put("/weights/" + NAME, body)) {
            PublishedWeights published = new PublishedWeights(NAME, server.url("/weights/" + NAME), md5(body));

            Path file = cache().fetch(published);

            assertThat(file).isEqualTo(dir.resolve("cache").resolve(NAME)).hasBinaryContent(body);
            assertThat(listing(dir.resolve("cache"))).containsExactly(NAME);
            NeutralWeights weights = KerasWeights.read(file, KerasWeightsTest.TINY);
            assertThat(weights.valueCount()).isEqualTo(KerasWeightsTest.TINY.parameterCount());

            assertThat(cache().fetch(published)).isEqualTo(file);
            assertThat(server.requests()).as("the second call uses the cached file").hasSize(1);
        }
    }

    @Test
    void brokenDownloadResumesWhereItStopped() throws IOException {
        byte[] body = fixtureBytes();
        try (FileServer server = new FileServer().put("/" + NAME, body).cutNextAfter("/" + NAME, 5000)) {
            PublishedWeights published = new PublishedWeights(NAME, server.url("/" + NAME), md5(body));

            assertThatThrownBy(() -> cache().fetch(published))
                    .isInstanceOfSatisfying(WeightsFileException.class, e -> {
                        assertThat(e.getCause()).isInstanceOfSatisfying(DownloadException.class,
                                d -> assertThat(d.resumable()).isTrue());
                        assertThat(e.getMessage()).contains("5000 of " + body.length, "by hand");
                    });
            assertThat(dir.resolve("cache").resolve(NAME)).doesNotExist();

            assertThat(cache().fetch(published)).hasBinaryContent(body);
            assertThat(server.rangeHeaders()).containsExactly("bytes=5000-");
            assertThat(listing(dir.resolve("cache"))).containsExactly(NAME);
        }
    }

    @Test
    void downloadThatDiffersFromThePublishedChecksumIsDiscarded() throws IOException {
        byte[] body = fixtureBytes();
        byte[] other = body.clone();
        other[body.length / 2] ^= 1;
        try (FileServer server = new FileServer().put("/" + NAME, other)) {
            PublishedWeights published = new PublishedWeights(NAME, server.url("/" + NAME), md5(body));

            assertThatThrownBy(() -> cache().fetch(published))
                    .isInstanceOf(WeightsFileException.class)
                    .hasMessageContaining("differs from the published file", md5(other), md5(body), "by hand");
            assertThat(listing(dir.resolve("cache"))).as("neither the file nor its part is kept").isEmpty();
        }
    }

    @Test
    void offlineRefusalSaysWhereToPutTheFileByHand() {
        PublishedWeights remote = new PublishedWeights(NAME, URI.create("https://example.invalid/" + NAME),
                "0123456789abcdef0123456789abcdef");
        Path target = dir.resolve("cache").resolve(NAME).toAbsolutePath();

        assertThatThrownBy(() -> cache().fetch(remote))
                .isInstanceOfSatisfying(WeightsFileException.class, e -> {
                    assertThat(e.file()).isEqualTo(target);
                    assertThat(e.getMessage()).contains("offline", HttpDownloader.OFFLINE_PROPERTY,
                            "download https://example.invalid/" + NAME + " by hand",
                            "0123456789abcdef0123456789abcdef", "put it at " + target);
                });
        assertThat(dir.resolve("cache")).doesNotExist();
    }

    @Test
    void unreachableServerSaysWhereToPutTheFileByHand() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        PublishedWeights unreachable = new PublishedWeights(NAME, URI.create("http://127.0.0.1:" + port + "/" + NAME),
                md5(fixtureBytes()));

        assertThatThrownBy(() -> cache().fetch(unreachable))
                .isInstanceOf(WeightsFileException.class)
                .hasMessageContaining("cannot get it", "by hand", "put it at " + dir.resolve("cache").resolve(NAME));
    }

    @Test
    void fileCopiedByHandIsUsedWithoutDownloadingAndCheckedFirst() throws IOException {
        byte[] body = fixtureBytes();
        PublishedWeights remote = new PublishedWeights(NAME, URI.create("https://example.invalid/" + NAME), md5(body));
        Path target = cache().locate(remote);
        Files.createDirectories(target.getParent());
        Files.write(target, body);

        assertThat(cache().fetch(remote)).isEqualTo(target);

        byte[] other = body.clone();
        other[100] ^= 1;
        Files.write(target, other);
        assertThatThrownBy(() -> cache().fetch(remote))
                .isInstanceOf(WeightsFileException.class)
                .hasMessageContaining(target.toString(), md5(other), md5(body), "Delete it");
        assertThat(target).as("a file the user placed is not deleted").hasBinaryContent(other);
    }

    @Test
    void defaultFolderIsBelowTheCacheRoot() throws IOException {
        String before = System.getProperty(NativeCaches.ROOT_PROPERTY);
        System.setProperty(NativeCaches.ROOT_PROPERTY, dir.resolve("root").toString());
        try {
            assertThat(PretrainedCache.builder().build().locate(PublishedWeights.VGG16_NOTOP)).isEqualTo(
                    dir.resolve("root").toAbsolutePath().resolve("pretrained")
                            .resolve("vgg16_weights_tf_dim_ordering_tf_kernels_notop.h5"));
        } finally {
            if (before == null) {
                System.clearProperty(NativeCaches.ROOT_PROPERTY);
            } else {
                System.setProperty(NativeCaches.ROOT_PROPERTY, before);
            }
        }
    }

    private static String md5(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static java.util.List<String> listing(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return java.util.List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
