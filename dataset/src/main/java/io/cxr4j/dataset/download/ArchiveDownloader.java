package io.cxr4j.dataset.download;

import ai.djl.training.util.ProgressBar;
import ai.djl.util.Progress;
import io.cxr4j.core.io.FileTrees;
import io.cxr4j.dataset.ChecksumMismatchException;
import io.cxr4j.dataset.DataDirectory;
import io.cxr4j.dataset.DatasetException;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Downloads a data set as one zip archive, such as GitHub's archive of a repository, and extracts
 * it safely (see {@link ZipExtractor}).
 *
 * <p>The archive is downloaded into the data set's hidden staging folder as {@code archive.zip},
 * resumed with a Range request after an interruption where the server allows it, checked against
 * its checksum when one is known, extracted into a folder beside it, checked for the paths the
 * data set must have, and only then renamed into place; the archive is deleted afterwards. An
 * unsafe archive, a checksum mismatch or a missing required path discards everything.
 */
public final class ArchiveDownloader implements DatasetDownloader {

    private static final Logger logger = LoggerFactory.getLogger(ArchiveDownloader.class);

    private final String name;
    private final URI url;
    private final Checksum checksum;
    private final HttpDownloader http;
    private final Progress progress;
    private final ZipExtractor extractor;
    private final List<String> requiredPaths;
    private final String layoutHint;

    private ArchiveDownloader(Builder builder) {
        this.name = Objects.requireNonNull(builder.name, "name");
        this.url = Objects.requireNonNull(builder.url, "url");
        this.checksum = builder.checksum;
        this.http = builder.http != null ? builder.http : HttpDownloader.builder().build();
        this.progress = builder.progress != null ? builder.progress : new ProgressBar();
        this.extractor = builder.extractor != null ? builder.extractor : ZipExtractor.builder().build();
        this.requiredPaths = builder.requiredPaths;
        this.layoutHint = builder.layoutHint != null ? builder.layoutHint : name + "/";
    }

    /**
     * Starts configuring a downloader.
     *
     * @return a builder
     */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String name() {
        return name;
    }

    /**
     * {@inheritDoc}
     *
     * @throws ChecksumMismatchException if the archive differs from its checksum; nothing is kept
     * @throws UnsafeArchiveException if the archive could write outside the data set folder or
     *     exceeds a size limit; nothing is kept
     */
    @Override
    public Path download(DataDirectory dataRoot) throws IOException {
        try {
            http.checkAllowed(url);
            if (checksum == null) {
                logger.warn("Data set '{}' is downloaded from {} without a checksum: the source is"
                        + " not fixed, so its contents may differ from one download to the next",
                        name, url);
            }
            Path target = Staging.install(dataRoot.path(), name, this::fill);
            logger.info("Downloaded data set '{}' from {} into {}", name, url, target);
            return target;
        } catch (DownloadException e) {
            throw Messages.unavailable(dataRoot, name, layoutHint, e);
        }
    }

    private Path fill(Path staging) throws IOException {
        Path archive = staging.resolve("archive.zip");
        // Present means complete and verified: it gets its final name only after its check.
        if (!Files.exists(archive)) {
            http.download(url, archive, name + " archive", checksum, progress);
        }
        Path extracted = staging.resolve("extracted");
        // A process killed while extracting leaves a partial folder: start it afresh.
        FileTrees.deleteRecursively(extracted);
        extractor.extract(archive, extracted);
        for (String required : requiredPaths) {
            if (!Files.exists(extracted.resolve(required))) {
                throw new DatasetException("The archive of data set '" + name + "' from " + url
                        + " has no '" + required + "' (after removing its top folder), so it is"
                        + " not the expected data set; nothing was kept. The source's layout may"
                        + " have changed: get the data set by hand and point "
                        + DataDirectory.ENV + " at a folder that holds " + layoutHint + ".");
            }
        }
        return extracted;
    }

    /** Configures an {@link ArchiveDownloader}. */
    public static final class Builder {

        private String name;
        private URI url;
        private Checksum checksum;
        private HttpDownloader http;
        private Progress progress;
        private ZipExtractor extractor;
        private List<String> requiredPaths = List.of();
        private String layoutHint;

        private Builder() {}

        /**
         * Sets the data set's name, also its folder name under the data root.
         *
         * @param name the name
         * @return this builder
         */
        public Builder setName(String name) {
            this.name = Objects.requireNonNull(name, "name");
            return this;
        }

        /**
         * Sets the archive's URL.
         *
         * @param url the URL of a zip archive
         * @return this builder
         */
        public Builder setUrl(URI url) {
            this.url = Objects.requireNonNull(url, "url");
            return this;
        }

        /**
         * Sets the archive's expected checksum; none by default, for sources that change.
         *
         * @param checksum the checksum
         * @return this builder
         */
        public Builder optChecksum(Checksum checksum) {
            this.checksum = Objects.requireNonNull(checksum, "checksum");
            return this;
        }

        /**
         * Sets the HTTP client (timeouts, offline switch); by default one with default settings.
         *
         * @param http the HTTP downloader
         * @return this builder
         */
        public Builder optHttp(HttpDownloader http) {
            this.http = Objects.requireNonNull(http, "http");
            return this;
        }

        /**
         * Sets what reports the bytes received; by default a DJL {@link ProgressBar}.
         *
         * @param progress the progress listener
         * @return this builder
         */
        public Builder optProgress(Progress progress) {
            this.progress = Objects.requireNonNull(progress, "progress");
            return this;
        }

        /**
         * Sets how the archive is extracted (limits, leading folders to strip, which entries);
         * by default {@link ZipExtractor}'s defaults.
         *
         * @param extractor the extractor
         * @return this builder
         */
        public Builder optExtractor(ZipExtractor extractor) {
            this.extractor = Objects.requireNonNull(extractor, "extractor");
            return this;
        }

        /**
         * Sets paths, relative to the extracted data set, that must exist for it to be accepted;
         * none by default.
         *
         * @param paths the required files or folders
         * @return this builder
         */
        public Builder optRequiredPaths(String... paths) {
            this.requiredPaths = List.of(paths);
            return this;
        }

        /**
         * Sets what a local copy must contain, for the message when the download fails; by
         * default {@code name/}.
         *
         * @param layoutHint the description
         * @return this builder
         */
        public Builder optLayoutHint(String layoutHint) {
            this.layoutHint = Objects.requireNonNull(layoutHint, "layoutHint");
            return this;
        }

        /** @return the downloader */
        public ArchiveDownloader build() {
            return new ArchiveDownloader(this);
        }
    }
}
