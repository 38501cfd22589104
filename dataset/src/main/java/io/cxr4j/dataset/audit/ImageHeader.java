package io.cxr4j.dataset.audit;

import io.cxr4j.core.image.DicomImageInfo;
import io.cxr4j.core.image.ImageDecoder;
import java.awt.color.ColorSpace;
import java.awt.image.ColorModel;
import java.awt.image.IndexColorModel;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Locale;
import java.util.Optional;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.stream.FileImageInputStream;
import javax.imageio.stream.ImageInputStream;

/**
 * What an image file's header says, read without decoding its pixels.
 *
 * @param width the width in pixels
 * @param height the height in pixels
 * @param bitDepth bits per sample (per palette index for palette images)
 * @param colourType {@code gray}, {@code gray+alpha}, {@code rgb}, {@code rgb+alpha}, {@code
 *     palette} or {@code other}
 * @param fileType the format by content: {@code png}, {@code jpeg}, {@code dicom} or another
 *     ImageIO format name
 */
public record ImageHeader(int width, int height, int bitDepth, String colourType, String fileType) {

    /** @return width divided by height */
    public double aspectRatio() {
        return (double) width / height;
    }

    /**
     * Reads the header of an image file: a DICOM file's through {@link ImageDecoder#readDicomImageInfo},
     * others' through the JDK's own ImageIO readers (module {@code java.desktop}). Plug-ins on the
     * class path are passed over as {@link ImageDecoder} passes them over: TwelveMonkeys' readers,
     * there for JPEG Lossless in DICOM, register ahead of the JDK's and report some JPEG files'
     * colour types and depths their own way, and JAI Image I/O's, there for JPEG 2000 in DICOM, add
     * TIFF and BMP readers, so that the audit's file properties would depend on the class path.
     *
     * @param file the file
     * @return the header, or empty when no reader recognises the content
     * @throws IOException if the file cannot be read or its header is corrupt
     */
    public static Optional<ImageHeader> read(Path file) throws IOException {
        Optional<DicomImageInfo> dicom = new ImageDecoder().readDicomImageInfo(file);
        if (dicom.isPresent()) {
            DicomImageInfo info = dicom.get();
            return Optional.of(new ImageHeader(info.columns(), info.rows(), info.bitsStored(), colourType(info),
                    "dicom"));
        }
        try (ImageInputStream in = new FileImageInputStream(file.toFile())) {
            ImageReader reader = null;
            for (Iterator<ImageReader> readers = ImageIO.getImageReaders(in); readers.hasNext(); ) {
                ImageReader candidate = readers.next();
                if (reader == null && candidate.getOriginatingProvider() != null
                        && candidate.getOriginatingProvider().getClass().getModule() == ImageIO.class.getModule()) {
                    reader = candidate;
                } else {
                    candidate.dispose();
                }
            }
            if (reader == null) {
                return Optional.empty();
            }
            try {
                reader.setInput(in, true, true);
                int width = reader.getWidth(0);
                int height = reader.getHeight(0);
                ImageTypeSpecifier type = reader.getRawImageType(0);
                if (type == null) {
                    Iterator<ImageTypeSpecifier> types = reader.getImageTypes(0);
                    type = types.hasNext() ? types.next() : null;
                }
                String format = reader.getFormatName().toLowerCase(Locale.ROOT);
                if (type == null) {
                    return Optional.of(new ImageHeader(width, height, 0, "other", format));
                }
                ColorModel model = type.getColorModel();
                return Optional.of(new ImageHeader(width, height, bitDepth(model, type),
                        colourType(model), format));
            } finally {
                reader.dispose();
            }
        }
    }

    /** A DICOM image's colour type: gray for MONOCHROME1 and 2, as {@link #colourType(ColorModel)} names the others. */
    private static String colourType(DicomImageInfo info) {
        String photometric = info.photometricInterpretation();
        if (info.samplesPerPixel() == 1 && photometric.startsWith("MONOCHROME")) {
            return "gray";
        }
        if (photometric.equals("PALETTE COLOR")) {
            return "palette";
        }
        return info.samplesPerPixel() == 3 && (photometric.equals("RGB") || photometric.startsWith("YBR"))
                ? "rgb" : "other";
    }

    private static int bitDepth(ColorModel model, ImageTypeSpecifier type) {
        if (model instanceof IndexColorModel) {
            return model.getPixelSize();
        }
        return type.getSampleModel().getSampleSize(0);
    }

    private static String colourType(ColorModel model) {
        if (model instanceof IndexColorModel) {
            return "palette";
        }
        String alpha = model.hasAlpha() ? "+alpha" : "";
        int space = model.getColorSpace().getType();
        if (space == ColorSpace.TYPE_GRAY) {
            return "gray" + alpha;
        }
        if (space == ColorSpace.TYPE_RGB) {
            return "rgb" + alpha;
        }
        return "other";
    }
}
