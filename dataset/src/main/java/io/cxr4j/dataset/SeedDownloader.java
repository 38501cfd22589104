package io.cxr4j.dataset;

import ai.djl.training.util.ProgressBar;
import ai.djl.util.Progress;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Downloads the {@code seed} data set (25 COVID-19 and 25 normal chest X-rays) from the dataset
 * folder of github.com/hardiknahata/COVID-19-Detection, verifying every file against the SHA-256
 * recorded in this library, and adds the library's {@code metadata.csv} (patient ids, views,
 * sources) to it.
 *
 * <p>The files go into a hidden temporary folder next to the target, which is renamed into place
 * only when all of them have arrived and match, so a failed or interrupted download never leaves
 * a partial data set; the temporary folder is deleted on failure.
 *
 * <p>Downloads are refused, before any connection is made, while cxr4j's offline switch is on
 * ({@code -Dcxr4j.offline=true} or {@code CXR4J_OFFLINE=true}, which the project's test runs set),
 * unless the base URL points at this machine (localhost, 127.0.0.0/8 or ::1). DJL's own offline
 * mode, which cxr4j always turns on, is separate: it keeps DJL from fetching engines and models.
 */
public final class SeedDownloader {

    /** System property that, when {@code true}, refuses downloads from other machines. */
    public static final String OFFLINE_PROPERTY = "cxr4j.offline";
    /** Environment variable that, when {@code true}, refuses downloads from other machines. */
    public static final String OFFLINE_ENV = "CXR4J_OFFLINE";

    /** The name (and folder name under the data root) of the data set this class downloads. */
    public static final String NAME = "seed";

    /** The dataset folder of the upstream repository's {@code master} branch. */
    public static final URI DEFAULT_BASE_URL = URI.create(
            "https://raw.githubusercontent.com/hardiknahata/COVID-19-Detection/master/dataset/");

    private static final Logger logger = LoggerFactory.getLogger(SeedDownloader.class);

    private static final String CHECKSUMS = "seed-sha256.txt";
    private static final String METADATA = "seed-metadata.csv";

    private final URI baseUrl;
    private final Progress progress;
    private final Duration connectTimeout;
    private final Duration requestTimeout;
    private final boolean offline;

    private SeedDownloader(Builder builder) {
        this.baseUrl = builder.baseUrl;
        this.progress = builder.progress != null ? builder.progress : new ProgressBar();
        this.connectTimeout = builder.connectTimeout;
        this.requestTimeout = builder.requestTimeout;
        this.offline = builder.offline;
    }

    /**
     * Starts configuring a downloader.
     *
     * @return a builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the URL the relative file paths are resolved against, ending in {@code /} */
    public URI baseUrl() {
        return baseUrl;
    }

    /**
     * The files of the data set with their expected SHA-256, as recorded in this library.
     *
     * @return the files, sorted by path
     */
    public static List<ExpectedFile> expectedFiles() {
        List<ExpectedFile> files = new ArrayList<>();
        try (InputStream in = resource(CHECKSUMS);
                BufferedReader reader =
                        new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (!line.isBlank()) {
                    String[] parts = line.strip().split("\\s+", 2);
                    files.add(new ExpectedFile(parts[1], parts[0].toLowerCase(Locale.ROOT)));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the bundled resource " + CHECKSUMS, e);
        }
        return List.copyOf(files);
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
    public Path download(DataDirectory dataRoot) throws IOException {
        Path target = dataRoot.folder(NAME);
        if (Files.exists(target)) {
            throw new DatasetException("Cannot download data set '" + NAME + "' into " + target
                    + ": it already exists. Delete it to download it again.");
        }
        if (offline && !isLoopback(baseUrl)) {
            throw unavailable(dataRoot, baseUrl, "downloads are off because cxr4j's offline switch"
                    + " is on (cxr4j.offline / CXR4J_OFFLINE)", null);
        }
        Files.createDirectories(dataRoot.path());
        Path temp = Files.createTempDirectory(dataRoot.path(), "." + NAME + "-download-");
        try {
            fetchAll(dataRoot, temp);
            try (InputStream metadata = resource(METADATA)) {
                Files.copy(metadata, temp.resolve(MetadataCsv.FILE_NAME));
            }
            // A rename within the data root: the data set appears complete or not at all.
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            try {
                deleteRecursively(temp);
            } catch (IOException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
        logger.info("Downloaded data set '{}' from {} into {}", NAME, baseUrl, target);
        return target;
    }

    private void fetchAll(DataDirectory dataRoot, Path temp) throws IOException {
        HttpClient client = HttpClient.newBuilder()
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
        List<ExpectedFile> files = expectedFiles();
        progress.reset("Downloading data set " + NAME, files.size());
        for (ExpectedFile file : files) {
            fetch(client, file, temp, dataRoot);
            progress.increment(1);
        }
        progress.end();
    }

    private void fetch(HttpClient client, ExpectedFile file, Path temp, DataDirectory dataRoot)
            throws IOException {
        URI url = baseUrl.resolve(UrlPaths.encode(file.path()));
        HttpRequest request = HttpRequest.newBuilder(url).timeout(requestTimeout).GET().build();
        Path destination = temp.resolve(file.path());
        Files.createDirectories(destination.getParent());
        MessageDigest sha256 = sha256();
        try {
            HttpResponse<InputStream> response =
                    client.send(request, HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream body = new DigestInputStream(response.body(), sha256)) {
                if (response.statusCode() != 200) {
                    throw unavailable(dataRoot, url,
                            "the server answered HTTP " + response.statusCode(), null);
                }
                Files.copy(body, destination);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw (IOException) new InterruptedIOException("Download of " + url + " interrupted")
                    .initCause(e);
        } catch (DatasetException e) {
            throw e;
        } catch (IOException e) {
            throw unavailable(dataRoot, url, e.toString(), e);
        }
        String actual = HexFormat.of().formatHex(sha256.digest());
        if (!actual.equals(file.sha256())) {
            throw new ChecksumMismatchException(file.path(), url.toString(), file.sha256(), actual);
        }
    }

    private static DatasetException unavailable(
            DataDirectory dataRoot, URI url, String reason, Throwable cause) {
        return new DatasetException("Data set '" + NAME + "' is not in the data root "
                + dataRoot + ": expected the folder " + dataRoot.folder(NAME) + ". Downloading it"
                + " failed: " + url + ": " + reason + ". To use a local copy, point "
                + DataDirectory.ENV + " (or -D" + DataDirectory.PROPERTY + ", or the --data PATH"
                + " option) at a folder that holds " + NAME + "/covid and " + NAME + "/normal.",
                cause);
    }

    static boolean isLoopback(URI url) {
        String host = url.getHost();
        if (host == null) {
            return false;
        }
        return host.equalsIgnoreCase("localhost") || host.equals("[::1]")
                || host.matches("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime must provide SHA-256", e);
        }
    }

    private static InputStream resource(String name) throws IOException {
        InputStream in = SeedDownloader.class.getResourceAsStream(name);
        if (in == null) {
            throw new IOException("Resource " + name + " is missing from the cxr4j-dataset jar");
        }
        return in;
    }

    private static void deleteRecursively(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    /**
     * One file of the data set.
     *
     * @param path the path relative to the data set folder, with {@code /} separators
     * @param sha256 the expected SHA-256, lower-case hex
     */
    public record ExpectedFile(String path, String sha256) {

        /** Validates the fields. */
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
            String value = System.getProperty(OFFLINE_PROPERTY, System.getenv(OFFLINE_ENV));
            return Boolean.parseBoolean(value);
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
         * Sets how long one file may take to start arriving; 2 minutes by default.
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
