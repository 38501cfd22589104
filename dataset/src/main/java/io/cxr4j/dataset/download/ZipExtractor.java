package io.cxr4j.dataset.download;

import io.cxr4j.core.io.FileTrees;
import io.cxr4j.dataset.DatasetException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;

/**
 * Extracts a zip archive into a new folder, refusing archives that could write outside it or
 * exhaust the disk.
 *
 * <p>Before anything is written, every entry name is checked: absolute paths ({@code /x}, {@code
 * C:x}), backslashes, and {@code ..} segments are refused, as are symbolic links (which could point
 * later entries outside the folder), and the entry count and the declared uncompressed sizes are
 * checked against the limits. While writing, the bytes actually produced are counted, because the
 * declared sizes can lie: extraction stops when the total passes {@link
 * Builder#optMaxTotalBytes(long) the byte limit}, or an entry larger than 1 MiB, or the whole
 * archive, expands more than {@link Builder#optMaxCompressionRatio(int) the ratio limit} times its
 * compressed size (JPEG and PNG images barely compress; a zip bomb expands a thousandfold). Files
 * are created with {@code CREATE_NEW}, so a duplicate entry cannot overwrite an earlier one. On any
 * failure the target folder is deleted, so nothing half-extracted remains.
 *
 * <p>Zip, rather than tar.gz, because its central directory gives each entry's name, type and
 * sizes before any data is read, and per-entry compressed sizes for the ratio check. The central
 * directory (not the local headers) is authoritative, as for every common unzip tool.
 */
public final class ZipExtractor {

    /** Entries smaller than this are never refused for their ratio: they cannot be a bomb. */
    private static final long RATIO_FLOOR = 1 << 20;

    private final long maxTotalBytes;
    private final int maxEntries;
    private final int maxCompressionRatio;
    private final int stripComponents;
    private final Predicate<String> filter;

    private ZipExtractor(Builder builder) {
        this.maxTotalBytes = builder.maxTotalBytes;
        this.maxEntries = builder.maxEntries;
        this.maxCompressionRatio = builder.maxCompressionRatio;
        this.stripComponents = builder.stripComponents;
        this.filter = builder.filter;
    }

    /**
     * Starts configuring an extractor.
     *
     * @return a builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Extracts an archive into a folder that must not exist yet.
     *
     * @param archive the zip file
     * @param target the folder to create and fill
     * @return the paths extracted, relative to the target with {@code /} separators
     * @throws UnsafeArchiveException if an entry is unsafe or a limit is exceeded; the target has
     *     been deleted
     * @throws DatasetException if the file is not a readable zip archive
     * @throws IOException if the target exists or cannot be written
     */
    public List<String> extract(Path archive, Path target) throws IOException {
        Path root = target.toAbsolutePath().normalize();
        if (Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            throw new FileAlreadyExistsException(root.toString(), null,
                    "the extraction target must not exist yet");
        }
        Files.createDirectories(root);
        try (ZipFile zip = open(archive)) {
            List<Planned> planned = plan(archive, zip);
            long archiveSize = Math.max(Files.size(archive), 1);
            long total = 0;
            List<String> extracted = new ArrayList<>();
            for (Planned p : planned) {
                Path path = root.resolve(p.relative()).normalize();
                // Already guaranteed by the name checks; repeated here as the last line of defence.
                if (!path.startsWith(root) || path.equals(root)) {
                    throw unsafe(archive, p.entry().getName(), "it resolves to " + path
                            + ", outside " + root);
                }
                if (p.entry().isDirectory()) {
                    Files.createDirectories(path);
                    continue;
                }
                Files.createDirectories(path.getParent());
                total = copy(archive, zip, p.entry(), path, total, archiveSize);
                extracted.add(p.relative());
            }
            return List.copyOf(extracted);
        } catch (IOException | RuntimeException e) {
            try {
                FileTrees.deleteRecursively(root);
            } catch (IOException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
    }

    private static ZipFile open(Path archive) throws IOException {
        try {
            return ZipFile.builder().setPath(archive).get();
        } catch (IOException e) {
            throw new DatasetException("Cannot read " + archive + " as a zip archive (" + e
                    + "). It is damaged or not a zip file; delete it and download it again.", e);
        }
    }

    /** Checks every entry before anything is written, and returns those to extract in order. */
    private List<Planned> plan(Path archive, ZipFile zip) throws IOException {
        List<ZipArchiveEntry> entries = Collections.list(zip.getEntries());
        if (entries.size() > maxEntries) {
            throw unsafe(archive, null, "it has " + entries.size() + " entries, more than the"
                    + " limit of " + maxEntries);
        }
        List<Planned> planned = new ArrayList<>();
        long declared = 0;
        for (ZipArchiveEntry entry : entries) {
            String name = entry.getName();
            if (entry.isUnixSymlink()) {
                throw unsafe(archive, name, "it is a symbolic link, which could point later"
                        + " entries outside the target folder");
            }
            String problem = nameProblem(name);
            if (problem != null) {
                throw unsafe(archive, name, problem);
            }
            String[] segments = name.split("/");
            if (segments.length <= stripComponents) {
                continue;
            }
            String relative = String.join("/",
                    Arrays.asList(segments).subList(stripComponents, segments.length));
            if (relative.isEmpty() || !filter.test(relative)) {
                continue;
            }
            if (!zip.canReadEntryData(entry)) {
                throw new DatasetException("Cannot extract entry '" + name + "' of " + archive
                        + ": its compression method or encryption is not supported. Extract the"
                        + " archive with another tool and point CXR4J_DATA_DIR at the result.");
            }
            if (entry.getSize() > 0) {
                declared += entry.getSize();
            }
            if (declared > maxTotalBytes) {
                throw unsafe(archive, name, "its entries declare more than the limit of "
                        + maxTotalBytes + " bytes uncompressed");
            }
            planned.add(new Planned(entry, relative));
        }
        return planned;
    }

    /** @return why an entry name is unsafe, or {@code null} if it is a plain relative path */
    static String nameProblem(String name) {
        if (name.isEmpty()) {
            return "its name is empty";
        }
        if (name.indexOf('\0') >= 0) {
            return "its name contains a NUL character";
        }
        if (name.startsWith("/") || name.contains("\\") || name.matches("^[A-Za-z]:.*")) {
            return "it is an absolute path (or uses backslashes), which would be written outside"
                    + " the target folder";
        }
        for (String segment : name.split("/")) {
            if (segment.isEmpty()) {
                return "its path has an empty segment ('//')";
            }
            if (segment.equals("..")) {
                return "its path goes up with '..', which would be written outside the target"
                        + " folder (zip slip)";
            }
        }
        return null;
    }

    private long copy(Path archive, ZipFile zip, ZipArchiveEntry entry, Path path, long total,
            long archiveSize) throws IOException {
        long compressed = Math.max(entry.getCompressedSize(), 1);
        long written = 0;
        byte[] buffer = new byte[64 * 1024];
        try (InputStream in = zip.getInputStream(entry);
                OutputStream out = Files.newOutputStream(path, StandardOpenOption.CREATE_NEW)) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                written += n;
                total += n;
                if (total > maxTotalBytes) {
                    throw unsafe(archive, entry.getName(), "extracting it passes the limit of "
                            + maxTotalBytes + " bytes uncompressed in total");
                }
                if (written > RATIO_FLOOR && written / compressed > maxCompressionRatio) {
                    throw unsafe(archive, entry.getName(), "it expands more than "
                            + maxCompressionRatio + " times its compressed size of " + compressed
                            + " bytes (an archive bomb)");
                }
                if (total > RATIO_FLOOR && total / archiveSize > maxCompressionRatio) {
                    throw unsafe(archive, entry.getName(), "the archive expands more than "
                            + maxCompressionRatio + " times its size of " + archiveSize
                            + " bytes (an archive bomb)");
                }
                out.write(buffer, 0, n);
            }
        } catch (FileAlreadyExistsException e) {
            throw unsafe(archive, entry.getName(), "another entry already wrote " + path);
        }
        return total;
    }

