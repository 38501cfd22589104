package io.cxr4j.core.explain;

import io.cxr4j.core.image.GrayImage;
import java.awt.AlphaComposite;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * Draws a heat map over its X-ray at the X-ray's original resolution, with a colour scale, and
 * writes it as PNG. Plain {@code java.awt}; runs headless.
 *
 * <p>Colours follow the common "jet" scale from blue (0) through green and yellow to red (the
 * map's maximum). The overlay's opacity grows with the heat, up to {@value #MAX_OPACITY}, so that
 * regions the network ignored show the bare X-ray and hot regions stay readable. The colour bar is
 * drawn inside the image at its right edge, so that the PNG keeps the X-ray's size and pixel grid.
 */
public final class HeatMapRenderer {

    /** The overlay's opacity where the heat is at its maximum. */
    public static final float MAX_OPACITY = 0.6f;

    private HeatMapRenderer() {}

    /**
     * Blends a heat map over an X-ray.
     *
     * @param xray the X-ray at its original size
     * @param heatMap a heat map of the same size ({@link Explanation#heatMap()})
     * @param title a short caption for the colour bar, such as the explained class
     * @return an RGB image of the X-ray's size
     */
    public static BufferedImage overlay(GrayImage xray, HeatMap heatMap, String title) {
        int width = xray.width();
        int height = xray.height();
        if (heatMap.width() != width || heatMap.height() != height) {
            throw new IllegalArgumentException("The heat map is " + heatMap.width() + "x" + heatMap.height()
                    + " but the X-ray is " + width + "x" + height + "; use the explanation's heatMap(), which"
                    + " is at the original resolution");
        }
        float max = heatMap.max();
        int[] rgb = new int[width * height];
        float[] gray = xray.pixels();
        float[] heat = heatMap.values();
        for (int i = 0; i < rgb.length; i++) {
            float t = max > 0 ? heat[i] / max : 0f;
            float alpha = MAX_OPACITY * t;
            int colour = jet(t);
            float g = gray[i] * 255f;
            int r = Math.round((1 - alpha) * g + alpha * ((colour >> 16) & 0xFF));
            int gr = Math.round((1 - alpha) * g + alpha * ((colour >> 8) & 0xFF));
            int b = Math.round((1 - alpha) * g + alpha * (colour & 0xFF));
            rgb[i] = (r << 16) | (gr << 8) | b;
        }
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        image.setRGB(0, 0, width, height, rgb, 0, width);
        drawColourBar(image, max, title);
        return image;
    }

    /**
     * Writes an image as PNG, creating the parent folder.
     *
     * @param image the image, e.g. from {@link #overlay}
     * @param file the target file
     * @throws IOException when the file cannot be written
     */
    public static void writePng(BufferedImage image, Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        if (!ImageIO.write(image, "png", file.toFile())) {
            throw new IOException("No PNG writer is available in this JVM to write " + file);
        }
    }

    /**
     * The jet colour of a value.
     *
     * @param t the value in [0, 1]
     * @return the colour as 0xRRGGBB
     */
    static int jet(float t) {
        float x = Math.max(0f, Math.min(1f, t));
        int r = channel(1.5f - Math.abs(4 * x - 3));
        int g = channel(1.5f - Math.abs(4 * x - 2));
        int b = channel(1.5f - Math.abs(4 * x - 1));
        return (r << 16) | (g << 8) | b;
    }

    private static int channel(float value) {
        return Math.round(255 * Math.max(0f, Math.min(1f, value)));
    }

    private static void drawColourBar(BufferedImage image, float max, String title) {
        int width = image.getWidth();
        int height = image.getHeight();
        // Sizes follow the image so that the bar reads the same on a 256-pixel and a 3000-pixel film.
        int unit = Math.max(1, Math.min(width, height) / 64);
        int fontSize = Math.max(8, 2 * unit + 4);
        int barWidth = Math.max(4, 2 * unit);
        int barHeight = Math.max(16, height / 2);
        int margin = Math.max(2, unit);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, fontSize));
            FontMetrics metrics = g.getFontMetrics();
            String top = max > 0 ? String.format(Locale.ROOT, "%.3g", max) : "0";
            // Title on top; below it the bar with its two labels to the right.
            int barAndLabels = barWidth + margin + Math.max(metrics.stringWidth(top), metrics.stringWidth("0"));
            int boxWidth = 2 * margin + Math.max(metrics.stringWidth(title), barAndLabels);
            int boxHeight = barHeight + 2 * metrics.getHeight() + 2 * margin;
            int boxLeft = Math.max(0, width - boxWidth - margin);
            int boxTop = Math.max(0, (height - boxHeight) / 2);
            g.setComposite(AlphaComposite.getInstance(AlphaComposite.SRC_OVER, 0.55f));
            g.setColor(Color.BLACK);
            g.fillRect(boxLeft, boxTop, boxWidth, boxHeight);
            g.setComposite(AlphaComposite.SrcOver);
            g.setColor(Color.WHITE);
            g.drawString(title, boxLeft + margin, boxTop + margin + metrics.getAscent());
            int barLeft = boxLeft + margin;
            int barTop = boxTop + margin + metrics.getHeight();
            for (int y = 0; y < barHeight; y++) {
                g.setColor(new Color(jet(1f - (float) y / Math.max(1, barHeight - 1))));
                g.fillRect(barLeft, barTop + y, barWidth, 1);
            }
            g.setColor(Color.WHITE);
            g.setStroke(new BasicStroke(1f));
            g.drawRect(barLeft, barTop, barWidth - 1, barHeight - 1);
            int labelLeft = barLeft + barWidth + margin;
            g.drawString(top, labelLeft, barTop + metrics.getAscent());
            g.drawString("0", labelLeft, barTop + barHeight);
        } finally {
            g.dispose();
        }
    }
}
