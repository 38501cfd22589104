package io.cxr4j.dataset.audit;

import io.cxr4j.core.data.Sample;
import io.cxr4j.core.image.GrayImage;
import io.cxr4j.core.image.ImageDecodeException;
import io.cxr4j.core.image.ImageDecoder;
import io.cxr4j.core.io.Digests;
import io.cxr4j.core.io.FileErrors;
import java.io.IOException;
import java.nio.file.Path;

/**
 * What the audit learns about one image by reading it: its header, its SHA-256, its perceptual
 * hash and its coarse appearance, or why it cannot be used.
 *
 * @param sample the sample
 * @param path the image, relative to the data set folder
 * @param header the image's header, or {@code null} when unreadable
 * @param problem why the image cannot be used, or {@code null} when it can
 * @param sha256 the file's SHA-256 in hex, or {@code null} when the file cannot be read
 * @param hash the perceptual hash, or {@code null} when the image cannot be decoded
 * @param appearance the {@link Appearance} features, or {@code null} when the image cannot be decoded
 */
record ImageFacts(Sample sample, String path, ImageHeader header, String problem, String sha256,
        PerceptualHash hash, double[] appearance) {

    /**
     * Reads one image; never throws for a bad file, whose problem is recorded instead.
     *
     * @param sample the sample
     * @param base the data set folder, absolute and normalized
     * @param decoder the decoder
     * @return the facts
     */
    static ImageFacts inspect(Sample sample, Path base, ImageDecoder decoder) {
        Path file = sample.image();
        String path = relative(base, file);
        String sha256;
        try {
            sha256 = Digests.sha256Hex(file);
        } catch (IOException e) {
            return new ImageFacts(sample, path, null, FileErrors.describe(file, e), null, null, null);
        }
        ImageHeader header;
        try {
            header = ImageHeader.read(file).orElse(null);
        } catch (IOException | RuntimeException e) {
            header = null;
        }
        try {
            GrayImage image = decoder.decode(file);
            return new ImageFacts(sample, path, header, null, sha256, PerceptualHash.of(image), Appearance.of(image));
        } catch (ImageDecodeException e) {
            return new ImageFacts(sample, path, header, e.reason() + ": " + e.getMessage(), sha256, null, null);
        }
    }

    /**
     * How the report names a file: relative to the data set folder with {@code /} separators, or
     * absolute when it lies outside.
     *
     * @param base the data set folder, absolute and normalized
     * @param file the file
     * @return the path as the report shows it
     */
    static String relative(Path base, Path file) {
        Path absolute = file.toAbsolutePath().normalize();
        Path shown = absolute.startsWith(base) ? base.relativize(absolute) : absolute;
        return shown.toString().replace(absolute.getFileSystem().getSeparator(), "/");
    }
}
