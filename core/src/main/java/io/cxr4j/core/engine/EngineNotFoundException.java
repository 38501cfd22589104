package io.cxr4j.core.engine;

/** No engine, or not the requested one, is on the classpath. */
public class EngineNotFoundException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what was looked for, what was found and which artifact to add
     */
    public EngineNotFoundException(String message) {
        super(message);
    }
}
