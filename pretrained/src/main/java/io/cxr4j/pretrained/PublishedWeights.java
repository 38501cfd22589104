package io.cxr4j.pretrained;

import java.net.URI;
import java.util.Locale;
import java.util.Objects;

/**
 * A weights file as its publisher serves it: its name, its address and the checksum the publisher
 * gives for it.
 *
 * @param fileName the file's name, which it keeps in the cache
 * @param url where it is downloaded from
 * @param md5 the MD5 of its bytes that the publisher gives, lower-case hex
 */
public record PublishedWeights(String fileName, URI url, String md5) {

    /**
     * Keras's VGG16 ImageNet weights without the classifier on top, the file {@code
     * keras.applications.VGG16(weights="imagenet", include_top=False)} downloads: address and MD5 as
     * in Keras's {@code applications/vgg16.py} ({@code WEIGHTS_PATH_NO_TOP} and its {@code
     * file_hash}). Keras publishes no SHA-256 for it.
     */
    public static final PublishedWeights VGG16_NOTOP = new PublishedWeights(
            "vgg16_weights_tf_dim_ordering_tf_kernels_notop.h5",
            URI.create("https://storage.googleapis.com/tensorflow/keras-applications/vgg16/"
                    + "vgg16_weights_tf_dim_ordering_tf_kernels_notop.h5"),
            "6d6bbae143d832006294945121d1f1fc");

    /**
     * Checks the values.
     *
     * @param fileName a plain file name, without folders; not null
     * @param url the address; not null
     * @param md5 32 hex digits of either case
     * @throws IllegalArgumentException when the name has a folder or the MD5 is malformed
     */
    public PublishedWeights {
        Objects.requireNonNull(fileName, "fileName");
        Objects.requireNonNull(url, "url");
        md5 = Objects.requireNonNull(md5, "md5").toLowerCase(Locale.ROOT);
        if (fileName.isEmpty() || fileName.contains("/") || fileName.contains("\\") || fileName.startsWith(".")) {
            throw new IllegalArgumentException("Not a plain file name: '" + fileName + "'");
        }
        if (!md5.matches("[0-9a-f]{32}")) {
            throw new IllegalArgumentException("Not an MD5 digest: '" + md5 + "' (expected 32 hex digits)");
        }
    }
}
