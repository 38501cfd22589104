package io.cxr4j.dataset;

import ai.djl.training.util.ProgressBar;
import ai.djl.util.Progress;
import io.cxr4j.dataset.download.DatasetDownloader;
import io.cxr4j.dataset.download.FileSetDownloader;
import io.cxr4j.dataset.download.HttpDownloader;
import io.cxr4j.dataset.download.RemoteFile;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Downloads the {@code seed} data set (25 COVID-19 and 25 normal chest X-rays) from the dataset
 * folder of github.com/hardiknahata/COVID-19-Detection, verifying every file against the SHA-256
 * recorded in this library, and adds the library's {@code metadata.csv} (patient ids, views,
 * sources) to it.
 *
 * <p>The files go into a hidden staging folder next to the target, which is renamed into place
 * only when all of them have arrived and match, so a failed download never leaves a partial data
 * set; an interrupted one is continued by the next call (see {@link FileSetDownloader}).
 *
 * <p>Downloads are refused, before any connection is made, while cxr4j's offline switch is on
 * ({@code -Dcxr4j.offline=true} or {@code CXR4J_OFFLINE=true}, which the project's test runs set),
 * unless the base URL points at this machine (localhost, 127.0.0.0/8 or ::1). DJL's own offline
 * mode, which cxr4j always turns on, is separate: it keeps DJL from fetching engines and models.
 */
public final class SeedDownloader implements DatasetDownloader {

    /** System property that, when {@code true}, refuses downloads from other machines. */
    public static final String OFFLINE_PROPERTY = HttpDownloader.OFFLINE_PROPERTY;
    /** Environment variable that, when {@code true}, refuses downloads from other machines. */
    public static final String OFFLINE_ENV = HttpDownloader.OFFLINE_ENV;

    /** The name (and folder name under the data root) of the data set this class downloads. */
    public static final String NAME = "seed";

    /** The dataset folder of the upstream repository's {@code master} branch. */
    public static final URI DEFAULT_BASE_URL = URI.create(
            "https://raw.githubusercontent.com/hardiknahata/COVID-19-Detection/master/dataset/");

    private static final String CHECKSUMS = "seed-sha256.txt";
    private static final String METADATA = "seed-metadata.csv";

    private final FileSetDownloader files;

    private SeedDownloader(Builder builder) {
        HttpDownloader http = HttpDownloader.builder().optConnectTimeout(builder.connectTimeout)
                .optReadTimeout(builder.requestTimeout).optOffline(builder.offline).build();
        this.files = FileSetDownloader.builder().setName(NAME).setBaseUrl(builder.baseUrl)
                .setFiles(remoteFiles()).optHttp(http)
                .optProgress(builder.progress != null ? builder.progress : new ProgressBar())
                .optLayoutHint(NAME + "/covid and " + NAME + "/normal")
                .optFinisher(SeedDownloader::addMetadata)
                .build();
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
        return NAME;
    }

    /** @return the URL the relative file paths are resolved against, ending in {@code /} */
    public URI baseUrl() {
        return files.baseUrl();
    }

    /**
     * The files of the data set with their expected SHA-256, as recorded in this library.
     *
     * @return the files, sorted by path
     */
    public static List<ExpectedFile> expectedFiles() {
        return remoteFiles().stream()
                .map(f -> new ExpectedFile(f.path(), f.checksum().hex())).toList();
    }

    /**
     * Downloads the data set into {@code dataRoot/seed}, which must not exist yet.
     *
     * @param dataRoot the data root; created if missing
     * @return the data set folder
     * @throws ChecksumMismatchException if a file differs from the recorded one
     * @throws DatasetException if the target exists, downloads are off, or the server cannot be
     *     reached or refuses a file; the message says where the data set was expected, which URL
     *     failed and how to use a local copy instead
     * @throws IOException if the files cannot be written
     */
    @Override
    public Path download(DataDirectory dataRoot) throws IOException {
        return files.download(dataRoot);
    }

    static boolean isLoopback(URI url) {
        return HttpDownloader.isLoopback(url);
    }

    private static List<RemoteFile> remoteFiles() {
        try (InputStream in = resource(CHECKSUMS)) {
            return RemoteFile.readList(in, CHECKSUMS);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the bundled resource " + CHECKSUMS, e);
        }
    }

    private static void addMetadata(Path folder) throws IOException {
        try (InputStream metadata = resource(METADATA)) {
            Files.copy(metadata, folder.resolve(MetadataCsv.FILE_NAME));
        }
    }

    private static InputStream resource(String name) throws IOException {
        InputStream in = SeedDownloader.class.getResourceAsStream(name);
        if (in == null) {
            throw new IOException("Resource " + name + " is missing from the cxr4j-dataset jar");
        }
        return in;
    }

    /**
     * One file of the data set.
     *
     * @param path the path relative to the data set folder, with {@code /} separators
     * @param sha256 the expected SHA-256, lower-case hex
     */
    public record ExpectedFile(String path, String sha256) {

        /**
         * Validates the fields.
         *
         * @param path the path relative to the data set folder, with {@code /} separators; not null
         * @param sha256 the expected SHA-256, lower-case hex; not null
         */
        public ExpectedFile {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(sha256, "sha256");
        }
    }

    /** Configures a {@link SeedDownloader}. */
    public static final class Builder {

        private URI baseUrl = DEFAULT_BASE_URL;
        private Progress progress;
        private Duration connectTimeout = Duration.ofSeconds(20);
        private Duration requestTimeout = Duration.ofMinutes(2);
        private boolean offline = offlineByDefault();

        private Builder() {}

        private static boolean offlineByDefault() {
            return HttpDownloader.builder().build().offline();
        }

        /**
         * Sets where the files are downloaded from: {@code baseUrl + "covid/..."}; by default
         * {@link #DEFAULT_BASE_URL}. Tests and mirrors point this elsewhere.
         *
         * @param baseUrl the URL of the folder that holds {@code covid/} and {@code normal/}
         * @return this builder
         */
        public Builder optBaseUrl(URI baseUrl) {
            String url = Objects.requireNonNull(baseUrl, "baseUrl").toString();
            this.baseUrl = URI.create(url.endsWith("/") ? url : url + "/");
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
         * Sets how long to wait for a connection; 20 seconds by default.
         *
         * @param timeout the connect timeout
         * @return this builder
         */
        public Builder optConnectTimeout(Duration timeout) {
            this.connectTimeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        /**
         * Sets how long to wait for a response or for the next bytes of a file; 2 minutes by
         * default.
         *
         * @param timeout the per-request timeout
         * @return this builder
         */
        public Builder optRequestTimeout(Duration timeout) {
            this.requestTimeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        /**
         * Sets whether downloads from other machines are refused; by default cxr4j's offline
         * switch ({@code cxr4j.offline} / {@code CXR4J_OFFLINE}).
         *
         * @param offline whether to refuse non-loopback downloads
         * @return this builder
         */
        public Builder optOffline(boolean offline) {
            this.offline = offline;
            return this;
        }

        /** @return the downloader */
        public SeedDownloader build() {
            return new SeedDownloader(this);
        }
    }
}
