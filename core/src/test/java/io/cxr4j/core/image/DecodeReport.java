package io.cxr4j.core.image;

import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * What this JVM makes of image files: for each, its size and a SHA-256 of its decoded pixels' bits
 * (or why it is refused); then the class of ImageIO's first reader and writer for the formats the
 * JDK handles. {@link ImageIoPluginsTest} compares a JVM with JAI Image I/O on its class path to
 * one without.
 */
public final class DecodeReport {

    /** The prefix of every line the report prints, apart from any log output. */
    static final String PREFIX = "report ";

    private DecodeReport() {}

    /**
     * Prints the report of the files named.
     *
     * @param args image files
     */
    public static void main(String[] args) {
        System.out.print(report(List.of(args).stream().map(Path::of).toList()));
    }

    static String report(List<Path> files) {
        ImageDecoder decoder = new ImageDecoder();
        StringBuilder out = new StringBuilder();
        for (Path file : files) {
            out.append(PREFIX).append(file.getFileName()).append(": ");
            try {
                GrayImage image = decoder.decode(file);
                out.append(image.width()).append('x').append(image.height()).append(' ').append(digest(image));
            } catch (ImageDecodeException e) {
                out.append("refused ").append(e.reason()).append(' ').append(e.getMessage().replace('\n', ' '));
            }
            out.append('\n');
        }
        for (String format : List.of("png", "jpeg", "tiff", "bmp", "wbmp", "gif")) {
            out.append(PREFIX).append("reader ").append(format).append(": ")
                    .append(first(ImageIO.getImageReadersByFormatName(format))).append('\n');
            out.append(PREFIX).append("writer ").append(format).append(": ")
                    .append(first(ImageIO.getImageWritersByFormatName(format))).append('\n');
        }
        return out.toString();
    }

    private static String first(Iterator<?> plugins) {
        return plugins.hasNext() ? plugins.next().getClass().getName() : "none";
    }

    private static String digest(GrayImage image) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (float value : image.pixels()) {
                int bits = Float.floatToIntBits(value);
                sha.update(new byte[] {(byte) (bits >>> 24), (byte) (bits >>> 16), (byte) (bits >>> 8), (byte) bits});
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
