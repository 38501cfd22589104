package io.cxr4j.core.explain;

import io.cxr4j.core.image.ResizeMode;
import java.util.Objects;

/**
 * How an {@link Explanation} was made, so that a heat map can be judged and reproduced.
 *
 * @param method the explanation method, {@value #GRAD_CAM}
 * @param engine the engine whose autograd computed the gradients, such as {@code pytorch}
 * @param architecture the network, such as {@code darkcovidnet}
 * @param targetLayer the block whose feature maps were weighted
 * @param featureMapWidth the width of those feature maps, the heat map's true resolution
 * @param featureMapHeight their height
 * @param resizeMode how the image was made square, and so how the map was mapped back onto it
 */
public record ExplanationMetadata(String method, String engine, String architecture, String targetLayer,
        int featureMapWidth, int featureMapHeight, ResizeMode resizeMode) {

    /** The method name of gradient-weighted class activation mapping (Selvaraju et al. 2017). */
    public static final String GRAD_CAM = "Grad-CAM";

    /**
     * Checks that every field is present.
     *
     * @param method the explanation method, {@value #GRAD_CAM}; not null
     * @param engine the engine whose autograd computed the gradients; not null
     * @param architecture the network; not null
     * @param targetLayer the block whose feature maps were weighted; not null
     * @param featureMapWidth the width of those feature maps in cells
     * @param featureMapHeight their height in cells
     * @param resizeMode how the image was made square; not null
     */
    public ExplanationMetadata {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(engine, "engine");
        Objects.requireNonNull(architecture, "architecture");
        Objects.requireNonNull(targetLayer, "targetLayer");
        Objects.requireNonNull(resizeMode, "resizeMode");
    }
}
