package io.cxr4j.dataset.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.cxr4j.core.testing.SyntheticImages;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The audit reads DICOM sizes from their header, and JPEG headers with the JDK's reader. */
class ImageHeaderTest {

    @TempDir
    Path temp;

    private Path dicom(String name) throws IOException {
        // The DICOM fixtures live in core's test jar; see make-fixtures.sh there.
        try (InputStream in = ImageHeaderTest.class.getResourceAsStream("/dicom/" + name)) {
            Path file = temp.resolve(name);
            Files.copy(in, file);
            return file;
        }
    }

    @Test
    void dicomHeadersGiveSizeBitsAndGrayWithoutDecoding() throws IOException {
        assertThat(ImageHeader.read(dicom("window.dcm"))).contains(new ImageHeader(16, 16, 12, "gray", "dicom"));
        assertThat(ImageHeader.read(dicom("monochrome1.dcm"))).contains(new ImageHeader(16, 16, 8, "gray", "dicom"));
        assertThat(ImageHeader.read(dicom("jpeg-lossless.dcm")))
                .contains(new ImageHeader(16, 16, 12, "gray", "dicom"));
    }

    @Test
    void aJpegIsReadByTheJdksReaderThoughTwelveMonkeysRegistersAheadOfIt() throws IOException {
        Path jpeg = SyntheticImages.writeJpeg(SyntheticImages.gray8(40, 30, SyntheticImages.noise(1)),
                temp.resolve("x.jpg"), 0.9f);
        Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName("jpeg");
        assertThat(readers.next().getClass().getName()).as("the reader ImageIO offers first")
                .startsWith("com.twelvemonkeys.");

        assertThat(ImageHeader.read(jpeg)).contains(new ImageHeader(40, 30, 8, "gray", "jpeg"));
    }
}
