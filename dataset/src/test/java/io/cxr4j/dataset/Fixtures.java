package io.cxr4j.dataset;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/** Tiny images and files written into a test's temporary folder. */
final class Fixtures {

    private Fixtures() {}

    /**
     * Writes a 4x4 grayscale PNG (whatever the file's extension), creating parent folders.
     *
     * @param file where to write it
     * @return the file
     */
    static Path image(Path file) {
        try {
            Files.createDirectories(file.getParent());
            BufferedImage image = new BufferedImage(4, 4, BufferedImage.TYPE_BYTE_GRAY);
            image.getRaster().setSample(1, 1, 0, 200);
            if (!ImageIO.write(image, "png", file.toFile())) {
                throw new IllegalStateException("No PNG writer");
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Writes a text file, creating parent folders.
     *
     * @param file where to write it
     * @param text its content
     * @return the file
     */
    static Path text(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            return Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Copies core's DICOM test file {@code window.dcm} (in core's test jar; Patient ID PAT-0042, View
     * Position PA, Manufacturer Acme Imaging), creating parent folders.
     *
     * @param file where to copy it
     * @return the file
     */
    static Path dicom(Path file) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/dicom/window.dcm")) {
            Files.createDirectories(file.getParent());
            Files.copy(in, file);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
