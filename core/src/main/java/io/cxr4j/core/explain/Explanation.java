package io.cxr4j.core.explain;

import io.cxr4j.core.data.Prediction;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Where a network looked when it scored one image for one class: a Grad-CAM heat map at the
 * model's input resolution and mapped back onto the original image, with the prediction and how
 * the map was made. Made by {@link io.cxr4j.core.inference.XrayClassifier#explain}.
 *
 * @param image the explained image file
 * @param className the explained class
 * @param classIndex its index in the model's output
 * @param prediction the model's probabilities for the image
 * @param inputHeatMap the heat map over the model's square input ({@code imageSize x imageSize})
 * @param heatMap the heat map over the original image, in its width and height, mapped back as the
 *     preprocessing's resize mode requires (see {@link HeatMap#toOriginal})
 * @param metadata engine, architecture, target layer and feature-map size
 */
public record Explanation(Path image, String className, int classIndex, Prediction prediction,
        HeatMap inputHeatMap, HeatMap heatMap, ExplanationMetadata metadata) {

    /**
     * Checks that the class matches the prediction's classes.
     *
     * @param image the explained image file; not null
     * @param className the explained class, the prediction's class at {@code classIndex}
     * @param classIndex its index in the model's output
     * @param prediction the model's probabilities for the image; not null
     * @param inputHeatMap the heat map over the model's square input; not null
     * @param heatMap the heat map over the original image; not null
     * @param metadata how the map was made; not null
     * @throws IllegalArgumentException when {@code classIndex} is out of range or names another class
     */
    public Explanation {
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(prediction, "prediction");
        Objects.requireNonNull(inputHeatMap, "inputHeatMap");
        Objects.requireNonNull(heatMap, "heatMap");
        Objects.requireNonNull(metadata, "metadata");
        if (classIndex < 0 || classIndex >= prediction.classNames().size()
                || !prediction.classNames().get(classIndex).equals(className)) {
            throw new IllegalArgumentException("Class '" + className + "' at index " + classIndex
                    + " is not one of the model's classes " + prediction.classNames());
        }
    }

    /** @return the smallest raw Grad-CAM value over the model input */
    public float min() {
        return inputHeatMap.min();
    }

    /** @return the largest raw Grad-CAM value over the model input; 0 when no region supports the class */
    public float max() {
        return inputHeatMap.max();
    }

    /** @return whether the explained class is the predicted one */
    public boolean explainsPrediction() {
        return classIndex == prediction.predictedIndex();
    }
}
