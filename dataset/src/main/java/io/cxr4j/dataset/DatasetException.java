package io.cxr4j.dataset;

import java.io.IOException;

/**
 * A data set cannot be loaded or obtained: a folder is missing or has the wrong layout, a download
 * failed, or a file does not match its checksum. The message says what went wrong, where, and
 * what to do about it.
 */
public class DatasetException extends IOException {

    private static final long serialVersionUID = 1L;

    /**
     * A failure without an underlying cause.
     *
     * @param message what went wrong, where, and what to do
     */
    public DatasetException(String message) {
        super(message);
    }

    /**
     * A failure caused by another exception.
     *
     * @param message what went wrong, where, and what to do
     * @param cause the underlying failure
     */
    public DatasetException(String message, Throwable cause) {
        super(message, cause);
    }
}
