package io.cxr4j.core.explain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cxr4j.core.image.GrayImage;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HeatMapRendererTest {

    @TempDir
    Path temp;

    @Test
    void theOverlayKeepsTheXraySizeAndColoursOnlyWhereItIsHot() throws IOException {
        int width = 300;
        int height = 200;
        float[] gray = new float[width * height];
        float[] heat = new float[width * height];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                gray[y * width + x] = 0.5f;
                heat[y * width + x] = x < 60 && y < 60 ? 2f : 0f;
            }
        }
        BufferedImage overlay = HeatMapRenderer.overlay(new GrayImage(width, height, gray),
                new HeatMap(width, height, heat), "covid");
        Path file = temp.resolve("out/overlay.png");
        HeatMapRenderer.writePng(overlay, file);

        BufferedImage decoded = ImageIO.read(file.toFile());
        assertThat(decoded.getWidth()).isEqualTo(width);
        assertThat(decoded.getHeight()).isEqualTo(height);
        int hot = decoded.getRGB(20, 20);
        assertThat((hot >> 16) & 0xFF).as("red at the maximum").isGreaterThan(((hot >> 8) & 0xFF) + 50);
        int cold = decoded.getRGB(150, 20) & 0xFFFFFF;
        assertThat(cold).as("bare X-ray where the heat is 0").isEqualTo(0x808080);
        // The colour bar sits at the right edge, away from the hot corner: red at its top, blue below.
        boolean sawRed = false;
        boolean sawBlue = false;
        for (int y = 0; y < height; y++) {
            for (int x = width * 3 / 4; x < width; x++) {
                int rgb = decoded.getRGB(x, y);
                sawRed |= ((rgb >> 16) & 0xFF) > 200 && (rgb & 0xFF) < 50;
                sawBlue |= (rgb & 0xFF) > 200 && ((rgb >> 16) & 0xFF) < 50;
            }
        }
        assertThat(sawRed).isTrue();
        assertThat(sawBlue).isTrue();
    }

    @Test
    void jetRunsFromBlueToRed() {
        assertThat(HeatMapRenderer.jet(0f)).isEqualTo(0x000080);
        assertThat(HeatMapRenderer.jet(0.5f)).isEqualTo(0x80FF80);
        assertThat(HeatMapRenderer.jet(1f)).isEqualTo(0x800000);
    }

    @Test
    void aMapOfAnotherSizeIsRefused() {
        assertThatThrownBy(() -> HeatMapRenderer.overlay(new GrayImage(4, 4, new float[16]),
                new HeatMap(2, 2, new float[4]), "x")).hasMessageContaining("original resolution");
    }
}
