package io.cxr4j.core.data;

import io.cxr4j.core.io.Digests;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A SHA-256 fingerprint of the images a run used, so a report says exactly which data produced
 * its numbers: the digest over every image's path relative to the data-set folder (with forward
 * slashes, sorted) and label, each followed by the SHA-256 of the file's bytes. Moving the folder
 * keeps the checksum; renaming, relabelling, adding, removing or changing an image changes it.
 * An image that cannot be read is fingerprinted as unreadable (and logged) instead of failing: the
 * run that reports the checksum skips and reports that image too, and its work must not be lost.
 *
 * @param sha256 the hex digest
 * @param files how many images it covers
 */
public record DatasetChecksum(String sha256, int files) {

    private static final Logger LOG = LoggerFactory.getLogger(DatasetChecksum.class);

    /** Stands in for the digest of a file that cannot be read. */
    private static final String UNREADABLE = "unreadable";

    /**
     * Fingerprints a data set's images.
     *
     * @param dataset the data set
     * @param root the folder its image paths are relative to
     * @return the checksum
     */
    public static DatasetChecksum of(XrayDataset dataset, Path root) {
        Path base = root.toAbsolutePath().normalize();
        TreeMap<String, Sample> byPath = new TreeMap<>();
        for (Sample s : dataset.samples()) {
            byPath.put(relative(base, s.image()), s);
        }
        MessageDigest all = Digests.sha256();
        for (var entry : byPath.entrySet()) {
            all.update((entry.getKey() + "\t" + entry.getValue().label() + "\t").getBytes(StandardCharsets.UTF_8));
            all.update(fileDigest(entry.getValue().image()).getBytes(StandardCharsets.UTF_8));
            all.update((byte) '\n');
        }
        return new DatasetChecksum(HexFormat.of().formatHex(all.digest()), byPath.size());
    }

    /**
     * An image's path relative to a data-set folder, with forward slashes on every system.
     *
     * @param root the data-set folder
     * @param image an image file, absolute or relative to the working directory
     * @return the relative path, or the absolute path when the image lies outside {@code root}
     */
    public static String relative(Path root, Path image) {
        Path base = root.toAbsolutePath().normalize();
        Path absolute = image.toAbsolutePath().normalize();
        if (!absolute.startsWith(base)) {
            return absolute.toString();
        }
        return base.relativize(absolute).toString().replace(File.separatorChar, '/');
    }

    private static String fileDigest(Path file) {
        try {
            return Digests.sha256Hex(file);
        } catch (IOException e) {
            LOG.warn("Cannot read {} for the data-set checksum ({}); it counts as unreadable", file, e.toString());
            return UNREADABLE;
        }
    }
}
