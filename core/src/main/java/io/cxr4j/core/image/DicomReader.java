package io.cxr4j.core.image;

import com.github.jaiimageio.jpeg2000.impl.J2KImageReader;
import com.github.jaiimageio.jpeg2000.impl.J2KImageReaderSpi;
import ij.io.FileInfo;
import ij.plugin.DICOM;
import io.cxr4j.core.image.ImageDecodeException.Reason;
import java.awt.image.Raster;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads DICOM files for {@link ImageDecoder}: the header, and uncompressed pixel data, through
 * ImageJ 1.x ({@code ij.plugin.DICOM}, {@code ij.io.ImageReader}), then the display pipeline of DICOM PS3.3 C.11 as a
 * radiologist's viewer applies it: modality rescale, the window, and MONOCHROME1 inversion.
 *
 * <p>Stored values keep their full depth (up to 16 bits) until the window maps them to [0, 1]. The
 * window is the file's Window Center / Window Width (0028,1050 / 0028,1051; of several pairs ImageJ
 * reports the last) with its VOI LUT Function (0028,1056: {@code LINEAR}, {@code LINEAR_EXACT} or
 * {@code SIGMOID}); without one, the minimum and maximum of the rescaled values span the range. A VOI LUT Sequence (0028,3010) is
 * not applied, since ImageJ does not read LUT data; the window pair, or else the value range, is
 * used instead and a warning is logged.
 *
 * <p>The compressions X-ray archives use most are read too: {@link EncapsulatedPixelData} finds the
 * compressed stream and ImageJ reads the header before it. JPEG Lossless (1.2.840.10008.1.2.4.57
 * and .70) is decoded by TwelveMonkeys' ImageIO JPEG reader; JPEG 2000 (1.2.840.10008.1.2.4.90
 * lossless and .91 lossy or lossless) by JAI Image I/O's JPEG 2000 reader, created here directly
 * rather than looked up in ImageIO's registry. Both keep the stored values' full depth. Other
 * compressed transfer syntaxes (JPEG lossy, JPEG-LS, JPEG 2000 Part 2, High-Throughput JPEG 2000,
 * RLE, deflate, video) are refused with {@link Reason#UNSUPPORTED_FORMAT} and a message that names
 * the transfer syntax.
 */
final class DicomReader {

    private static final Logger LOG = LoggerFactory.getLogger(DicomReader.class);

    /** DICOM PS3.10 7.1: a 128-byte preamble, then these four bytes. */
    private static final byte[] MAGIC = "DICM".getBytes(StandardCharsets.US_ASCII);
    private static final int MAGIC_OFFSET = 128;

    /** Guards ImageJ's DICOM header parser, which is not thread-safe. */
    private static final Object IMAGEJ_DECODER = new Object();

    private static final String TRANSFER_SYNTAX = "0002,0010";
    private static final String MANUFACTURER = "0008,0070";
    private static final String PATIENT_ID = "0010,0020";
    private static final String VIEW_POSITION = "0018,5101";
    private static final String SAMPLES_PER_PIXEL = "0028,0002";
    private static final String PHOTOMETRIC = "0028,0004";
    private static final String FRAMES = "0028,0008";
    private static final String ROWS = "0028,0010";
    private static final String COLUMNS = "0028,0011";
    private static final String BITS_ALLOCATED = "0028,0100";
    private static final String BITS_STORED = "0028,0101";
    private static final String PIXEL_REPRESENTATION = "0028,0103";
    private static final String WINDOW_CENTER = "0028,1050";
    private static final String RESCALE_INTERCEPT = "0028,1052";
    private static final String RESCALE_SLOPE = "0028,1053";
    private static final String WINDOW_WIDTH = "0028,1051";
    private static final String VOI_LUT_FUNCTION = "0028,1056";
    private static final String VOI_LUT_SEQUENCE = "0028,3010";
    private static final String PIXEL_DATA = "7FE0,0010";

    private static final String IMPLICIT_LITTLE_ENDIAN = "1.2.840.10008.1.2";
    private static final String EXPLICIT_LITTLE_ENDIAN = "1.2.840.10008.1.2.1";
    private static final String BIG_ENDIAN = "1.2.840.10008.1.2.2";

    /** The compressed transfer syntaxes read: JPEG Lossless, any predictor or the first. */
    private static final List<String> JPEG_LOSSLESS = List.of("1.2.840.10008.1.2.4.57", "1.2.840.10008.1.2.4.70");

    /**
     * The JPEG 2000 transfer syntaxes read: Part 1, lossless only or lossy. JAI Image I/O decodes
     * neither Part 2's multi-component transforms (.92, .93) nor High-Throughput JPEG 2000 (.201 to .203).
     */
    private static final List<String> JPEG_2000 = List.of("1.2.840.10008.1.2.4.90", "1.2.840.10008.1.2.4.91");

    /** The transfer syntaxes whose pixel data ImageJ reads: uncompressed, in either byte order. */
    private static final List<String> READ_SYNTAXES = List.of(
            IMPLICIT_LITTLE_ENDIAN, EXPLICIT_LITTLE_ENDIAN, BIG_ENDIAN);

    /** Names of DICOM PS3.6 Table A-1, for messages about transfer syntaxes that are refused. */
    private static final Map<String, String> SYNTAX_NAMES = Map.ofEntries(
            Map.entry("1.2.840.10008.1.2", "Implicit VR Little Endian"),
            Map.entry("1.2.840.10008.1.2.1", "Explicit VR Little Endian"),
            Map.entry("1.2.840.10008.1.2.1.99", "Deflated Explicit VR Little Endian"),
            Map.entry("1.2.840.10008.1.2.2", "Explicit VR Big Endian"),
            Map.entry("1.2.840.10008.1.2.4.50", "JPEG Baseline (Process 1)"),
            Map.entry("1.2.840.10008.1.2.4.51", "JPEG Extended (Process 2 & 4)"),
            Map.entry("1.2.840.10008.1.2.4.57", "JPEG Lossless, Non-Hierarchical (Process 14)"),
            Map.entry("1.2.840.10008.1.2.4.70", "JPEG Lossless, Non-Hierarchical, First-Order Prediction"
                    + " (Process 14 [Selection Value 1])"),
            Map.entry("1.2.840.10008.1.2.4.80", "JPEG-LS Lossless Image Compression"),
            Map.entry("1.2.840.10008.1.2.4.81", "JPEG-LS Lossy (Near-Lossless) Image Compression"),
            Map.entry("1.2.840.10008.1.2.4.90", "JPEG 2000 Image Compression (Lossless Only)"),
            Map.entry("1.2.840.10008.1.2.4.91", "JPEG 2000 Image Compression"),
            Map.entry("1.2.840.10008.1.2.4.92", "JPEG 2000 Part 2 Multi-component Image Compression"
                    + " (Lossless Only)"),
            Map.entry("1.2.840.10008.1.2.4.93", "JPEG 2000 Part 2 Multi-component Image Compression"),
            Map.entry("1.2.840.10008.1.2.4.201", "High-Throughput JPEG 2000 Image Compression (Lossless Only)"),
            Map.entry("1.2.840.10008.1.2.4.202", "High-Throughput JPEG 2000 with RPCL Options Image"
                    + " Compression (Lossless Only)"),
            Map.entry("1.2.840.10008.1.2.4.203", "High-Throughput JPEG 2000 Image Compression"),
            Map.entry("1.2.840.10008.1.2.5", "RLE Lossless"));

    private DicomReader() {
    }

    /**
     * Whether a file is DICOM by content: "DICM" after the 128-byte preamble (DICOM PS3.10).
     *
     * @param file a regular file
     * @return whether it starts like a DICOM file
     * @throws IOException when the file cannot be read
     */
    static boolean isDicom(Path file) throws IOException {
        byte[] head = new byte[MAGIC_OFFSET + MAGIC.length];
        try (InputStream in = Files.newInputStream(file)) {
            if (in.readNBytes(head, 0, head.length) < head.length) {
                return false;
            }
        }
        return Arrays.equals(head, MAGIC_OFFSET, head.length, MAGIC, 0, MAGIC.length);
    }

    /**
     * Reads the metadata of a DICOM file whose pixel data this reader can decode.
     *
     * @param file a file for which {@link #isDicom} holds
     * @return the metadata
     * @throws ImageDecodeException when the header cannot be read or the transfer syntax is refused
     */
    static DicomMetadata metadata(Path file) throws ImageDecodeException {
        Header header = Header.read(file);
        return new DicomMetadata(header.value(PATIENT_ID), header.value(VIEW_POSITION),
                header.value(MANUFACTURER));
    }

    /**
     * Reads the image attributes of a DICOM file whose pixel data this reader can decode, without
     * decoding the pixels.
     *
     * @param file a file for which {@link #isDicom} holds
     * @return the attributes
     * @throws ImageDecodeException when the header cannot be read, the transfer syntax is refused or
     *     the size is not given
     */
    static DicomImageInfo imageInfo(Path file) throws ImageDecodeException {
        Header header = Header.read(file);
        int bits = header.value(BITS_STORED).isEmpty() ? header.positiveInt(BITS_ALLOCATED, "Bits Allocated")
                : header.positiveInt(BITS_STORED, "Bits Stored");
        int samples = header.value(SAMPLES_PER_PIXEL).isEmpty() ? 1
                : header.positiveInt(SAMPLES_PER_PIXEL, "Samples per Pixel");
        return new DicomImageInfo(header.positiveInt(COLUMNS, "Columns"), header.positiveInt(ROWS, "Rows"), bits,
                samples, header.value(PHOTOMETRIC), header.syntax().isEmpty() ? IMPLICIT_LITTLE_ENDIAN : header.syntax());
    }

    /**
     * Decodes a DICOM file into a gray image.
     *
     * @param file a file for which {@link #isDicom} holds
     * @param limits the accepted image sizes, checked before the pixels are read
     * @return the windowed image, white for dense tissue
     * @throws ImageDecodeException when the file is refused or cannot be read
     */
    static GrayImage decode(Path file, ImageLimits limits) throws ImageDecodeException {
        Header header = Header.read(file);
        String pixelOffset = header.value(PIXEL_DATA);
        if (header.encapsulated() == null && pixelOffset.isEmpty()) {
            throw new ImageDecodeException(file, Reason.NOT_AN_IMAGE, "it is a DICOM file without"
                    + " Pixel Data (7FE0,0010): a report, a presentation state, or a header cut short", null);
        }
        int width = header.positiveInt(COLUMNS, "Columns");
        int height = header.positiveInt(ROWS, "Rows");
        limits.check(file, width, height);
        String photometric = header.value(PHOTOMETRIC);
        int samples = header.value(SAMPLES_PER_PIXEL).isEmpty() ? 1 : header.positiveInt(SAMPLES_PER_PIXEL,
                "Samples per Pixel");
        if (samples != 1 || !(photometric.equals("MONOCHROME1") || photometric.equals("MONOCHROME2"))) {
            throw new ImageDecodeException(file, Reason.UNSUPPORTED_FORMAT, "it is a DICOM image with "
                    + samples + " samples per pixel and photometric interpretation '" + photometric
                    + "'; only grayscale (MONOCHROME1 or MONOCHROME2) radiographs are read", null);
        }
        if (!header.value(FRAMES).isEmpty() && header.positiveInt(FRAMES, "Number of Frames") > 1) {
            throw new ImageDecodeException(file, Reason.UNSUPPORTED_FORMAT, "it is a DICOM file of "
                    + header.value(FRAMES) + " frames; a radiograph is one frame, so save the wanted"
                    + " frame as its own file", null);
        }
        int bitsAllocated = header.positiveInt(BITS_ALLOCATED, "Bits Allocated");
        if (bitsAllocated != 8 && bitsAllocated != 16) {
            throw new ImageDecodeException(file, Reason.UNSUPPORTED_FORMAT, "it is a DICOM image of "
                    + bitsAllocated + " bits allocated per pixel; only 8 and 16 are read", null);
        }
        Object stored = header.encapsulated() == null
                ? readRaw(file, header, checkComplete(file, pixelOffset, (long) width * height * (bitsAllocated / 8)),
                        width, height, bitsAllocated)
                : decompress(file, header, width, height, bitsAllocated);
        double[] values = modalityValues(header, stored, bitsAllocated);
        if (header.has(VOI_LUT_SEQUENCE)) {
            LOG.warn("{}: its VOI LUT Sequence (0028,3010) is not applied; using {}", file,
                    header.value(WINDOW_WIDTH).isEmpty() ? "the range of its values"
                            : "its Window Center and Width");
        }
        float[] pixels = window(file, header, values);
        if (photometric.equals("MONOCHROME1")) {
            // MONOCHROME1 shows its lowest values white; the rest of cxr4j expects dense tissue white.
            for (int i = 0; i < pixels.length; i++) {
                pixels[i] = 1f - pixels[i];
            }
        }
        LOG.debug("Decoded {} (DICOM {}, {}x{}, {} bits allocated)", file, photometric, width, height,
                bitsAllocated);
        return new GrayImage(width, height, pixels);
    }

    /**
     * Refuses a file that ends before its pixel data does, which ImageJ would fill with zeros, and
     * returns where the pixel data starts.
     */
    private static long checkComplete(Path file, String pixelOffset, long pixelBytes) throws ImageDecodeException {
        long offset;
        try {
            offset = Long.parseLong(pixelOffset);
        } catch (NumberFormatException e) {
            throw new ImageDecodeException(file, Reason.UNREADABLE, "its Pixel Data (7FE0,0010) has no readable"
                    + " position (" + pixelOffset + ")", e);
        }
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            throw new ImageDecodeException(file, Reason.UNREADABLE, "its size cannot be read (" + e + ")", e);
        }
        if (size < offset + pixelBytes) {
            throw new ImageDecodeException(file, Reason.TRUNCATED, "the file ends before the image data does ("
                    + size + " bytes; its pixel data needs " + (offset + pixelBytes) + ")", null);
        }
        return offset;
    }

    /**
     * Reads uncompressed samples with ImageJ's raw reader: a byte[] of 8-bit samples, or a short[]
     * of 16-bit ones (signed ones shifted by 32768 into the unsigned range).
     */
    private static Object readRaw(Path file, Header header, long offset, int width, int height,
            int bitsAllocated) throws ImageDecodeException {
        FileInfo layout = new FileInfo();
        layout.width = width;
        layout.height = height;
        layout.fileType = bitsAllocated == 8 ? FileInfo.GRAY8
                : header.signed() ? FileInfo.GRAY16_SIGNED : FileInfo.GRAY16_UNSIGNED;
        layout.intelByteOrder = !header.syntax().equals(BIG_ENDIAN);
        Object pixels;
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
            pixels = new ij.io.ImageReader(layout).readPixels(in, offset);
        } catch (IOException e) {
            throw new ImageDecodeException(file, Reason.UNREADABLE, "its pixel data cannot be read (" + e + ")", e);
        }
        if (pixels == null) {
            throw new ImageDecodeException(file, Reason.UNREADABLE, "its DICOM pixel data cannot be read as the "
                    + width + "x" + height + " image its header declares", null);
        }
        return pixels;
    }

    /**
     * Decodes the compressed frame into an int[] of samples: a JPEG Lossless frame with
     * TwelveMonkeys' ImageIO reader (the JDK's reads no lossless JPEG) as stored, before any sign
     * extension; a JPEG 2000 frame with JAI Image I/O's reader, clamped to the range of Bits Stored.
     */
    private static int[] decompress(Path file, Header header, int width, int height, int bitsAllocated)
            throws ImageDecodeException {
        boolean jpeg2000 = JPEG_2000.contains(header.syntax());
        String codec = jpeg2000 ? "JPEG 2000" : "JPEG Lossless";
        ImageReader reader = jpeg2000 ? jpeg2000Reader(file) : losslessJpegReader(file);
        int[] samples;
        try (ImageInputStream in = ImageIO.createImageInputStream(
                new ByteArrayInputStream(header.encapsulated().frame()))) {
            reader.setInput(in, true, true);
            // The stream's own size is checked before decoding, so that it cannot exceed the limits
            // the header's size passed.
            if (reader.getWidth(0) != width || reader.getHeight(0) != height) {
                throw new ImageDecodeException(file, Reason.UNREADABLE, "its " + codec + " stream declares "
                        + reader.getWidth(0) + "x" + reader.getHeight(0) + " pixels, but its header " + width + "x"
                        + height, null);
            }
            Raster raster = reader.readRaster(0, null);
            if (raster.getNumBands() != 1) {
                throw new ImageDecodeException(file, Reason.UNREADABLE, "its " + codec + " stream holds "
                        + raster.getNumBands() + " components, but its header declares a grayscale image", null);
            }
            samples = raster.getSamples(0, 0, width, height, 0, new int[width * height]);
        } catch (ImageDecodeException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new ImageDecodeException(file, Reason.UNREADABLE, "its " + codec + " stream is corrupt (" + e + ")",
                    e);
        } finally {
            reader.dispose();
        }
        if (jpeg2000) {
            // A lossy JPEG 2000 stream may overshoot the stored range by its quantisation error, and
            // encoders may code it at a higher precision than Bits Stored: the decoded value is the
            // sample, so it is clamped, where cutting it to Bits Stored would wrap white to black.
            int bits = header.bitsStored(bitsAllocated);
            int min = header.signed() ? -(1 << (bits - 1)) : 0;
            int max = header.signed() ? (1 << (bits - 1)) - 1 : (1 << bits) - 1;
            for (int i = 0; i < samples.length; i++) {
                samples[i] = Math.max(min, Math.min(max, samples[i]));
            }
        }
        return samples;
    }

    /**
     * JAI Image I/O's JPEG 2000 reader, created directly: found through ImageIO's registry it would
     * depend on the class loader that filled the registry (see {@link #losslessJpegReader}), and the
     * registry's other JAI plug-ins are kept behind the JDK's by {@link ImageIoPlugins}.
     */
    private static ImageReader jpeg2000Reader(Path file) throws ImageDecodeException {
        try {
            return Jpeg2000.reader();
        } catch (NoClassDefFoundError e) {
            throw new ImageDecodeException(file, Reason.UNSUPPORTED_FORMAT, "it is JPEG 2000 DICOM, but JAI Image"
                    + " I/O's JPEG 2000 reader is missing from the class path (com.github.jai-imageio:"
                    + "jai-imageio-jpeg2000 and jai-imageio-core)", e);
        }
    }

    /**
     * Names JAI's classes apart from DicomReader, so that verifying DicomReader loads none of them
     * and DICOM of every other transfer syntax is read without JAI on the class path.
     */
    private static final class Jpeg2000 {
        static ImageReader reader() {
            return new J2KImageReader(new J2KImageReaderSpi());
        }
    }

    private static ImageReader losslessJpegReader(Path file) throws ImageDecodeException {
        Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName("jpeg-lossless");
        if (!readers.hasNext()) {
            // ImageIO fills its registry once per JVM, from the class loader of the thread that used it
            // first. Where jars join later (a Spark executor given --jars, an application server),
            // TwelveMonkeys' reader is then only visible to this thread's context class loader.
            ImageIO.scanForPlugins();
            ImageIoPlugins.preferJdk();
            readers = ImageIO.getImageReadersByFormatName("jpeg-lossless");
        }
        if (!readers.hasNext()) {
            throw new ImageDecodeException(file, Reason.UNSUPPORTED_FORMAT, "it is JPEG Lossless DICOM, but no"
                    + " ImageIO reader for lossless JPEG is registered (TwelveMonkeys imageio-jpeg is missing from"
                    + " the class path)", null);
        }
        return readers.next();
    }

    /**
     * The modality values: stored values cut to Bits Stored (0028,0101), times Rescale Slope
     * (0028,1053) plus Rescale Intercept (0028,1052).
     *
     * @param samples a byte[] or short[] from {@link #readRaw}, or an int[] from {@link #decompress}
     */
    private static double[] modalityValues(Header header, Object samples, int bitsAllocated)
            throws ImageDecodeException {
        boolean signed = header.signed();
        int bitsStored = header.bitsStored(bitsAllocated);
        String slopeText = header.value(RESCALE_SLOPE);
        String interceptText = header.value(RESCALE_INTERCEPT);
        double slope = slopeText.isEmpty() ? 1 : header.number(slopeText, "Rescale Slope");
        double intercept = interceptText.isEmpty() ? 0 : header.number(interceptText, "Rescale Intercept");
        int count = samples instanceof byte[] bytes ? bytes.length
                : samples instanceof short[] shorts ? shorts.length : ((int[]) samples).length;
        double[] values = new double[count];
        for (int i = 0; i < count; i++) {
            int raw;
            if (samples instanceof byte[] bytes) {
                raw = bytes[i] & 0xff;
            } else if (samples instanceof short[] shorts) {
                // ImageJ returns signed 16-bit samples shifted by 32768 into the unsigned range.
                raw = (shorts[i] & 0xffff) - (signed ? 32768 : 0);
            } else {
                raw = ((int[]) samples)[i];
            }
            values[i] = slope * stored(raw, bitsStored, signed) + intercept;
        }
        return values;
    }

    /** The value of a sample's low {@code bits} bits; higher bits may carry overlays or noise. */
    private static int stored(int sample, int bits, boolean signed) {
        int shift = Integer.SIZE - bits;
        return signed ? (sample << shift) >> shift : (sample << shift) >>> shift;
    }

    /** Maps modality values to [0, 1] through the file's window, or else their range. */
    private static float[] window(Path file, Header header, double[] values) throws ImageDecodeException {
        float[] out = new float[values.length];
        String centre = header.value(WINDOW_CENTER);
        String width = header.value(WINDOW_WIDTH);
        if (!centre.isEmpty() && !width.isEmpty()) {
            double c = header.number(centre, "Window Center");
            double w = header.number(width, "Window Width");
            String function = header.value(VOI_LUT_FUNCTION);
            if (function.isEmpty() || function.equals("LINEAR")) {
                if (w < 1) {
                    throw new ImageDecodeException(file, Reason.UNREADABLE, "its Window Width (0028,1051) is "
                            + width + ", but a LINEAR window is at least 1 wide", null);
                }
                for (int i = 0; i < values.length; i++) {
                    out[i] = (float) linearWindow(values[i], c, w);
                }
            } else if (function.equals("LINEAR_EXACT")) {
                for (int i = 0; i < values.length; i++) {
                    out[i] = (float) clamp((values[i] - (c - w / 2)) / w);
                }
            } else if (function.equals("SIGMOID")) {
                for (int i = 0; i < values.length; i++) {
                    out[i] = (float) (1 / (1 + Math.exp(-4 * (values[i] - c) / w)));
                }
            } else {
                throw new ImageDecodeException(file, Reason.UNSUPPORTED_FORMAT, "its VOI LUT Function (0028,1056)"
                        + " is '" + function + "'; only LINEAR, LINEAR_EXACT and SIGMOID are defined", null);
            }
            return out;
        }
        double min = Arrays.stream(values).min().orElse(0);
        double max = Arrays.stream(values).max().orElse(0);
        double range = max - min;
        for (int i = 0; i < values.length; i++) {
            out[i] = range > 0 ? (float) clamp((values[i] - min) / range) : 0f;
        }
        return out;
    }

    /** DICOM PS3.3 C.11.2.1.2.1, with the output range [0, 1]. */
    private static double linearWindow(double x, double centre, double width) {
        double low = centre - 0.5 - (width - 1) / 2;
        double high = centre - 0.5 + (width - 1) / 2;
        if (x <= low) {
            return 0;
        }
        if (x > high) {
            return 1;
        }
        return clamp((x - (centre - 0.5)) / (width - 1) + 0.5);
    }

    private static double clamp(double value) {
        return Math.max(0, Math.min(1, value));
    }

    /**
     * The header as ImageJ lists it: one "gggg,eeee  Name: value" line per attribute.
     *
     * @param syntax the Transfer Syntax UID, or "" when the file has none (implicit VR little endian)
     * @param encapsulated the compressed frame of a JPEG Lossless or JPEG 2000 file, or {@code null}
     *     when uncompressed
     */
    private record Header(Path file, String info, String syntax, EncapsulatedPixelData encapsulated) {

        static Header read(Path file) throws ImageDecodeException {
            String info = imageJInfo(file, new DICOM());
            String syntax = valueIn(info, TRANSFER_SYNTAX);
            if (syntax.isEmpty() || READ_SYNTAXES.contains(syntax)) {
                return new Header(file, info, syntax, null);
            }
            if (!JPEG_LOSSLESS.contains(syntax) && !JPEG_2000.contains(syntax)) {
                throw new ImageDecodeException(file, Reason.UNSUPPORTED_FORMAT, "it is DICOM in transfer syntax "
                        + syntax + " (" + SYNTAX_NAMES.getOrDefault(syntax, "not a standard transfer syntax")
                        + "), whose pixel data cannot be read; only uncompressed DICOM (Implicit VR Little"
                        + " Endian, Explicit VR Little Endian, Explicit VR Big Endian), JPEG Lossless"
                        + " (1.2.840.10008.1.2.4.57, .70) and JPEG 2000 (1.2.840.10008.1.2.4.90, .91) are, so"
                        + " decompress it first, for example with dcmtk's dcmdjpeg, dcmdjpls or dcmdrle", null);
            }
            byte[] data;
            try {
                data = Files.readAllBytes(file);
            } catch (IOException e) {
                throw new ImageDecodeException(file, Reason.UNREADABLE, "the file cannot be read (" + e + ")", e);
            }
            EncapsulatedPixelData encapsulated = EncapsulatedPixelData.read(file, data);
            // ImageJ stops at a compressed transfer syntax, so it reads the header before the pixel
            // data under the explicit little-endian syntax that every encapsulated file's header uses.
            byte[] header = Arrays.copyOf(data, encapsulated.pixelDataOffset());
            byte[] uid = EXPLICIT_LITTLE_ENDIAN.getBytes(StandardCharsets.US_ASCII);
            Arrays.fill(header, encapsulated.transferSyntaxOffset(),
                    encapsulated.transferSyntaxOffset() + encapsulated.transferSyntaxLength(), (byte) 0);
            System.arraycopy(uid, 0, header, encapsulated.transferSyntaxOffset(), uid.length);
            String full = imageJInfo(file, new DICOM(new ByteArrayInputStream(header)));
            return new Header(file, full, syntax, encapsulated);
        }

        private static String imageJInfo(Path file, DICOM reader) throws ImageDecodeException {
            try {
                String info;
                // ImageJ's DicomDecoder writes every tag it parses through one static buffer
                // (DicomDecoder.buf8), so headers read on two threads at once garble each other's tags.
                synchronized (IMAGEJ_DECODER) {
                    info = reader.getInfo(file.toString());
                }
                return info == null ? "" : info;
            } catch (RuntimeException e) {
                throw new ImageDecodeException(file, Reason.UNREADABLE, "its DICOM header is corrupt (" + e + ")", e);
            } catch (OutOfMemoryError e) {
                // ImageJ allocates each element's declared length at once; a corrupt length fails
                // that one allocation, which leaves the heap as it was.
                throw new ImageDecodeException(file, Reason.UNREADABLE, "its DICOM header declares an element"
                        + " larger than the memory available, so it is corrupt", e);
            }
        }

        boolean signed() {
            return value(PIXEL_REPRESENTATION).equals("1");
        }

        /** Bits Stored (0028,0101), at most {@code bitsAllocated}; {@code bitsAllocated} when absent. */
        int bitsStored(int bitsAllocated) throws ImageDecodeException {
            return value(BITS_STORED).isEmpty() ? bitsAllocated
                    : Math.min(bitsAllocated, positiveInt(BITS_STORED, "Bits Stored"));
        }

        String value(String tag) {
            return valueIn(info, tag);
        }

        boolean has(String tag) {
            return lineIn(info, tag) >= 0;
        }

        /** The value of a top-level attribute in ImageJ's listing, trimmed, or "" when absent. */
        private static String valueIn(String info, String tag) {
            int at = lineIn(info, tag);
            if (at < 0) {
                return "";
            }
            int end = info.indexOf('\n', at);
            String line = info.substring(at, end < 0 ? info.length() : end);
            int colon = line.indexOf(": ");
            return colon < 0 ? "" : line.substring(colon + 2).trim();
        }

        /**
         * Where a top-level attribute's line starts. ImageJ writes the tag in 11 characters and marks
         * attributes inside sequences with a '>' right after them.
         */
        private static int lineIn(String info, String tag) {
            for (int at = info.indexOf(tag); at >= 0; at = info.indexOf(tag, at + 1)) {
                boolean startsLine = at == 0 || info.charAt(at - 1) == '\n';
                boolean nested = at + 11 < info.length() && info.charAt(at + 11) == '>';
                if (startsLine && !nested) {
                    return at;
                }
            }
            return -1;
        }

        int positiveInt(String tag, String name) throws ImageDecodeException {
            String value = value(tag);
            try {
                int number = Integer.parseInt(value);
                if (number > 0) {
                    return number;
                }
            } catch (NumberFormatException e) {
                // reported below, with the attribute's name
            }
            throw new ImageDecodeException(file, Reason.UNREADABLE, "its DICOM " + name + " (" + tag + ") is '"
                    + value + "', not a positive whole number", null);
        }

        double number(String value, String name) throws ImageDecodeException {
            try {
                double number = Double.parseDouble(value);
                if (Double.isFinite(number)) {
                    return number;
                }
            } catch (NumberFormatException e) {
                // reported below, with the attribute's name
            }
            throw new ImageDecodeException(file, Reason.UNREADABLE, "its DICOM " + name + " is '" + value
                    + "', not a number", null);
        }
    }
}
