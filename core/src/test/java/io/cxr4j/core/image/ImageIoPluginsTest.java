package io.cxr4j.core.image;

import static io.cxr4j.core.testing.SyntheticImages.gray16;
import static io.cxr4j.core.testing.SyntheticImages.gray8;
import static io.cxr4j.core.testing.SyntheticImages.noise;
import static io.cxr4j.core.testing.SyntheticImages.palette;
import static io.cxr4j.core.testing.SyntheticImages.rgb8;
import static io.cxr4j.core.testing.SyntheticImages.writeJpeg;
import static io.cxr4j.core.testing.SyntheticImages.writePng;
import static org.assertj.core.api.Assertions.assertThat;

import io.cxr4j.core.testing.ChildJvm;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * JAI Image I/O, on the class path for JPEG 2000 DICOM, changes no decoding: every image format
 * cxr4j reads gives the same pixels, and ImageIO offers the same first reader and writer for the
 * JDK's formats, as in a JVM whose class path lacks JAI's jars.
 */
class ImageIoPluginsTest {

    @TempDir
    Path dir;

    @Test
    void decodesEveryFormatAsWithoutJaiAndKeepsTheJdksPluginsFirst() throws Exception {
        List<Path> files = new ArrayList<>(List.of(
                writePng(gray8(40, 30, noise(1)), dir.resolve("gray8.png")),
                writePng(gray16(40, 30, (x, y, band) -> (x * 1601 + y * 37) & 0xFFFF), dir.resolve("gray16.png")),
                writePng(rgb8(40, 30, noise(2)), dir.resolve("rgb.png")),
                writePng(palette(40, 30, new int[] {0x000000, 0x808080, 0xFF2010, 0xFFFFFF},
                        (x, y, band) -> (x + y) % 4), dir.resolve("palette.png")),
                writeJpeg(gray8(40, 30, noise(3)), dir.resolve("gray.jpg"), 0.9f),
                writeJpeg(rgb8(40, 30, noise(4)), dir.resolve("rgb.jpg"), 0.9f)));
        Path fixtures = Path.of(ImageIoPluginsTest.class.getResource("/dicom/window.dcm").toURI()).getParent();
        try (Stream<Path> dicom = Files.list(fixtures)) {
            // JPEG 2000 itself needs JAI; every other DICOM file, read or refused, is compared.
            dicom.filter(f -> f.toString().endsWith(".dcm") && !f.getFileName().toString().contains("jpeg2000"))
                    .sorted().forEach(files::add);
        }
        String withJai = DecodeReport.report(files);
        assertThat(ImageIO.getImageReadersByFormatName("jpeg2000").hasNext())
                .as("JAI's JPEG 2000 plug-in is on this JVM's class path").isTrue();

        List<String> args = new ArrayList<>(files.stream().map(Path::toString).toList());
        args.add(fixtures.resolve("jpeg2000.dcm").toString());
        List<String> withoutJai = new ArrayList<>(runWithoutJai(args));
        String jpeg2000 = withoutJai.stream().filter(line -> line.startsWith(DecodeReport.PREFIX + "jpeg2000.dcm:"))
                .findFirst().orElseThrow();
        withoutJai.remove(jpeg2000);

        assertThat(withoutJai).isEqualTo(withJai.lines().toList());
        assertThat(withJai).contains("gray16.png: 40x30", "window.dcm: 16x16",
                "reader tiff: com.sun.imageio.plugins.tiff.TIFFImageReader",
                "reader bmp: com.sun.imageio.plugins.bmp.BMPImageReader",
                "writer gif: com.sun.imageio.plugins.gif.GIFImageWriter");
        assertThat(jpeg2000).contains("jpeg2000.dcm: refused UNSUPPORTED_FORMAT", "jai-imageio-jpeg2000");
    }

    /** Runs {@link DecodeReport} in a JVM whose class path is this one's without JAI's jars. */
    private static List<String> runWithoutJai(List<String> args) throws Exception {
        ProcessBuilder builder = ChildJvm.of(DecodeReport.class, args.toArray(String[]::new));
        List<String> command = builder.command();
        int classPath = command.indexOf("-cp") + 1;
        String[] entries = command.get(classPath).split(File.pathSeparator);
        String withoutJai = Arrays.stream(entries).filter(e -> !e.contains("jai-imageio"))
                .collect(Collectors.joining(File.pathSeparator));
        assertThat(entries.length - withoutJai.split(File.pathSeparator).length)
                .as("JAI jars left off the child's class path").isEqualTo(2);
        command.set(classPath, withoutJai);
        Process child = builder.start();
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(child.waitFor(2, TimeUnit.MINUTES)).isTrue();
        assertThat(child.exitValue()).as(output).isZero();
        return output.lines().filter(line -> line.startsWith(DecodeReport.PREFIX)).toList();
    }
}
