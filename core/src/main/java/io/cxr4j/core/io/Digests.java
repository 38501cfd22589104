package io.cxr4j.core.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * cxr4j's one SHA-256 helper: model seals, data-set checksums, checkpoint fingerprints, the audit's
 * duplicate search and download checks all hash through it, so that they agree on bytes and hex.
 */
public final class Digests {

    private Digests() {}

    /**
     * @param algorithm a {@link MessageDigest} algorithm every Java SE runtime provides, such as
     *     {@code SHA-256} or {@code SHA-1}
     * @return a fresh digest
     */
    public static MessageDigest newDigest(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("This JVM lacks " + algorithm + ", which every Java SE runtime provides",
                    e);
        }
    }

    /** @return a fresh SHA-256 digest */
    public static MessageDigest sha256() {
        return newDigest("SHA-256");
    }

    /**
     * @param file a file
     * @return the SHA-256 of its bytes, lower-case hex
     * @throws IOException if it cannot be read
     */
    public static String sha256Hex(Path file) throws IOException {
        MessageDigest digest = sha256();
        update(digest, file);
        return HexFormat.of().formatHex(digest.digest());
    }

    /**
     * @param bytes any bytes
     * @return their SHA-256, lower-case hex
     */
    public static String sha256Hex(byte[] bytes) {
        return HexFormat.of().formatHex(sha256().digest(bytes));
    }

    /**
     * Feeds a file's bytes to a digest, in 64 KiB reads.
     *
     * @param digest the digest
     * @param file the file
     * @throws IOException if it cannot be read
     */
    public static void update(MessageDigest digest, Path file) throws IOException {
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                digest.update(buffer, 0, n);
            }
        }
    }
}
