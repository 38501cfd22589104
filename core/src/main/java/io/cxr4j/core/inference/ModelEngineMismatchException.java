package io.cxr4j.core.inference;

/**
 * A model is loaded with another engine than the one that wrote it; {@link
 * io.cxr4j.core.engine.ModelConverter} can rewrite it for that engine.
 */
public class ModelEngineMismatchException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String modelEngine;
    private final String requestedEngine;

    /**
     * Creates the exception.
     *
     * @param message which model, which engines, and the ways out in API terms
     * @param modelEngine the engine that wrote the model
     * @param requestedEngine the engine it was to be loaded with
     */
    public ModelEngineMismatchException(String message, String modelEngine, String requestedEngine) {
        super(message);
        this.modelEngine = modelEngine;
        this.requestedEngine = requestedEngine;
    }

    /** @return the engine that wrote the model */
    public String modelEngine() {
        return modelEngine;
    }

    /** @return the engine the model was to be loaded with, which a conversion would target */
    public String requestedEngine() {
        return requestedEngine;
    }
}
