package io.cxr4j.core.explain;

/**
 * Thrown when a model's engine cannot compute Grad-CAM. Engines compute the gradients with their
 * own autograd and never borrow another engine's, so the only remedy is an engine that supports it.
 */
public class ExplanationUnsupportedException extends UnsupportedOperationException {

    private static final long serialVersionUID = 1L;

    /**
     * @param engine the engine that loaded the model
     * @param architecture the model's architecture
     */
    public ExplanationUnsupportedException(String engine, String architecture) {
        super("The '" + engine + "' engine cannot explain predictions of model '" + architecture
                + "': its loaded models do not implement io.cxr4j.core.engine.GradCamModel, and cxr4j never"
                + " computes one engine's gradients with another. Convert the model to an engine that supports"
                + " Grad-CAM (ModelConverter.convert to pytorch or tensorflow), or add Grad-CAM to the '" + engine + "' engine.");
    }
}
