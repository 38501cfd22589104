package io.cxr4j.dataset.download;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ZipExtractorTest {

    /** The folder the archive and the target live in; nothing may appear here but those. */
    @TempDir Path dir;

    @Test
    void extractsStrippingTheTopFolderAndFiltering() throws IOException {
        Path zip = write(new Zips().file("repo-master/metadata.csv", "a,b\n")
                .file("repo-master/images/x.png", new byte[] {1, 2, 3})
                .file("repo-master/docs/readme.md", "skip me"));

        var extracted = ZipExtractor.builder().optStripComponents(1)
                .optFilter(p -> p.equals("metadata.csv") || p.startsWith("images/")).build()
                .extract(zip, dir.resolve("out"));

        assertThat(extracted).containsExactly("metadata.csv", "images/x.png");
        assertThat(dir.resolve("out/metadata.csv")).hasContent("a,b");
        assertThat(dir.resolve("out/images/x.png")).hasBinaryContent(new byte[] {1, 2, 3});
        assertThat(dir.resolve("out/docs")).doesNotExist();
    }

    @Test
    void refusesZipSlip() throws IOException {
        Path zip = write(new Zips().file("ok.txt", "fine").file("../../evil.txt", "pwned"));

        assertRefused(zip, ZipExtractor.builder().build(), "../../evil.txt", "zip slip");
        assertThat(dir.getParent().resolve("evil.txt")).doesNotExist();
        assertThat(dir.getParent().getParent().resolve("evil.txt")).doesNotExist();
    }

    @Test
    void refusesAbsolutePaths() throws IOException {
        Path outside = dir.resolve("abs-evil.txt").toAbsolutePath();
        Path zip = write(new Zips().file(outside.toString(), "pwned"));

        assertRefused(zip, ZipExtractor.builder().build(), outside.toString(), "absolute path");
        assertThat(outside).doesNotExist();
        assertRefused(write(new Zips().file("C:/evil.txt", "x")), ZipExtractor.builder().build(),
                "C:/evil.txt", "absolute path");
        // Commons Compress reads backslashes as separators, as Windows tools write them.
        assertRefused(write(new Zips().file("a\\..\\..\\evil.txt", "x")),
                ZipExtractor.builder().build(), "evil.txt", "outside the target folder");
    }

    @Test
    void refusesSymbolicLinks() throws IOException {
        Path zip = write(new Zips().symlink("images", "/etc").file("images/passwd", "x"));

        assertRefused(zip, ZipExtractor.builder().build(), "images", "symbolic link");
    }

    @Test
    void refusesAZipBombByItsCompressionRatio() throws IOException {
        // 64 MiB of zeros deflate to about 64 KiB: a thousandfold expansion.
        Path zip = write(new Zips().file("bomb.bin", new byte[64 << 20]));
        assertThat(Files.size(zip)).isLessThan(200_000);

        assertRefused(zip, ZipExtractor.builder().build(), "bomb.bin", "archive bomb");
    }

    @Test
    void refusesMoreBytesThanTheLimitWhateverTheRatio() throws IOException {
        Path zip = write(new Zips().file("a.bin", HttpDownloaderTest.randomBytes(600_000))
                .file("b.bin", HttpDownloaderTest.randomBytes(600_001)));
        ZipExtractor extractor = ZipExtractor.builder().optMaxTotalBytes(1_000_000).build();

        assertRefused(zip, extractor, "b.bin", "1000000 bytes");
    }

    @Test
    void refusesAHugeDeclaredSizeBeforeWritingAnything() throws IOException {
        byte[] bytes = new Zips().file("big.bin", "small really").bytes();
        setDeclaredSize(bytes, 0x7FFF_FFF0L);
        Path zip = Files.write(dir.resolve("declared.zip"), bytes);

        assertRefused(zip, ZipExtractor.builder().optMaxTotalBytes(1 << 20).build(), "big.bin",
                "declare more than");
    }

    @Test
    void countsTheBytesActuallyWrittenWhenTheDeclaredSizeLies() throws IOException {
        byte[] bytes = new Zips().file("liar.bin", HttpDownloaderTest.randomBytes(3 << 20)).bytes();
        setDeclaredSize(bytes, 10);
        Path zip = Files.write(dir.resolve("liar.zip"), bytes);

        assertThatThrownBy(() -> ZipExtractor.builder().optMaxTotalBytes(1 << 20).build()
                .extract(zip, dir.resolve("out")))
                .isInstanceOf(UnsafeArchiveException.class)
                .hasMessageContaining("1048576 bytes uncompressed in total");
        assertThat(dir.resolve("out")).as("nothing half-extracted is left").doesNotExist();
    }

    /** Rewrites the uncompressed size in the central directory, where extractors read it. */
    private static void setDeclaredSize(byte[] zip, long size) {
        for (int i = zip.length - 46; i >= 0; i--) {
            if (zip[i] == 0x50 && zip[i + 1] == 0x4b && zip[i + 2] == 0x01 && zip[i + 3] == 0x02) {
                for (int b = 0; b < 4; b++) {
                    zip[i + 24 + b] = (byte) (size >>> (8 * b));
                }
                return;
            }
        }
        throw new IllegalStateException("no central directory header");
    }

    @Test
    void refusesTooManyEntries() throws IOException {
        Zips zips = new Zips();
        for (int i = 0; i < 5; i++) {
            zips.file("f" + i + ".txt", "x");
        }
        assertRefused(write(zips), ZipExtractor.builder().optMaxEntries(4).build(), "5 entries",
                "limit of 4");
    }

    @Test
    void entryNameRules() {
        assertThat(ZipExtractor.nameProblem("images/a b.png")).isNull();
        assertThat(ZipExtractor.nameProblem("images/")).isNull();
        assertThat(ZipExtractor.nameProblem("a/../../b")).contains("..");
        assertThat(ZipExtractor.nameProblem("/etc/passwd")).contains("absolute");
        assertThat(ZipExtractor.nameProblem("a//b")).contains("empty segment");
    }

    private Path write(Zips zips) throws IOException {
        Path zip = Files.createTempFile(dir, "archive", ".zip");
        Files.write(zip, zips.bytes());
        return zip;
    }

    private void assertRefused(Path zip, ZipExtractor extractor, String... messageParts)
            throws IOException {
        Path target = dir.resolve("out");
        assertThatThrownBy(() -> extractor.extract(zip, target))
                .isInstanceOf(UnsafeArchiveException.class)
                .hasMessageContainingAll(messageParts)
                .hasMessageContaining(zip.toString());
        assertThat(target).as("nothing half-extracted is left").doesNotExist();
        try (Stream<Path> left = Files.list(dir)) {
            assertThat(left).as("only archives in " + dir)
                    .allMatch(p -> p.getFileName().toString().endsWith(".zip"));
        }
    }
}
