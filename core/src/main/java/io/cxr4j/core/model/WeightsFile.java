package io.cxr4j.core.model;

import java.util.Objects;

/**
 * A file of published or shared weights that a model started from, as its {@link Provenance}
 * records it: enough to tell which file it was, not where it lay.
 *
 * @param name the file's name, such as {@code vgg16_weights_tf_dim_ordering_tf_kernels_notop.h5}
 * @param sha256 the SHA-256 of the file's bytes, 64 lower-case hex digits
 */
public record WeightsFile(String name, String sha256) {

    /**
     * Checks the values.
     *
     * @param name the file's name; not null
     * @param sha256 the SHA-256 of its bytes, 64 hex digits
     * @throws IllegalArgumentException when the digest is not 64 hex digits
     */
    public WeightsFile {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(sha256, "sha256");
        if (!sha256.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("The SHA-256 of weights file " + name
                    + " must be 64 lower-case hex digits, was '" + sha256 + "'");
        }
    }
}
