package io.cxr4j.dataset.download;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One file of a data set as published: its path relative to the data set folder and its expected
 * checksum.
 *
 * @param path the path relative to the data set folder, with {@code /} separators
 * @param checksum the expected checksum
 */
public record RemoteFile(String path, Checksum checksum) {

    /**
     * Validates the path: relative, without {@code ..}, so that it cannot leave the folder.
     *
     * @param path the path relative to the data set folder, with {@code /} separators; not empty, no
     *     leading {@code /}, no backslash and no empty, {@code .} or {@code ..} segment
     * @param checksum the expected checksum; not null
     * @throws IllegalArgumentException when the path is not a plain relative file path
     */
    public RemoteFile {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(checksum, "checksum");
        if (path.isEmpty() || path.startsWith("/") || path.contains("\\")
                || List.of(path.split("/")).stream().anyMatch(s -> s.isEmpty() || s.equals("..") || s.equals("."))) {
            throw new IllegalArgumentException("Not a plain relative file path: '" + path + "'");
        }
    }

    /**
     * Reads a checksum list in the format of {@code sha256sum}: one {@code checksum  path} per
     * line, where the checksum is as {@link Checksum#parse(String)} reads it; blank lines are
     * skipped.
     *
     * @param in the list; not closed
     * @param name the list's name, for error messages
     * @return the files, in the list's order
     * @throws IOException if the list cannot be read or a line is malformed
     */
    public static List<RemoteFile> readList(InputStream in, String name) throws IOException {
        List<RemoteFile> files = new ArrayList<>();
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        String line;
        int number = 0;
        while ((line = reader.readLine()) != null) {
            number++;
            if (line.isBlank()) {
                continue;
            }
            String[] parts = line.strip().split("\\s+", 2);
            try {
                if (parts.length != 2) {
                    throw new IllegalArgumentException("expected 'checksum  path'");
                }
                files.add(new RemoteFile(parts[1].strip(), Checksum.parse(parts[0])));
            } catch (IllegalArgumentException e) {
                throw new IOException("Malformed line " + number + " of checksum list " + name
                        + ": " + e.getMessage(), e);
            }
        }
        return List.copyOf(files);
    }
}
