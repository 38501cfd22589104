package io.cxr4j.pretrained;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * A pretrained weights file cannot be had or used: it is missing and cannot be downloaded, differs
 * from the published file, is not HDF5, is truncated or damaged, or does not hold the network's
 * layers in the expected shapes. The message names the file, the layer where there is one, and
 * what to do.
 */
public class WeightsFileException extends IOException {

    private static final long serialVersionUID = 1L;

    /** The file concerned. */
    private final transient Path file;

    /** The layer concerned, or null for the file as a whole. */
    private final String layer;

    /**
     * A problem with a file as a whole or with one of its layers.
     *
     * @param file the file concerned; not null
     * @param layer the Keras name of the layer concerned, or {@code null} for the whole file
     * @param message what is wrong and what to do; the file and layer are already in it
     * @param cause the underlying failure, or {@code null}
     */
    public WeightsFileException(Path file, String layer, String message, Throwable cause) {
        super(message, cause);
        this.file = Objects.requireNonNull(file, "file");
        this.layer = layer;
    }

    /** @return the file concerned */
    public Path file() {
        return file;
    }

    /** @return the Keras name of the layer concerned, or empty when the problem is the whole file */
    public Optional<String> layer() {
        return Optional.ofNullable(layer);
    }
}
