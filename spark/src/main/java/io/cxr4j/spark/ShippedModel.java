package io.cxr4j.spark;

import io.cxr4j.core.io.Digests;
import java.io.Serializable;
import java.util.HexFormat;
import java.util.List;
import org.apache.spark.broadcast.Broadcast;

/**
 * A model directory on its way to the executors: its files as one archive in a broadcast variable,
 * a fingerprint that keys the one loaded copy per executor JVM, and its classes.
 *
 * @param name the model directory's name, for messages
 * @param fingerprint SHA-256 of the archive
 * @param classNames the model's classes, in output order
 * @param archive the zip archive of the directory ({@link ModelShipping#pack})
 */
record ShippedModel(String name, String fingerprint, List<String> classNames, Broadcast<byte[]> archive)
        implements Serializable {

    ShippedModel {
        classNames = List.copyOf(classNames);
    }

    /**
     * The fingerprint of an archive.
     *
     * @param archive the archive's bytes
     * @return its SHA-256 in hex
     */
    static String fingerprintOf(byte[] archive) {
        return HexFormat.of().formatHex(Digests.sha256().digest(archive));
    }
}
