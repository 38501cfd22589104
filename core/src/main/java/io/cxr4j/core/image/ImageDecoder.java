package io.cxr4j.core.image;

import io.cxr4j.core.image.ImageDecodeException.Reason;
import io.cxr4j.core.io.FileErrors;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.io.EOFException;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.FileImageInputStream;
import javax.imageio.stream.ImageInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decodes PNG, JPEG and DICOM files of any common kind into one gray channel with values in [0, 1].
 *
 * <p>Grayscale images keep their values; RGB images become luminance {@code 0.299 R + 0.587 G +
 * 0.114 B}, the weights of PIL's {@code "L"} mode; alpha is ignored; palette images are looked up
 * in their palette. Samples are read straight from the raster and divided by {@code 2^bits - 1},
 * bypassing {@code getRGB} and colour-space conversions, which would reshape gray values and drop
 * 16-bit precision to 8 bits.
 *
 * <p>PNG and JPEG files are decoded by the JDK's own ImageIO readers, whichever plug-ins are on the
 * class path, so that their pixels do not depend on it.
 *
 * <p>DICOM files (recognised by "DICM" after their 128-byte preamble) are read through ImageJ 1.x
 * when uncompressed, JPEG Lossless or JPEG 2000, grayscale and single-frame: their stored values (8 to 16 bits) are rescaled by
 * Rescale Slope and Intercept, mapped to [0, 1] by their window (Window Center and Width, else the
 * range of the values) and inverted when MONOCHROME1, as a radiologist's viewer shows them.
 * Other compressed transfer syntaxes are refused with {@link Reason#UNSUPPORTED_FORMAT} and a
 * message naming the transfer syntax. {@link #readDicomMetadata} reads the patient, view and manufacturer.
 *
 * <p>The image size is read from the file header before any pixel is decoded and checked against
 * the decoder's {@link ImageLimits} (by default {@link ImageLimits#RADIOGRAPH}): files too small,
 * too large or of an extreme aspect ratio are refused with {@link Reason#TOO_SMALL}, {@link
 * Reason#TOO_LARGE} or {@link Reason#EXTREME_ASPECT_RATIO}, so a small file declaring an enormous
 * or absurdly shaped image (a "decompression bomb") costs almost nothing.
 *
 * <p>Instances are immutable and thread-safe: every call uses its own {@link ImageReader}.
 */
public final class ImageDecoder {

    private static final Logger LOG = LoggerFactory.getLogger(ImageDecoder.class);
    private static final Set<String> SUPPORTED_FORMATS = Set.of("png", "jpeg");

    static {
        // jai-imageio-core, there for JPEG 2000 DICOM, registers TIFF and BMP plug-ins ahead of the
        // JDK's for the whole JVM; this restores the JDK's order before cxr4j reads any image.
        ImageIoPlugins.preferJdk();
    }

    /**
     * The file name endings, in lower case, of the formats this decoder reads; for listing image
     * files in folders. Decoding itself recognises the format by content, not by name.
     */
    public static final List<String> FILE_SUFFIXES = List.of(".png", ".jpg", ".jpeg", ".dcm", ".dicom");

    private final ImageLimits limits;

    /** A decoder for chest radiographs: {@link ImageLimits#RADIOGRAPH}. */
    public ImageDecoder() {
        this(ImageLimits.RADIOGRAPH);
    }

    /**
     * A decoder for chest radiographs with another pixel limit.
     *
     * @param maxPixels the largest accepted {@code width * height}, from 1 to about 2^31
     */
    public ImageDecoder(long maxPixels) {
        this(ImageLimits.RADIOGRAPH.withMaxPixels(maxPixels));
    }

    /**
     * A decoder with given size limits.
     *
     * @param limits the accepted image sizes
     */
    public ImageDecoder(ImageLimits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    /** @return the accepted image sizes */
    public ImageLimits limits() {
        return limits;
    }

    /**
     * Decodes an image file.
     *
     * @param file a PNG, JPEG or DICOM file on the default file system; the format is recognised
     *     by content, not by file name
     * @return the gray image at the file's full resolution
     * @throws ImageDecodeException when the file is missing, empty, not an image, truncated, of an
     *     unsupported kind, or of a size its {@link #limits() limits} refuse; {@link
     *     ImageDecodeException#reason()} tells which
     */
    public GrayImage decode(Path file) throws ImageDecodeException {
        long size = checkFile(file);
        if (isDicom(file)) {
            return DicomReader.decode(file, limits);
        }
        try (ImageInputStream in = new FileImageInputStream(file.toFile())) {
            ImageReader reader = readerFor(file, size, in);
            try {
                return decode(file, reader, in);
            } finally {
                reader.dispose();
            }
        } catch (ImageDecodeException e) {
            throw e;
        } catch (FileNotFoundException e) {
            // java.io's only word for a file that exists but cannot be opened; NIO says why.
            throw new ImageDecodeException(file, Reason.UNREADABLE, "the file " + whyUnopenable(file, e), e);
        } catch (IOException | RuntimeException e) {
            // The JDK readers signal truncation as an EOFException somewhere in the cause chain.
            if (hasEofCause(e)) {
                throw new ImageDecodeException(file, Reason.TRUNCATED,
                        "the file ends before the image data does (" + size + " bytes)", e);
            }
            throw new ImageDecodeException(file, Reason.UNREADABLE,
                    "the image data is corrupt or cannot be read (" + e + ")", e);
        }
    }

    /**
     * Reads the patient, view and manufacturer of a DICOM file, for data-set loaders that record
     * them beside the image.
     *
     * @param file an image file on the default file system
     * @return the file's DICOM metadata, or empty when it is not DICOM (e.g. PNG or JPEG)
     * @throws ImageDecodeException when the file is missing, empty or unreadable, or is DICOM of a
     *     transfer syntax {@link #decode} refuses; {@link ImageDecodeException#reason()} tells which
     */
    public Optional<DicomMetadata> readDicomMetadata(Path file) throws ImageDecodeException {
        checkFile(file);
        return isDicom(file) ? Optional.of(DicomReader.metadata(file)) : Optional.empty();
    }

    /**
     * Reads what a DICOM file's header says of its image (size, bits, photometric interpretation)
     * without decoding its pixels or checking its size against the {@link #limits() limits}.
     *
     * @param file an image file on the default file system
     * @return the file's image attributes, or empty when it is not DICOM (e.g. PNG or JPEG)
     * @throws ImageDecodeException when the file is missing, empty or unreadable, or is DICOM of a
     *     transfer syntax {@link #decode} refuses, or without a size
     */
    public Optional<DicomImageInfo> readDicomImageInfo(Path file) throws ImageDecodeException {
        checkFile(file);
        return isDicom(file) ? Optional.of(DicomReader.imageInfo(file)) : Optional.empty();
    }

    /** Refuses what is not a non-empty regular file, and returns the file's size. */
    private static long checkFile(Path file) throws ImageDecodeException {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (IOException e) {
            if (FileErrors.isLinkLoop(file)) {
                throw new ImageDecodeException(file, Reason.LINK_LOOP, "it is a symbolic-link loop: its links"
                        + " lead back to themselves and never reach a file", e);
            }
            if (e instanceof NoSuchFileException) {
                throw new ImageDecodeException(file, Reason.NOT_FOUND, Files.isSymbolicLink(file)
                        ? "the file is a link whose target does not exist" : "there is no such file", e);
            }
            throw new ImageDecodeException(file, Reason.UNREADABLE, "the file " + FileErrors.describe(file, e), e);
        }
        if (!attributes.isRegularFile()) {
            throw new ImageDecodeException(file, Reason.NOT_A_FILE, attributes.isDirectory()
                    ? "it is a folder, not an image file" : "it is not a regular file", null);
        }
        long size = attributes.size();
        if (size == 0) {
            throw new ImageDecodeException(file, Reason.EMPTY_FILE, "the file is empty (0 bytes)",
                    null);
        }
        return size;
    }

    private static boolean isDicom(Path file) throws ImageDecodeException {
        try {
            return DicomReader.isDicom(file);
        } catch (IOException e) {
            throw new ImageDecodeException(file, Reason.UNREADABLE, "the file " + FileErrors.describe(file, e), e);
        }
    }

    private static String whyUnopenable(Path file, FileNotFoundException failure) {
        try {
            Files.newByteChannel(file).close();
            return "cannot be opened (" + failure.getMessage() + ")";
        } catch (IOException e) {
            return FileErrors.describe(file, e);
        }
    }

    private static ImageReader readerFor(Path file, long size, ImageInputStream in)
            throws IOException {
        List<String> otherFormats = new ArrayList<>();
        for (Iterator<ImageReader> it = ImageIO.getImageReaders(in); it.hasNext(); ) {
            ImageReader reader = it.next();
            String format = reader.getFormatName().toLowerCase(Locale.ROOT);
            // Plug-ins on the class path may come first: TwelveMonkeys' JPEG reader, there for
            // lossless JPEG in DICOM, registers ahead of the JDK's and converts colour profiles its
            // own way. The JDK's readers keep every PNG's and JPEG's pixels whatever else is there.
            if (SUPPORTED_FORMATS.contains(format) && ImageIoPlugins.isJdk(reader)) {
                return reader;
            }
            otherFormats.add(format);
            reader.dispose();
        }
        if (!otherFormats.isEmpty()) {
            throw new ImageDecodeException(file, Reason.UNSUPPORTED_FORMAT,
                    "it looks like a " + otherFormats.get(0).toUpperCase(Locale.ROOT)
                            + " image, but only PNG, JPEG and DICOM are supported", null);
        }
        throw new ImageDecodeException(file, Reason.NOT_AN_IMAGE,
                "its content is neither PNG, JPEG nor DICOM (" + size + " bytes)", null);
    }

    private GrayImage decode(Path file, ImageReader reader, ImageInputStream in)
            throws IOException {
        reader.setInput(in, true, true);
        int width = reader.getWidth(0);
        int height = reader.getHeight(0);
        limits.check(file, width, height);
        List<String> warnings = new ArrayList<>();
        reader.addIIOReadWarningListener((source, warning) -> warnings.add(warning));
        BufferedImage image = reader.read(0);
        // The JPEG reader returns a partly grey image for a truncated file and only warns.
        for (String warning : warnings) {
            String lower = warning.toLowerCase(Locale.ROOT);
            if (lower.contains("eoi") || lower.contains("premature end")) {
                throw new ImageDecodeException(file, Reason.TRUNCATED,
                        "the file ends before the image data does (" + warning + ")", null);
            }
            LOG.warn("{}: {}", file, warning);
        }
        GrayImage gray = toGray(file, image);
        LOG.debug("Decoded {} ({} {}x{}, {} bits per sample)", file, reader.getFormatName(),
                width, height, image.getSampleModel().getSampleSize(0));
        return gray;
    }

    private static GrayImage toGray(Path file, BufferedImage image) throws ImageDecodeException {
        ColorModel colorModel = image.getColorModel();
        Raster raster = image.getRaster();
        int transferType = raster.getTransferType();
        if (transferType != DataBuffer.TYPE_BYTE && transferType != DataBuffer.TYPE_USHORT
                && transferType != DataBuffer.TYPE_INT) {
            throw new ImageDecodeException(file, Reason.UNSUPPORTED_FORMAT,
                    "its samples are not integers (data type " + transferType + ")", null);
        }
        if (colorModel instanceof IndexColorModel palette) {
            return fromPalette(raster, palette);
        }
        int colourSpace = colorModel.getColorSpace().getType();
        if (colourSpace == ColorSpace.TYPE_GRAY) {
            return fromGray(raster);
        }
        if (colourSpace == ColorSpace.TYPE_RGB && colorModel.getNumColorComponents() == 3) {
            return fromRgb(raster);
        }
        throw new ImageDecodeException(file, Reason.UNSUPPORTED_FORMAT, "its colour space ("
                + colorModel.getColorSpace().getClass().getSimpleName() + ", type "
                + colourSpace + ", e.g. CMYK) is neither grayscale nor RGB", null);
    }

    private static GrayImage fromGray(Raster raster) {
        int width = raster.getWidth();
        int height = raster.getHeight();
        float scale = maxSample(raster, 0);
        float[] out = new float[width * height];
        int[] row = new int[width];
        for (int y = 0; y < height; y++) {
            raster.getSamples(0, y, width, 1, 0, row);
            for (int x = 0; x < width; x++) {
                out[y * width + x] = row[x] / scale;
            }
        }
        return new GrayImage(width, height, out);
    }

    private static GrayImage fromRgb(Raster raster) {
        int width = raster.getWidth();
        int height = raster.getHeight();
        double redScale = maxSample(raster, 0);
        double greenScale = maxSample(raster, 1);
        double blueScale = maxSample(raster, 2);
        float[] out = new float[width * height];
        int[] red = new int[width];
        int[] green = new int[width];
        int[] blue = new int[width];
        for (int y = 0; y < height; y++) {
            raster.getSamples(0, y, width, 1, 0, red);
            raster.getSamples(0, y, width, 1, 1, green);
            raster.getSamples(0, y, width, 1, 2, blue);
            for (int x = 0; x < width; x++) {
                out[y * width + x] = luminance(
                        red[x] / redScale, green[x] / greenScale, blue[x] / blueScale);
            }
        }
        return new GrayImage(width, height, out);
    }

    private static GrayImage fromPalette(Raster raster, IndexColorModel palette) {
        // Sized for every index the raster can hold, so that indices past a short palette read
        // as black instead of failing.
        int bits = raster.getSampleModel().getSampleSize(0);
        float[] lookup = new float[Math.max(palette.getMapSize(), 1 << bits)];
        for (int i = 0; i < palette.getMapSize(); i++) {
            lookup[i] = luminance(palette.getRed(i) / 255.0, palette.getGreen(i) / 255.0,
                    palette.getBlue(i) / 255.0);
        }
        int width = raster.getWidth();
        int height = raster.getHeight();
        float[] out = new float[width * height];
        int[] row = new int[width];
        for (int y = 0; y < height; y++) {
            raster.getSamples(0, y, width, 1, 0, row);
            for (int x = 0; x < width; x++) {
                out[y * width + x] = lookup[row[x]];
            }
        }
        return new GrayImage(width, height, out);
    }

    private static float maxSample(Raster raster, int band) {
        return (float) ((1L << raster.getSampleModel().getSampleSize(band)) - 1);
    }

    private static float luminance(double red, double green, double blue) {
        // The weights sum to 1 only up to rounding; keep the result inside [0, 1].
        return (float) Math.min(1.0, 0.299 * red + 0.587 * green + 0.114 * blue);
    }

    private static boolean hasEofCause(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof EOFException) {
                return true;
            }
        }
        return false;
    }
}
