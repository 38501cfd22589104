package io.cxr4j.core.engine;

import io.cxr4j.core.config.Precision;

/**
 * An engine cannot train in the configured number format at all, on any processor; thrown by
 * {@link CxrEngine#checkTrainable} before any image is read.
 */
public class UnsupportedPrecisionException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String engine;
    private final transient Precision precision;

    /**
     * Creates the exception with a message that names the number formats the engine trains in.
     *
     * @param engine the engine's name
     * @param precision the configured number format
     * @param message what the engine trains in and what to use instead, in API terms
     */
    public UnsupportedPrecisionException(String engine, Precision precision, String message) {
        super(message);
        this.engine = engine;
        this.precision = precision;
    }

    /** @return the engine that cannot train in {@link #precision()} */
    public String engine() {
        return engine;
    }

    /** @return the configured number format */
    public Precision precision() {
        return precision;
    }
}
