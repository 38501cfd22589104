package io.cxr4j.core.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.cxr4j.core.testing.SharedData;
import java.awt.image.Raster;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/**
 * Decodes the full-resolution files of the shared data folder ({@code cxr4j.data.dir}, else
 * {@code CXR4J_DATA_DIR}, else {@code ~/.cxr4j/datasets}). Missing files skip the tests locally but
 * fail them on CI ({@code CI=true}), where a silent skip would hide a broken setup.
 */
class ImageDecoderRealFilesTest {

    private final ImageDecoder decoder = new ImageDecoder();

    @Test
    void decodes16BitRgbaPngFromTheRaw16BitSamples() throws IOException {
        Path file = realFile("covid-16bit-rgb-1618x1552.png");

        GrayImage image = decoder.decode(file);

        assertSizeAndRange(image, 1618, 1552);
        // This file's 16-bit samples are all 8-bit values times 257 (checked when the test was
        // written: 240 distinct gray levels), so it cannot show more than 256 levels; the
        // synthetic 16-bit test proves full precision. Here the decoded values must equal the
        // luminance of the raw 16-bit samples over 65535, with alpha (band 3) ignored.
        Raster raw = ImageIO.read(file.toFile()).getRaster();
        assertThat(raw.getSampleModel().getSampleSize(0)).isEqualTo(16);
        int[] rgba = new int[raw.getNumBands()];
        int offGrid = 0;
        for (int y = 0; y < raw.getHeight(); y += 7) {
            for (int x = 0; x < raw.getWidth(); x += 7) {
                raw.getPixel(x, y, rgba);
                double expected = (0.299 * rgba[0] + 0.587 * rgba[1] + 0.114 * rgba[2]) / 65535;
                assertThat((double) image.get(x, y)).isEqualTo(expected, within(1e-6));
                float p = image.get(x, y);
                offGrid += Math.abs(p * 255 - Math.round(p * 255)) > 0.01f ? 1 : 0;
            }
        }
        // Colour pixels keep their exact luminance instead of being rounded to 8-bit levels.
        assertThat(offGrid).isPositive();
    }

    @Test
    void decodesLargeRgbJpeg() throws IOException {
        assertSizeAndRange(decoder.decode(realFile("covid-rgb-large.jpg")), 3461, 3093);
    }

    @Test
    void decodes8BitGrayPng() throws IOException {
        assertSizeAndRange(decoder.decode(realFile("nofinding-8bit-gray-1024x1024.png")),
                1024, 1024);
    }

    private static void assertSizeAndRange(GrayImage image, int width, int height) {
        assertThat(image.width()).isEqualTo(width);
        assertThat(image.height()).isEqualTo(height);
        float min = Float.MAX_VALUE;
        float max = -Float.MAX_VALUE;
        for (float p : image.pixels()) {
            min = Math.min(min, p);
            max = Math.max(max, p);
        }
        assertThat(min).isGreaterThanOrEqualTo(0f);
        assertThat(max).isLessThanOrEqualTo(1f).isGreaterThan(min);
    }

    private static Path realFile(String name) {
        return SharedData.require("full-resolution/" + name);
    }
}
