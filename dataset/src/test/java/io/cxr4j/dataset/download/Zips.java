package io.cxr4j.dataset.download;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;

/** Builds small zip archives in memory for the tests, good and malicious. */
public final class Zips {

    private final Map<String, byte[]> entries = new LinkedHashMap<>();
    private final Map<String, String> symlinks = new LinkedHashMap<>();

    public Zips file(String name, String text) {
        return file(name, text.getBytes(StandardCharsets.UTF_8));
    }

    public Zips file(String name, byte[] bytes) {
        entries.put(name, bytes);
        return this;
    }

    /** A symbolic link entry, as {@code zip --symlinks} writes it. */
    public Zips symlink(String name, String linkTarget) {
        symlinks.put(name, linkTarget);
        return this;
    }

    public byte[] bytes() throws IOException {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        try (ZipArchiveOutputStream zip = new ZipArchiveOutputStream(buffer)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                zip.putArchiveEntry(new ZipArchiveEntry(e.getKey()));
                zip.write(e.getValue());
                zip.closeArchiveEntry();
            }
            for (Map.Entry<String, String> e : symlinks.entrySet()) {
                ZipArchiveEntry entry = new ZipArchiveEntry(e.getKey());
                entry.setUnixMode(0120777);
                zip.putArchiveEntry(entry);
                zip.write(e.getValue().getBytes(StandardCharsets.UTF_8));
                zip.closeArchiveEntry();
            }
        }
        return buffer.toByteArray();
    }
}
