package io.cxr4j.dataset.download;

import ai.djl.training.util.ProgressBar;
import ai.djl.util.Progress;
import io.cxr4j.dataset.ChecksumMismatchException;
import io.cxr4j.dataset.DataDirectory;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Downloads a data set file by file from a folder URL, such as a folder of a GitHub repository
 * at a pinned commit on {@code raw.githubusercontent.com}, verifying every file against its
 * recorded checksum.
 *
 * <p>Files are fetched one by one rather than as one archive because each can then be verified as
 * it arrives, an interrupted download loses at most the rest of one file (each file is resumed
 * with a Range request, and finished files are not fetched again), and nothing but the data set
 * is transferred. The data set is built in a hidden staging folder and renamed into place when
 * every file has arrived and matched (see {@link HttpDownloader} for resuming and verification).
 * After a checksum mismatch the whole staging folder is discarded, since the source then serves
 * something else than what was recorded.
 */
public final class FileSetDownloader implements DatasetDownloader {

    private static final Logger logger = LoggerFactory.getLogger(FileSetDownloader.class);

    private final String name;
    private final URI baseUrl;
    private final List<RemoteFile> files;
    private final HttpDownloader http;
    private final Progress progress;
    private final String layoutHint;
    private final Finisher finisher;

    private FileSetDownloader(Builder builder) {
        this.name = Objects.requireNonNull(builder.name, "name");
        this.baseUrl = Objects.requireNonNull(builder.baseUrl, "baseUrl");
        this.files = Objects.requireNonNull(builder.files, "files");
        this.http = builder.http != null ? builder.http : HttpDownloader.builder().build();
        this.progress = builder.progress != null ? builder.progress : new ProgressBar();
        this.layoutHint = builder.layoutHint != null ? builder.layoutHint : name + "/";
        this.finisher = builder.finisher;
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

    /** @return the URL the files' relative paths are resolved against, ending in {@code /} */
    public URI baseUrl() {
        return baseUrl;
    }

    /**
     * {@inheritDoc}
     *
     * @throws ChecksumMismatchException if a file differs from its recorded checksum; nothing is
     *     kept
     */
    @Override
    public Path download(DataDirectory dataRoot) throws IOException {
        try {
            http.checkAllowed(baseUrl);
            Path target = Staging.install(dataRoot.path(), name, this::fill);
            logger.info("Downloaded data set '{}' ({} files) from {} into {}", name, files.size(),
                    baseUrl, target);
            return target;
        } catch (DownloadException e) {
            throw Messages.unavailable(dataRoot, name, layoutHint, e);
        }
    }

    private Path fill(Path staging) throws IOException {
        progress.reset("Downloading data set " + name, files.size());
        for (RemoteFile file : files) {
            Path destination = staging.resolve(file.path());
            // Present means verified: a file gets its final name only after its check.
            if (!Files.exists(destination)) {
                http.download(baseUrl.resolve(UrlPaths.encode(file.path())), destination,
                        file.path(), file.checksum(), Messages.SILENT);
            }
            progress.increment(1);
        }
        progress.end();
        if (finisher != null) {
            finisher.finish(staging);
        }
        return staging;
    }

    /** Adds to a data set whose files have all arrived, before it is moved into place. */
    @FunctionalInterface
    public interface Finisher {
        /**
         * Completes the data set, for example with metadata this library ships.
         *
         * @param folder the complete staging folder
         * @throws IOException if it cannot be written
         */
        void finish(Path folder) throws IOException;
    }

    /** Configures a {@link FileSetDownloader}. */
    public static final class Builder {

        private String name;
        private URI baseUrl;
        private List<RemoteFile> files;
        private HttpDownloader http;
        private Progress progress;
        private String layoutHint;
        private Finisher finisher;

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
         * Sets the folder URL the files' paths are resolved against.
         *
         * @param baseUrl the URL; a missing final {@code /} is added
         * @return this builder
         */
        public Builder setBaseUrl(URI baseUrl) {
            String url = Objects.requireNonNull(baseUrl, "baseUrl").toString();
            this.baseUrl = URI.create(url.endsWith("/") ? url : url + "/");
            return this;
        }

        /**
         * Sets the files to download with their checksums.
         *
         * @param files the files
         * @return this builder
         */
        public Builder setFiles(List<RemoteFile> files) {
            this.files = List.copyOf(files);
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
         * Sets what reports progress, one step per file; by default a DJL {@link ProgressBar}.
         *
         * @param progress the progress listener
         * @return this builder
         */
        public Builder optProgress(Progress progress) {
            this.progress = Objects.requireNonNull(progress, "progress");
            return this;
        }

        /**
         * Sets what a local copy must contain, for the message when the download fails, such as
         * {@code seed/covid and seed/normal}; by default {@code name/}.
         *
         * @param layoutHint the description
         * @return this builder
         */
        public Builder optLayoutHint(String layoutHint) {
            this.layoutHint = Objects.requireNonNull(layoutHint, "layoutHint");
            return this;
        }

        /**
         * Sets what completes the data set once every file has arrived; nothing by default.
         *
         * @param finisher the last step
         * @return this builder
         */
        public Builder optFinisher(Finisher finisher) {
            this.finisher = Objects.requireNonNull(finisher, "finisher");
            return this;
        }

        /** @return the downloader */
        public FileSetDownloader build() {
            return new FileSetDownloader(this);
        }
    }
}
