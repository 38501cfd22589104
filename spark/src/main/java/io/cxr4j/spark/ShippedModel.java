package io.cxr4j.spark;

import io.cxr4j.core.io.Digests;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * A model directory shipped to the executors with {@code SparkContext.addFile}: the name it is
 * found under there and a fingerprint of its contents, which keys the one loaded copy per
 * executor JVM.
 *
 * @param name the directory's name, under which {@code SparkFiles.get} finds the executor's copy
 * @param fingerprint SHA-256 over every file's relative path and SHA-256
 * @param classNames the model's classes, in output order
 */
record ShippedModel(String name, String fingerprint, List<String> classNames) implements Serializable {

    ShippedModel {
        classNames = List.copyOf(classNames);
    }

    /**
     * Fingerprints a model directory on the driver.
     *
     * @param directory the model directory
     * @param classNames the model's classes
     * @return the description executors receive
     * @throws UncheckedIOException when a file cannot be read
     */
    static ShippedModel of(Path directory, List<String> classNames) {
        MessageDigest all = Digests.sha256();
        try (Stream<Path> walk = Files.walk(directory)) {
            for (Path file : walk.filter(Files::isRegularFile).sorted().toList()) {
                all.update((directory.relativize(file) + "\0" + Digests.sha256Hex(file) + "\n")
                        .getBytes(StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot fingerprint model " + directory + ": " + e.getMessage(), e);
        }
        return new ShippedModel(directory.getFileName().toString(), HexFormat.of().formatHex(all.digest()),
                classNames);
    }
}
