package io.cxr4j.core.engine;

import java.util.Optional;

/** No engine, or not the requested one, is on the classpath. */
public class EngineNotFoundException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String conversionTarget;

    /**
     * Creates the exception.
     *
     * @param message what was looked for, what was found and which artifact to add
     */
    public EngineNotFoundException(String message) {
        this(message, null);
    }

    /**
     * Creates the exception for a model whose engine is missing but which could be converted for an
     * engine that is present.
     *
     * @param message what was looked for, what was found and which artifact to add
     * @param conversionTarget the engine on the classpath the model could be converted for, or null
     */
    public EngineNotFoundException(String message, String conversionTarget) {
        super(message);
        this.conversionTarget = conversionTarget;
    }

    /** @return the engine on the classpath that the model could be converted for with {@link ModelConverter} */
    public Optional<String> conversionTarget() {
        return Optional.ofNullable(conversionTarget);
    }
}