    private static UnsafeArchiveException unsafe(Path archive, String entry, String reason) {
        return new UnsafeArchiveException("Refused to extract " + archive
                + (entry != null ? ": entry '" + entry + "'" : "") + ": " + reason + ". Nothing"
                + " of it was kept. The archive is damaged or malicious: do not extract it by"
                + " hand; check where it came from, or download the data set from its original"
                + " source.");
    }

    private record Planned(ZipArchiveEntry entry, String relative) {}

    /** Configures a {@link ZipExtractor}. */
    public static final class Builder {

        private long maxTotalBytes = 8L << 30;
        private int maxEntries = 100_000;
        private int maxCompressionRatio = 100;
        private int stripComponents;
        private Predicate<String> filter = path -> true;

        private Builder() {}

        /**
         * Sets the most bytes all extracted files may hold together; 8 GiB by default.
         *
         * @param bytes the limit
         * @return this builder
         */
        public Builder optMaxTotalBytes(long bytes) {
            if (bytes <= 0) {
                throw new IllegalArgumentException("maxTotalBytes must be positive: " + bytes);
            }
            this.maxTotalBytes = bytes;
            return this;
        }

        /**
         * Sets the most entries (files and folders) the archive may have; 100,000 by default.
         *
         * @param entries the limit
         * @return this builder
         */
        public Builder optMaxEntries(int entries) {
            if (entries <= 0) {
                throw new IllegalArgumentException("maxEntries must be positive: " + entries);
            }
            this.maxEntries = entries;
            return this;
        }

        /**
         * Sets how many times its compressed size an entry larger than 1 MiB, or the whole
         * archive, may expand to; 100 by default.
         *
         * @param ratio the limit
         * @return this builder
         */
        public Builder optMaxCompressionRatio(int ratio) {
            if (ratio <= 0) {
                throw new IllegalArgumentException("maxCompressionRatio must be positive: " + ratio);
            }
            this.maxCompressionRatio = ratio;
            return this;
        }

        /**
         * Sets how many leading path segments to drop from every entry, like {@code tar
         * --strip-components}; 0 by default. GitHub's archives put everything in one folder named
         * after the repository and revision, which 1 removes.
         *
         * @param count the number of segments
         * @return this builder
         */
        public Builder optStripComponents(int count) {
            if (count < 0) {
                throw new IllegalArgumentException("stripComponents must not be negative: " + count);
            }
            this.stripComponents = count;
            return this;
        }

        /**
         * Sets which entries to extract, by their path after stripping; all by default. Every
         * entry's name is checked for safety whether it is extracted or not.
         *
         * @param filter accepts the relative paths to extract
         * @return this builder
         */
        public Builder optFilter(Predicate<String> filter) {
            this.filter = Objects.requireNonNull(filter, "filter");
            return this;
        }

        /** @return the extractor */
        public ZipExtractor build() {
            return new ZipExtractor(this);
        }
    }
}
