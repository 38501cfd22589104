package io.cxr4j.core.image;

import static io.cxr4j.core.testing.SyntheticImages.binary;
import static io.cxr4j.core.testing.SyntheticImages.component;
import static io.cxr4j.core.testing.SyntheticImages.gray16;
import static io.cxr4j.core.testing.SyntheticImages.gray8;
import static io.cxr4j.core.testing.SyntheticImages.noise;
import static io.cxr4j.core.testing.SyntheticImages.palette;
import static io.cxr4j.core.testing.SyntheticImages.rgb8;
import static io.cxr4j.core.testing.SyntheticImages.writeJpeg;
import static io.cxr4j.core.testing.SyntheticImages.writePng;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.cxr4j.core.image.ImageDecodeException.Reason;
import io.cxr4j.core.testing.BadImages;
import io.cxr4j.core.testing.SyntheticImages.SampleFunction;
import java.awt.color.ColorSpace;
import java.awt.image.DataBuffer;
import java.awt.image.Raster;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageDecoderTest {

    private static final SampleFunction GRADIENT_8 = (x, y, b) -> (x * 7 + y * 13 + b * 50) % 256;

    @TempDir
    Path dir;

    // These tests are about formats and errors, on images of a few pixels; the sizes a chest X-ray
    // may have (ImageLimits.RADIOGRAPH, the default) are tested on their own below.
    private final ImageDecoder decoder = new ImageDecoder(
            new ImageLimits(1, ImageLimits.RADIOGRAPH.maxPixels(), Double.MAX_VALUE));

    @Test
    void decodes8BitGrayPngExactly() throws IOException {
        Path file = writePng(gray8(17, 11, GRADIENT_8), dir.resolve("gray8.png"));

        GrayImage image = decoder.decode(file);

        assertThat(image.width()).isEqualTo(17);
        assertThat(image.height()).isEqualTo(11);
        for (int y = 0; y < 11; y++) {
            for (int x = 0; x < 17; x++) {
                assertThat(image.get(x, y)).isEqualTo(GRADIENT_8.sample(x, y, 0) / 255f);
            }
        }
    }

    @Test
    void decodes16BitGrayPngWithFullPrecision() throws IOException {
        SampleFunction fine = (x, y, b) -> 1000 + x * 257 + y * 3001;
        Path file = writePng(gray16(20, 10, fine), dir.resolve("gray16.png"));

        GrayImage image = decoder.decode(file);

        for (int y = 0; y < 10; y++) {
            for (int x = 0; x < 20; x++) {
                assertThat(image.get(x, y)).isEqualTo(fine.sample(x, y, 0) / 65535f);
            }
        }
        // Neighbouring 16-bit values that one 8-bit level would merge stay apart.
        assertThat(image.get(1, 0) - image.get(0, 0)).isEqualTo(257 / 65535f, within(1e-7f));
    }

    @Test
    void decodesRgbPngAsLuminance() throws IOException {
        Path file = writePng(rgb8(9, 8, GRADIENT_8), dir.resolve("rgb.png"));

        GrayImage image = decoder.decode(file);

        for (int y = 0; y < 8; y++) {
            for (int x = 0; x < 9; x++) {
                assertThat(image.get(x, y)).isEqualTo(luminance8(GRADIENT_8, x, y));
            }
        }
    }

    @Test
    void decodes16BitRgbaPngIgnoringAlpha() throws IOException {
        SampleFunction rgba = (x, y, b) -> b == 3 ? x * 1000 : 100 * x + 20_000 * b + 7 * y;
        Path file = writePng(component(6, 5, ColorSpace.CS_sRGB, 16, true, rgba),
                dir.resolve("rgba16.png"));

        GrayImage image = decoder.decode(file);

        for (int y = 0; y < 5; y++) {
            for (int x = 0; x < 6; x++) {
                double expected = (0.299 * rgba.sample(x, y, 0) + 0.587 * rgba.sample(x, y, 1)
                        + 0.114 * rgba.sample(x, y, 2)) / 65535;
                assertThat((double) image.get(x, y)).isEqualTo(expected, within(1e-6));
            }
        }
    }

    @Test
    void decodesGrayAlphaPngIgnoringAlpha() throws IOException {
        SampleFunction grayAlpha = (x, y, b) -> b == 1 ? 0 : x * 20 + y;
        Path file = writePng(component(8, 4, ColorSpace.CS_GRAY, 8, true, grayAlpha),
                dir.resolve("gray-alpha.png"));

        GrayImage image = decoder.decode(file);

        assertThat(image.get(5, 3)).isEqualTo(103 / 255f);
    }

    @Test
    void decodesPaletteThroughThePalette() throws IOException {
        int[] colours = {0x000000, 0xFFFFFF, 0xFF0000, 0x00FF00, 0x0000FF, 0x808080};
        SampleFunction index = (x, y, b) -> (x + y) % colours.length;
        Path file = writePng(palette(7, 7, colours, index), dir.resolve("palette.png"));

        GrayImage image = decoder.decode(file);

        float[] expected = {0f, 1f, 0.299f, 0.587f, 0.114f, 128 / 255f};
        for (int y = 0; y < 7; y++) {
            for (int x = 0; x < 7; x++) {
                assertThat(image.get(x, y))
                        .isEqualTo(expected[index.sample(x, y, 0)], within(1e-6f));
            }
        }
    }

    @Test
    void decodesOneBitPng() throws IOException {
        SampleFunction checker = (x, y, b) -> (x + y) % 2;
        Path file = writePng(binary(13, 3, checker), dir.resolve("binary.png"));

        GrayImage image = decoder.decode(file);

        for (int y = 0; y < 3; y++) {
            for (int x = 0; x < 13; x++) {
                assertThat(image.get(x, y)).isEqualTo(checker.sample(x, y, 0));
            }
        }
    }

    @Test
    void decodesGrayJpegWithinCompressionTolerance() throws IOException {
        SampleFunction smooth = (x, y, b) -> 40 + x * 4 + y * 2;
        Path file = writeJpeg(gray8(32, 32, smooth), dir.resolve("gray.jpg"), 0.95f);

        GrayImage image = decoder.decode(file);

        assertThat(image.width()).isEqualTo(32);
        for (int y = 0; y < 32; y++) {
            for (int x = 0; x < 32; x++) {
                assertThat(image.get(x, y)).isEqualTo(smooth.sample(x, y, 0) / 255f,
                        within(4 / 255f));
            }
        }
    }

    @Test
    void decodesRgbJpegAsLuminanceWithinCompressionTolerance() throws IOException {
        SampleFunction smooth = (x, y, b) -> 30 + x * 3 + y * 2 + b * 20;
        Path file = writeJpeg(rgb8(40, 24, smooth), dir.resolve("rgb.jpg"), 0.95f);

        GrayImage image = decoder.decode(file);

        assertThat(image.width()).isEqualTo(40);
        assertThat(image.height()).isEqualTo(24);
        for (int y = 0; y < 24; y++) {
            for (int x = 0; x < 40; x++) {
                assertThat(image.get(x, y)).isEqualTo(luminance8(smooth, x, y), within(4 / 255f));
            }
        }
    }

    @Test
    void recognisesFormatByContentNotName() throws IOException {
        Path file = writePng(gray8(4, 4, GRADIENT_8), dir.resolve("actually-png.jpg"));

        assertThat(decoder.decode(file).get(3, 3)).isEqualTo(GRADIENT_8.sample(3, 3, 0) / 255f);
    }

    @Test
    void refusesEmptyFile() throws IOException {
        Path file = Files.createFile(dir.resolve("empty.png"));

        assertThatThrownBy(() -> decoder.decode(file))
                .isInstanceOfSatisfying(ImageDecodeException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.EMPTY_FILE);
                    assertThat(e.path()).isEqualTo(file);
                })
                .hasMessage("Cannot decode " + file + ": the file is empty (0 bytes). Remove it"
                        + " or replace it with a PNG, JPEG or DICOM image.");
    }

    @Test
    void refusesTextFileNamedPng() throws IOException {
        Path file = Files.writeString(dir.resolve("notes.png"), "not an image\n");

        assertThatThrownBy(() -> decoder.decode(file))
                .isInstanceOfSatisfying(ImageDecodeException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.NOT_AN_IMAGE))
                .hasMessageContaining(file.toString())
                .hasMessageContaining("neither PNG, JPEG nor DICOM");
    }

    @Test
    void refusesMissingFilesBrokenLinksAndFoldersSayingWhichItIs() throws IOException {
        Path missing = dir.resolve("missing.png");
        Path brokenLink = Files.createSymbolicLink(dir.resolve("link.png"), dir.resolve("gone.png"));
        Path folder = Files.createDirectory(dir.resolve("folder.png"));

        assertThatThrownBy(() -> decoder.decode(missing))
                .isInstanceOfSatisfying(ImageDecodeException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.NOT_FOUND))
                .hasMessage("Cannot decode " + missing + ": there is no such file. Check the path; the file may"
                        + " have been moved or deleted.");
        assertThatThrownBy(() -> decoder.decode(brokenLink))
                .isInstanceOfSatisfying(ImageDecodeException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.NOT_FOUND))
                .hasMessageContaining("a link whose target does not exist");
        assertThatThrownBy(() -> decoder.decode(folder))
                .isInstanceOfSatisfying(ImageDecodeException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.NOT_A_FILE))
                .hasMessageContaining("it is a folder, not an image file");
    }

    @Test
    void refusesJpegCutInHalf() throws IOException {
        Path whole = writeJpeg(rgb8(64, 64, noise(1)), dir.resolve("whole.jpg"), 0.9f);
        Path half = cutInHalf(whole, dir.resolve("half.jpg"));

        assertThatThrownBy(() -> decoder.decode(half))
                .isInstanceOfSatisfying(ImageDecodeException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.TRUNCATED))
                .hasMessageContaining(half.toString());
    }

    @Test
    void refusesPngCutInHalf() throws IOException {
        Path whole = writePng(rgb8(64, 64, noise(2)), dir.resolve("whole.png"));
        Path half = cutInHalf(whole, dir.resolve("half.png"));

        assertThatThrownBy(() -> decoder.decode(half))
                .isInstanceOfSatisfying(ImageDecodeException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.TRUNCATED));
    }

    @Test
    void refusesCmykJpegAsUnsupported() throws IOException {
        Path file = BadImages.writeCmykJpeg(dir.resolve("cmyk.jpg"));

        assertThatThrownBy(() -> decoder.decode(file))
                .isInstanceOfSatisfying(ImageDecodeException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.UNSUPPORTED_FORMAT));
    }

    @Test
    void refusesOtherImageFormatsAsUnsupported() throws IOException {
        Path file = dir.resolve("image.gif");
        assertThat(ImageIO.write(gray8(4, 4, GRADIENT_8), "gif", file.toFile())).isTrue();

        assertThatThrownBy(() -> decoder.decode(file))
                .isInstanceOfSatisfying(ImageDecodeException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.UNSUPPORTED_FORMAT))
                .hasMessageContaining("GIF");
    }

    @Test
    void refusesDecompressionBombFromTheHeaderAlone() throws IOException {
        Path bomb = Files.write(dir.resolve("bomb.png"), BadImages.pngDeclaring(50_000, 50_000));
        assertThat(Files.size(bomb)).isLessThan(100);

        ImageDecodeException error = assertTimeoutPreemptively(Duration.ofSeconds(2),
                () -> assertThrows(ImageDecodeException.class, () -> decoder.decode(bomb)));

        assertThat(error.reason()).isEqualTo(Reason.TOO_LARGE);
        assertThat(error.getMessage()).contains("50000x50000", "100000000");
    }

    @Test
    void refusesImagesTooSmallOrTooElongatedFromTheHeaderAlone() throws IOException {
        ImageDecoder radiographs = new ImageDecoder();
        // Each file declares its size and holds 16 bytes of pixels: refused from the header, or decoding
        // would fail as truncated (a real 100,000,000 x 1 PNG took 7 s and 1.1 GB before being refused).
        Path line = Files.write(dir.resolve("line.png"), BadImages.pngDeclaring(100_000_000, 1));
        Path pixel = Files.write(dir.resolve("pixel.png"), BadImages.pngDeclaring(1, 1));
        Path strip = Files.write(dir.resolve("strip.png"), BadImages.pngDeclaring(20_000, 20));
        Path tall = Files.write(dir.resolve("tall.png"), BadImages.pngDeclaring(16, 161));

        for (Path tooSmall : List.of(line, pixel)) {
            ImageDecodeException error = assertTimeoutPreemptively(Duration.ofSeconds(1),
                    () -> assertThrows(ImageDecodeException.class, () -> radiographs.decode(tooSmall)));
            assertThat(error.reason()).as(tooSmall.toString()).isEqualTo(Reason.TOO_SMALL);
            assertThat(error.getMessage()).contains("needs at least 16 on each side", Reason.TOO_SMALL.advice());
        }
        assertThatThrownBy(() -> radiographs.decode(line)).hasMessageContaining("declares 100000000x1 pixels");
        for (Path elongated : List.of(strip, tall)) {
            assertThatThrownBy(() -> radiographs.decode(elongated))
                    .isInstanceOfSatisfying(ImageDecodeException.class,
                            e -> assertThat(e.reason()).isEqualTo(Reason.EXTREME_ASPECT_RATIO))
                    .hasMessageContaining("at most 10 times as long as it is wide")
                    .hasMessageContaining(Reason.EXTREME_ASPECT_RATIO.advice());
        }
        assertThatThrownBy(() -> radiographs.decode(strip)).hasMessageContaining("1000.0 times the other");
        // The limits are inclusive: 16 x 160 is a (thin) radiograph.
        Path thin = writePng(gray8(16, 160, GRADIENT_8), dir.resolve("thin.png"));
        assertThat(radiographs.decode(thin).height()).isEqualTo(160);
    }

    @Test
    void refusesASymbolicLinkLoopSayingSo() throws IOException {
        Path first = dir.resolve("first.png");
        Path second = Files.createSymbolicLink(dir.resolve("second.png"), first);
        Files.createSymbolicLink(first, second);

        assertThatThrownBy(() -> decoder.decode(first))
                .isInstanceOfSatisfying(ImageDecodeException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.LINK_LOOP))
                .hasMessageContaining("it is a symbolic-link loop")
                .hasMessageContaining(Reason.LINK_LOOP.advice())
                .hasMessageNotContaining("no such file");
    }

    @Test
    void appliesAConfigurablePixelLimit() throws IOException {
        Path small = writePng(gray8(20, 20, GRADIENT_8), dir.resolve("20x20.png"));
        Path larger = writePng(gray8(21, 20, GRADIENT_8), dir.resolve("21x20.png"));
        ImageDecoder strict = new ImageDecoder(400);

        assertThat(strict.decode(small).width()).isEqualTo(20);
        assertThatThrownBy(() -> strict.decode(larger))
                .isInstanceOfSatisfying(ImageDecodeException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.TOO_LARGE));
        assertThatThrownBy(() -> new ImageDecoder(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void decodesConcurrentlyWithOneSharedDecoder() throws Exception {
        Path gray = writePng(gray8(50, 40, noise(3)), dir.resolve("a.png"));
        Path rgb = writeJpeg(rgb8(50, 40, noise(4)), dir.resolve("b.jpg"), 0.9f);
        GrayImage expectedGray = decoder.decode(gray);
        GrayImage expectedRgb = decoder.decode(rgb);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            Future<?>[] runs = new Future<?>[32];
            for (int i = 0; i < runs.length; i++) {
                boolean even = i % 2 == 0;
                runs[i] = pool.submit(() -> {
                    GrayImage image = decoder.decode(even ? gray : rgb);
                    assertThat(image).isEqualTo(even ? expectedGray : expectedRgb);
                    return null;
                });
            }
            for (Future<?> run : runs) {
                run.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static float luminance8(SampleFunction rgb, int x, int y) {
        return (float) ((0.299 * rgb.sample(x, y, 0) / 255) + (0.587 * rgb.sample(x, y, 1) / 255)
                + (0.114 * rgb.sample(x, y, 2) / 255));
    }

    private static Path cutInHalf(Path whole, Path half) throws IOException {
        byte[] bytes = Files.readAllBytes(whole);
        return Files.write(half, Arrays.copyOf(bytes, bytes.length / 2));
    }

}
