package io.cxr4j.dataset.download;

import ai.djl.util.Progress;
import io.cxr4j.dataset.ChecksumMismatchException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URLConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Downloads one URL into one file, resumably and verified.
 *
 * <p>The bytes go into {@code <destination>.part}. If that file exists from an earlier attempt,
 * the request asks for the rest with {@code Range: bytes=N-}; a server that answers {@code 206}
 * with the matching {@code Content-Range} is appended to, one that answers {@code 200} (it ignores
 * Range) or {@code 416} (the partial file is not a prefix of what it now serves) is downloaded
 * again from the start. When the connection breaks, or ends before the announced length, the
 * {@code .part} file is kept and a {@link DownloadException#resumable() resumable} exception
 * says so. When the transfer is complete the file is checked against its {@link Checksum}, if one
 * is given; on a mismatch it is deleted and a {@link ChecksumMismatchException} names the file and
 * both digests. Only a complete, verified file is renamed to the destination.
 *
 * <p>It uses {@link HttpURLConnection} rather than {@code java.net.http.HttpClient} because the
 * latter has no read timeout: a server that stops sending part way would hang the download
 * forever instead of failing it into a resumable state.
 *
 * <p>While cxr4j's offline switch is on ({@value #OFFLINE_PROPERTY} or {@value #OFFLINE_ENV},
 * which the project's test runs set), any URL whose host is not this machine (localhost,
 * 127.0.0.0/8, ::1) is refused before a connection is made, and redirects are not followed, since
 * a loopback server could otherwise send the client anywhere.
 */
public final class HttpDownloader {

    /** System property that, when {@code true}, refuses downloads from other machines. */
    public static final String OFFLINE_PROPERTY = "cxr4j.offline";

    /** Environment variable that, when {@code true}, refuses downloads from other machines. */
    public static final String OFFLINE_ENV = "CXR4J_OFFLINE";

    private static final Logger logger = LoggerFactory.getLogger(HttpDownloader.class);

    private static final Pattern CONTENT_RANGE = Pattern.compile("bytes (\\d+)-(\\d+)/(\\d+|\\*)");

    private final Duration connectTimeout;
    private final Duration readTimeout;
    private final boolean offline;

