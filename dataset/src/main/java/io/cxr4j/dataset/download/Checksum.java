package io.cxr4j.dataset.download;

import io.cxr4j.core.io.Digests;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;

/**
 * The expected digest of a file.
 *
 * <p>Two algorithms are known: {@link Algorithm#SHA256 SHA-256} of the file's bytes, the normal
 * case, and {@link Algorithm#GIT_BLOB_SHA1 git's blob id} (SHA-1 of {@code "blob <size>\0"}
 * followed by the bytes). The latter exists for files whose SHA-256 could not be computed when the
 * list was made, because only the repository's tree (which names every file by its blob id) was
 * available, not the file itself; it is weaker than SHA-256 against a deliberate forgery but
 * catches every accidental change.
 *
 * @param algorithm how the digest is computed
 * @param hex the digest, lower-case hex
 */
public record Checksum(Algorithm algorithm, String hex) {

    /** How a digest is computed. */
    public enum Algorithm {
        /** SHA-256 of the file's bytes. */
        SHA256("sha256", 64),
        /** SHA-1 of {@code "blob <size>\0"} and the file's bytes: the id git gives the file. */
        GIT_BLOB_SHA1("git-blob-sha1", 40);

        private final String label;
        private final int hexLength;

        Algorithm(String label, int hexLength) {
            this.label = label;
            this.hexLength = hexLength;
        }

        /** @return the name used in checksum lists and messages, such as {@code sha256} */
        public String label() {
            return label;
        }
    }

    /**
     * Validates the digest's form and lower-cases it.
     *
     * @param algorithm how the digest is computed; not null
     * @param hex the digest in hex digits of either case, 64 for SHA-256 and 40 for a git blob id
     * @throws IllegalArgumentException when {@code hex} is not a digest of the algorithm's length
     */
    public Checksum {
        Objects.requireNonNull(algorithm, "algorithm");
        hex = Objects.requireNonNull(hex, "hex").toLowerCase(Locale.ROOT);
        if (hex.length() != algorithm.hexLength || !hex.matches("[0-9a-f]+")) {
            throw new IllegalArgumentException("Not a " + algorithm.label + " digest: '" + hex
                    + "' (expected " + algorithm.hexLength + " hex digits)");
        }
    }

    /**
     * An expected SHA-256.
     *
     * @param hex 64 hex digits
     * @return the checksum
     */
    public static Checksum sha256(String hex) {
        return new Checksum(Algorithm.SHA256, hex);
    }

    /**
     * An expected git blob id.
     *
     * @param hex 40 hex digits
     * @return the checksum
     */
    public static Checksum gitBlobSha1(String hex) {
        return new Checksum(Algorithm.GIT_BLOB_SHA1, hex);
    }

    /**
     * Reads the form used in checksum lists: 64 hex digits for SHA-256 (as {@code sha256sum}
     * writes them), or {@code label:hex} such as {@code git-blob-sha1:4f59...}.
     *
     * @param text the checksum as written in a list
     * @return the checksum
     * @throws IllegalArgumentException if the text is neither form
     */
    public static Checksum parse(String text) {
        int colon = text.indexOf(':');
        if (colon < 0) {
            return sha256(text);
        }
        String label = text.substring(0, colon);
        for (Algorithm algorithm : Algorithm.values()) {
            if (algorithm.label.equals(label)) {
                return new Checksum(algorithm, text.substring(colon + 1));
            }
        }
        throw new IllegalArgumentException("Unknown checksum algorithm '" + label + "' in '" + text
                + "'; known: sha256, git-blob-sha1");
    }

    /**
     * Computes this checksum's algorithm over a file.
     *
     * @param file the file
     * @return the file's digest, lower-case hex
     * @throws IOException if the file cannot be read
     */
    public String compute(Path file) throws IOException {
        MessageDigest digest = Digests.newDigest(algorithm == Algorithm.SHA256 ? "SHA-256" : "SHA-1");
        if (algorithm == Algorithm.GIT_BLOB_SHA1) {
            digest.update(("blob " + Files.size(file) + "\0").getBytes(StandardCharsets.US_ASCII));
        }
        Digests.update(digest, file);
        return HexFormat.of().formatHex(digest.digest());
    }

    /** @return the form used in checksum lists and messages */
    @Override
    public String toString() {
        return algorithm == Algorithm.SHA256 ? hex : algorithm.label + ":" + hex;
    }
}
