package io.cxr4j.dataset.download;

import io.cxr4j.core.io.FileTrees;
import io.cxr4j.dataset.DatasetException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds a data set in a hidden folder next to its final place, {@code <root>/.<name>.download},
 * and renames it into place when complete, so that the data root holds either the whole data set
 * or none of it.
 *
 * <p>The staging folder's name is fixed, not random, so that a later attempt finds what an
 * interrupted one received: after a failed {@link DownloadException download} (network, server)
 * it is kept if it holds anything, that is verified files and a {@code .part} file, since the next
 * attempt continues from there; after any other failure (a checksum mismatch, an unsafe archive, a
 * wrong layout) it is deleted, because what it holds cannot be trusted.
 */
final class Staging {

    private static final Logger logger = LoggerFactory.getLogger(Staging.class);

    private Staging() {}

    /** Fills a staging folder. */
    @FunctionalInterface
    interface Step {
        /**
         * Fills the staging folder.
         *
         * @param staging the staging folder, existing, possibly with an earlier attempt's files
         * @return the folder to move into place: the staging folder or a folder inside it
         * @throws IOException if the data set cannot be completed
         */
        Path fill(Path staging) throws IOException;
    }

    /**
     * The staging folder of a data set.
     *
     * @param dataRoot the data root
     * @param name the data set's folder name
     * @return {@code dataRoot/.name.download}
     */
    static Path folder(Path dataRoot, String name) {
        return dataRoot.resolve("." + name + ".download");
    }

    /**
     * Fills the staging folder and renames the result to {@code dataRoot/name}.
     *
     * @param dataRoot the data root; created if missing
     * @param name the data set's folder name
     * @param step fills the staging folder
     * @return the data set folder
     * @throws IOException from the step, or if the target exists or the rename fails
     */
    static Path install(Path dataRoot, String name, Step step) throws IOException {
        Path target = dataRoot.resolve(name);
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            throw new DatasetException("Cannot download data set '" + name + "' into " + target
                    + ": it already exists. Delete it to download it again.");
        }
        Path staging = folder(dataRoot, name);
        Files.createDirectories(staging);
        try {
            Path ready = step.fill(staging);
            // A rename within the data root: the data set appears complete or not at all.
            Files.move(ready, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (DownloadException e) {
            if (!holdsFiles(staging)) {
                discard(staging, e);
            } else {
                logger.warn("Download of data set '{}' failed; what arrived is kept in {} for the"
                        + " next attempt (delete it to start over)", name, staging);
            }
            throw e;
        } catch (IOException | RuntimeException e) {
            discard(staging, e);
            throw e;
        }
        FileTrees.deleteRecursively(staging);
        return target;
    }

    /** Empty folders are made before the first byte arrives; only files are worth keeping. */
    private static boolean holdsFiles(Path folder) throws IOException {
        try (Stream<Path> entries = Files.walk(folder)) {
            return entries.anyMatch(Files::isRegularFile);
        }
    }

    private static void discard(Path staging, Exception failure) {
        try {
            FileTrees.deleteRecursively(staging);
        } catch (IOException cleanup) {
            failure.addSuppressed(cleanup);
        }
    }
}
