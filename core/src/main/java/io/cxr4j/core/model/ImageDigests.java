package io.cxr4j.core.model;

import io.cxr4j.core.io.Digests;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collection;
import java.util.List;

/**
 * Fingerprints of image files by content: the first 64 bits of each file's SHA-256, sorted. A
 * model records those of its training images ({@link Provenance#trainingImageDigests()}), so an
 * evaluation can tell when it is scoring images the model was trained on, under whatever name or
 * folder they sit now. 64 bits keep the record small (about 11 KB per 1,000 images in
 * model.json) while two different files share a fingerprint with a chance of about one in 10^19.
 */
public final class ImageDigests {

    private final long[] sorted;

    private ImageDigests(long[] sorted) {
        this.sorted = sorted;
    }

    /**
     * Fingerprints image files; files that cannot be read are left out, as training leaves them.
     *
     * @param images the files
     * @return their fingerprints
     */
    public static ImageDigests of(Collection<Path> images) {
        long[] digests = new long[images.size()];
        int n = 0;
        for (Path image : images) {
            try {
                digests[n] = digest(image);
                n++;
            } catch (IOException e) {
                // Unreadable files were not trained on either.
            }
        }
        long[] kept = Arrays.copyOf(digests, n);
        Arrays.sort(kept);
        return new ImageDigests(kept);
    }

    /**
     * Reads fingerprints written by {@link #encode()}.
     *
     * @param encoded Base64 of the sorted 8-byte fingerprints
     * @return the fingerprints
     * @throws IllegalArgumentException when the text is not such a list
     */
    public static ImageDigests decode(String encoded) {
        byte[] bytes = Base64.getDecoder().decode(encoded);
        if (bytes.length % Long.BYTES != 0) {
            throw new IllegalArgumentException("Image fingerprints must be whole 8-byte values, got " + bytes.length
                    + " bytes");
        }
        long[] digests = new long[bytes.length / Long.BYTES];
        ByteBuffer.wrap(bytes).asLongBuffer().get(digests);
        Arrays.sort(digests);
        return new ImageDigests(digests);
    }

    /** @return the fingerprints as Base64 of their sorted 8-byte values, for model.json */
    public String encode() {
        ByteBuffer bytes = ByteBuffer.allocate(sorted.length * Long.BYTES);
        bytes.asLongBuffer().put(sorted);
        return Base64.getEncoder().encodeToString(bytes.array());
    }

    /** @return how many files were fingerprinted */
    public int size() {
        return sorted.length;
    }

    /**
     * The files among {@code images} whose content is that of a fingerprinted file.
     *
     * @param images files to look up; unreadable ones are never matches
     * @return the matching files, in input order
     */
    public List<Path> among(Collection<Path> images) {
        List<Path> found = new ArrayList<>();
        for (Path image : images) {
            try {
                if (Arrays.binarySearch(sorted, digest(image)) >= 0) {
                    found.add(image);
                }
            } catch (IOException e) {
                // An unreadable file is not scored, so it cannot flatter a score either.
            }
        }
        return found;
    }

    private static long digest(Path file) throws IOException {
        return Long.parseUnsignedLong(Digests.sha256Hex(file).substring(0, 16), 16);
    }
}
