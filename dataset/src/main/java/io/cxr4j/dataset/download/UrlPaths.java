package io.cxr4j.dataset.download;

import java.nio.charset.StandardCharsets;

/** Percent-encoding of relative file paths for URLs (RFC 3986), one path segment at a time. */
public final class UrlPaths {

    private static final String UNRESERVED =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~";

    private UrlPaths() {}

    /**
     * Encodes a relative path such as {@code covid/a b.jpg} as {@code covid/a%20b.jpg}: every
     * byte of a segment's UTF-8 form that is not an unreserved character is percent-encoded
     * ({@code URLEncoder} is for form data and would turn a space into {@code +}).
     *
     * @param relativePath a path with {@code /} separators
     * @return the encoded path, separators kept
     */
    public static String encode(String relativePath) {
        StringBuilder encoded = new StringBuilder();
        for (byte b : relativePath.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xFF);
            if (c == '/' || UNRESERVED.indexOf(c) >= 0) {
                encoded.append(c);
            } else {
                encoded.append('%').append(String.format("%02X", b & 0xFF));
            }
        }
        return encoded.toString();
    }
}
