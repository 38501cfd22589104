package io.cxr4j.pretrained;

import ai.djl.training.util.ProgressBar;
import ai.djl.util.Progress;
import io.cxr4j.core.engine.NativeCaches;
import io.cxr4j.core.io.Digests;
import io.cxr4j.dataset.download.DownloadException;
import io.cxr4j.dataset.download.HttpDownloader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps published weights files in a folder of the per-user cache, downloading each on first use
 * and checking it against its publisher's checksum every time it is handed out.
 *
 * <p>The folder is {@value #FOLDER} below {@link NativeCaches#root()} ({@code ~/.cache/cxr4j} unless
 * {@value NativeCaches#ROOT_ENV} or {@value NativeCaches#ROOT_PROPERTY} names another), or the one
 * given to {@link Builder#optDirectory(Path)}. A download goes to {@code <name>.download.part}, is
 * resumed from there after a broken connection, and is renamed to {@code <name>} only once its MD5
 * matches the published one; a mismatch discards it. Downloads are refused, before any connection
 * is made, while cxr4j's offline switch ({@value HttpDownloader#OFFLINE_PROPERTY} or {@value
 * HttpDownloader#OFFLINE_ENV}) is on; then, as when the network fails, the exception says where to
 * put the file by hand.
 */
public final class PretrainedCache {

    /** The cache root's subfolder for weights files. */
    public static final String FOLDER = "pretrained";

    private static final Logger LOG = LoggerFactory.getLogger(PretrainedCache.class);

    private final Path directory;
    private final HttpDownloader http;
    private final Progress progress;

    private PretrainedCache(Builder builder) {
        this.directory = builder.directory;
        this.http = builder.http != null ? builder.http : HttpDownloader.builder().build();
        this.progress = builder.progress != null ? builder.progress : new ProgressBar();
    }

    /**
     * Starts configuring a cache.
     *
     * @return a builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Where a weights file is kept, whether or not it is there yet.
     *
     * @param weights the published file
     * @return its path in the cache folder
     * @throws IOException when the per-user cache root cannot be created or is not safe
     */
    public Path locate(PublishedWeights weights) throws IOException {
        Path folder = directory != null ? directory : NativeCaches.root().resolve(FOLDER);
        return folder.resolve(weights.fileName());
    }

    /**
     * A weights file from the cache, downloaded first if it is not there, and verified.
     *
     * @param weights the published file
     * @return its path in the cache folder; its MD5 is the published one
     * @throws WeightsFileException when the file in the cache differs from the published one, or is
     *     missing and cannot be downloaded (offline switch on, network or server failure, or the
     *     server sent other bytes); the message says where to put the file by hand
     * @throws IOException when the cache folder cannot be written
     */
    public Path fetch(PublishedWeights weights) throws IOException {
        Path target = locate(weights);
        if (Files.exists(target)) {
            String md5 = md5(target);
            if (!md5.equals(weights.md5())) {
                throw new WeightsFileException(target, null, "The weights file " + target + " differs from the"
                        + " published " + weights.fileName() + ": its MD5 is " + md5 + ", the publisher gives "
                        + weights.md5() + ". Delete it; the next call downloads it again from " + weights.url()
                        + ".", null);
            }
            return target;
        }
        Path staging = target.resolveSibling(weights.fileName() + ".download");
        try {
            http.download(weights.url(), staging, weights.fileName(), null, progress);
        } catch (DownloadException e) {
            throw new WeightsFileException(target, null, "The weights file " + weights.fileName() + " is not in the"
                    + " cache and cannot be downloaded: " + e.getMessage() + ". To do without the download, "
                    + byHand(weights, target), e);
        }
        String md5 = md5(staging);
        if (!md5.equals(weights.md5())) {
            Files.delete(staging);
            throw new WeightsFileException(target, null, "The download of " + weights.fileName() + " from "
                    + weights.url() + " differs from the published file: its MD5 is " + md5 + ", the publisher"
                    + " gives " + weights.md5() + ". The download was discarded (a changed upstream file or a"
                    + " broken proxy); retry, or " + byHand(weights, target), null);
        }
        Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
        LOG.info("Downloaded {} ({} bytes, MD5 {} as published, SHA-256 {}) to {}", weights.fileName(),
                Files.size(target), md5, Digests.sha256Hex(target), target);
        return target;
    }

    /** What to do by hand: where the file comes from, how to check it, where it goes. */
    private static String byHand(PublishedWeights weights, Path target) {
        return "download " + weights.url() + " by hand, check that its MD5 is " + weights.md5()
                + " (md5sum " + weights.fileName() + "), and put it at " + target.toAbsolutePath() + ".";
    }

    private static String md5(Path file) throws IOException {
        MessageDigest digest = Digests.newDigest("MD5");
        Digests.update(digest, file);
        return HexFormat.of().formatHex(digest.digest());
    }

    /** Configures a {@link PretrainedCache}. */
    public static final class Builder {

        private Path directory;
        private HttpDownloader http;
        private Progress progress;

        private Builder() {}

        /**
         * Sets the folder that holds the weights files; by default {@value PretrainedCache#FOLDER}
         * below the per-user cache root ({@link NativeCaches#root()}).
         *
         * @param directory the folder; created when a file is downloaded into it
         * @return this builder
         */
        public Builder optDirectory(Path directory) {
            this.directory = Objects.requireNonNull(directory, "directory");
            return this;
        }

        /**
         * Sets the downloader; by default one with cxr4j's offline switch and default timeouts.
         *
         * @param http the downloader
         * @return this builder
         */
        public Builder optHttp(HttpDownloader http) {
            this.http = Objects.requireNonNull(http, "http");
            return this;
        }

        /**
         * Sets what receives the download's progress; by default DJL's progress bar.
         *
         * @param progress the progress receiver
         * @return this builder
         */
        public Builder optProgress(Progress progress) {
            this.progress = Objects.requireNonNull(progress, "progress");
            return this;
        }

        /** @return the cache */
        public PretrainedCache build() {
            return new PretrainedCache(this);
        }
    }
}
