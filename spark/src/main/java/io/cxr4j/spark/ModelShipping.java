package io.cxr4j.spark;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * Packs a model directory into one zip archive on the driver and unpacks it on an executor. The
 * archive travels as a Spark broadcast variable: Spark's own distribution (BitTorrent-like among
 * executors), which works on every cluster manager and, unlike {@code SparkContext.addArchive},
 * also reaches the tasks of Spark 4's session-isolated SQL jobs.
 */
final class ModelShipping {

    private ModelShipping() {}

    /**
     * Zips every file below a model directory, in a fixed order.
     *
     * @param directory the model directory on the driver
     * @return the archive's bytes
     * @throws UncheckedIOException when a file cannot be read
     */
    static byte[] pack(Path directory) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes); Stream<Path> walk = Files.walk(directory)) {
            for (Path path : walk.filter(Files::isRegularFile).sorted().toList()) {
                zip.putNextEntry(new ZipEntry(directory.relativize(path).toString().replace('\\', '/')));
                Files.copy(path, zip);
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot pack model " + directory + " for the executors: " + e.getMessage(), e);
        }
        return bytes.toByteArray();
    }

    /**
     * Unpacks an archive made by {@link #pack} into a new folder.
     *
     * @param archive the archive's bytes
     * @param target a folder that does not exist yet
     * @throws IOException when the folder cannot be written, or an entry would land outside it
     */
    static void unpack(byte[] archive, Path target) throws IOException {
        Files.createDirectories(target);
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(archive))) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                Path file = target.resolve(entry.getName()).normalize();
                if (!file.startsWith(target)) {
                    throw new IOException("The shipped model archive has an entry outside its folder: " + entry.getName());
                }
                Files.createDirectories(file.getParent());
                Files.copy(zip, file);
            }
        }
    }
}