    private HttpDownloader(Builder builder) {
        this.connectTimeout = builder.connectTimeout;
        this.readTimeout = builder.readTimeout;
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

    /** @return whether downloads from other machines are refused */
    public boolean offline() {
        return offline;
    }

    /**
     * Whether a URL's host is this machine: {@code localhost}, {@code 127.x.y.z} or {@code [::1]}.
     * Host names are not resolved, so that the check itself never touches the network.
     *
     * @param url the URL
     * @return whether the URL points at the loopback interface
     */
    public static boolean isLoopback(URI url) {
        String host = url.getHost();
        if (host == null) {
            return false;
        }
        return host.equalsIgnoreCase("localhost") || host.equals("[::1]")
                || host.matches("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");
    }

    /**
     * Refuses a URL that the offline switch forbids, before anything is connected.
     *
     * @param url the URL about to be downloaded
     * @throws DownloadException if the offline switch is on and the URL is not loopback
     */
    public void checkAllowed(URI url) throws DownloadException {
        if (offline && !isLoopback(url)) {
            throw new DownloadException(url, "downloads are off because cxr4j's offline switch is"
                    + " on (" + OFFLINE_PROPERTY + " / " + OFFLINE_ENV + "); turn it off to"
                    + " download", false, null);
        }
    }

    /**
     * Downloads a URL into a file, continuing {@code destination.part} if an earlier attempt left
     * one.
     *
     * @param url what to download
     * @param destination the file to create; replaced if it exists
     * @param name the file's name for messages, such as its path in the data set
     * @param checksum the expected checksum, or {@code null} when the source is not fixed
     * @param progress receives the bytes received
     * @return the destination
     * @throws DownloadException if the download is refused or fails; {@link
     *     DownloadException#resumable()} says whether the bytes received so far were kept
     * @throws ChecksumMismatchException if the complete file differs from the checksum; the file
     *     has been deleted
     * @throws IOException if the file cannot be written
     */
    public Path download(URI url, Path destination, String name, Checksum checksum, Progress progress)
            throws IOException {
        checkAllowed(url);
        Path part = destination.resolveSibling(destination.getFileName() + ".part");
        Files.createDirectories(part.toAbsolutePath().getParent());
        // Once at most: a server that rejects or mismatches our range gets one clean restart.
        boolean restarted = false;
        while (!transfer(url, part, name, progress, restarted)) {
            restarted = true;
        }
        if (checksum != null) {
            String actual = checksum.compute(part);
            if (!actual.equals(checksum.hex())) {
                Files.delete(part);
                throw new ChecksumMismatchException(name, url.toString(), checksum.toString(),
                        checksum.algorithm() == Checksum.Algorithm.SHA256
                                ? actual : checksum.algorithm().label() + ":" + actual);
            }
        }
        Files.move(part, destination, StandardCopyOption.REPLACE_EXISTING,
                StandardCopyOption.ATOMIC_MOVE);
        return destination;
    }

    /**
     * One request: appends to or rewrites the part file.
     *
     * @return false when the part file was discarded and the request must be repeated from zero
     */
    private boolean transfer(URI url, Path part, String name, Progress progress, boolean restarted)
            throws IOException {
        long have = Files.exists(part) ? Files.size(part) : 0;
        HttpURLConnection connection = open(url);
        if (have > 0) {
            connection.setRequestProperty("Range", "bytes=" + have + "-");
        }
        try {
            int status;
            try {
                status = connection.getResponseCode();
            } catch (IOException e) {
                throw new DownloadException(url, "cannot get it (" + e + "); check the network or"
                        + " proxy settings" + keptNote(part, have), have > 0, e);
            }
            boolean append;
            long total;
            if (have > 0 && status == HttpURLConnection.HTTP_PARTIAL) {
                Matcher range = CONTENT_RANGE.matcher(
                        Objects.requireNonNullElse(connection.getHeaderField("Content-Range"), ""));
                if (!range.matches() || Long.parseLong(range.group(1)) != have) {
                    return restart(url, part, restarted, "it answered with the range '"
                            + connection.getHeaderField("Content-Range") + "' instead of bytes "
                            + have + "-");
                }
                append = true;
                total = range.group(3).equals("*") ? -1 : Long.parseLong(range.group(3));
                logger.info("Resuming {} at byte {}", url, have);
            } else if (status == HttpURLConnection.HTTP_OK) {
                if (have > 0) {
                    logger.info("{} ignored the Range request; downloading it again from the"
                            + " start", url);
                }
                append = false;
                total = connection.getContentLengthLong();
            } else if (have > 0 && status == 416) {
                return restart(url, part, restarted, "it cannot serve the rest after byte " + have
                        + " (HTTP 416)");
            } else {
                throw new DownloadException(url, "the server answered HTTP " + status
                        + (status / 100 == 3 && offline ? " (a redirect, not followed while the"
                                + " offline switch is on)" : "")
                        + keptNote(part, have), have > 0, null);
            }
            receive(connection, url, part, name, append, total, progress);
            return true;
        } finally {
            connection.disconnect();
        }
    }

    private boolean restart(URI url, Path part, boolean restarted, String reason)
            throws IOException {
        Files.deleteIfExists(part);
        if (restarted) {
            throw new DownloadException(url, "the server cannot resume: " + reason
                    + ", even after a restart from byte 0", false, null);
        }
        logger.info("Restarting {} from byte 0: {}", url, reason);
        return false;
    }

    private void receive(HttpURLConnection connection, URI url, Path part, String name,
            boolean append, long total, Progress progress) throws IOException {
        StandardOpenOption mode =
                append ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING;
        long received = append ? Files.size(part) : 0;
        progress.reset("Downloading " + name, Math.max(total, 0));
        progress.start(received);
        byte[] buffer = new byte[64 * 1024];
        try (InputStream body = connection.getInputStream();
                OutputStream out = Files.newOutputStream(part, StandardOpenOption.CREATE,
                        StandardOpenOption.WRITE, mode)) {
            while (true) {
                int n;
                try {
                    n = body.read(buffer);
                } catch (IOException e) {
                    throw broken(url, part, received, total, e);
                }
                if (n < 0) {
                    break;
                }
                out.write(buffer, 0, n);
                received += n;
                progress.increment(n);
            }
        }
        // HttpURLConnection reports a body cut short of its Content-Length as a normal end.
        if (total >= 0 && received != total) {
            throw broken(url, part, received, total, null);
        }
        progress.end();
    }

    private static DownloadException broken(
            URI url, Path part, long received, long total, IOException cause) {
        return new DownloadException(url, "the connection broke after " + received
                + (total >= 0 ? " of " + total : "") + " bytes" + keptNote(part, received), true,
                cause);
    }

    private static String keptNote(Path part, long bytes) {
        return bytes > 0 ? "; the " + bytes + " bytes received are kept in " + part
                + " and the next attempt continues from there" : "";
    }

    private HttpURLConnection open(URI url) throws IOException {
        URLConnection connection = url.toURL().openConnection();
        if (!(connection instanceof HttpURLConnection http)) {
            throw new DownloadException(url, "not an http or https URL", false, null);
        }
        http.setConnectTimeout(Math.toIntExact(connectTimeout.toMillis()));
        http.setReadTimeout(Math.toIntExact(readTimeout.toMillis()));
        http.setInstanceFollowRedirects(!offline);
        // A compressed body would make byte offsets and Range requests refer to different things.
        http.setRequestProperty("Accept-Encoding", "identity");
        http.setRequestProperty("User-Agent", "cxr4j-dataset");
        return http;
    }

    /** Configures an {@link HttpDownloader}. */
    public static final class Builder {

        private Duration connectTimeout = Duration.ofSeconds(20);
        private Duration readTimeout = Duration.ofMinutes(1);
        private boolean offline = offlineByDefault();

        private Builder() {}

        private static boolean offlineByDefault() {
            return Boolean.parseBoolean(
                    System.getProperty(OFFLINE_PROPERTY, System.getenv(OFFLINE_ENV)));
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
         * Sets how long to wait for the response or the next bytes of the body; 1 minute by
         * default. When it expires, the bytes received are kept for a resumed attempt.
         *
         * @param timeout the read timeout
         * @return this builder
         */
        public Builder optReadTimeout(Duration timeout) {
            this.readTimeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        /**
         * Sets whether downloads from other machines are refused; by default cxr4j's offline
         * switch ({@value HttpDownloader#OFFLINE_PROPERTY} / {@value
         * HttpDownloader#OFFLINE_ENV}).
         *
         * @param offline whether to refuse non-loopback downloads
         * @return this builder
         */
        public Builder optOffline(boolean offline) {
            this.offline = offline;
            return this;
        }

        /** @return the downloader */
        public HttpDownloader build() {
            return new HttpDownloader(this);
        }
    }
}
