package io.cxr4j.core.data;

import ai.djl.modality.Classifications;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * A model's answer for one image: the probability of every class and the most probable one.
 *
 * @param image the image that was classified
 * @param classNames the model's classes, in output order
 * @param probabilities one probability per class, in the same order, summing to 1
 */
public record Prediction(Path image, List<String> classNames, List<Double> probabilities) {

    /**
     * Checks that names and probabilities match.
     *
     * @param image the image that was classified; not null
     * @param classNames the model's classes in output order, at least one; copied
     * @param probabilities one probability per class, in the same order; copied
     * @throws IllegalArgumentException when there are no classes or the two lists differ in length
     */
    public Prediction {
        Objects.requireNonNull(image, "image");
        classNames = List.copyOf(classNames);
        probabilities = List.copyOf(probabilities);
        if (classNames.size() != probabilities.size() || classNames.isEmpty()) {
            throw new IllegalArgumentException(classNames.size() + " class names but "
                    + probabilities.size() + " probabilities for " + image);
        }
    }

    /**
     * A prediction from DJL's classification output.
     *
     * @param image the image that was classified
     * @param classifications DJL's output, with probabilities in class order
     * @return the prediction
     */
    public static Prediction of(Path image, Classifications classifications) {
        return new Prediction(image, classifications.getClassNames(), classifications.getProbabilities());
    }

    /** @return the index of the most probable class (the lower index on a tie) */
    public int predictedIndex() {
        int best = 0;
        for (int i = 1; i < probabilities.size(); i++) {
            if (probabilities.get(i) > probabilities.get(best)) {
                best = i;
            }
        }
        return best;
    }

    /** @return the most probable class */
    public String label() {
        return classNames.get(predictedIndex());
    }

    /**
     * The probability of one class.
     *
     * @param className one of {@link #classNames()}
     * @return its probability
     */
    public double probability(String className) {
        int index = classNames.indexOf(className);
        if (index < 0) {
            throw new IllegalArgumentException("Unknown class '" + className + "'; the model's classes are "
                    + classNames);
        }
        return probabilities.get(index);
    }

    /** @return the probabilities as a float array in class order, for metric accumulators */
    public float[] probabilityArray() {
        float[] array = new float[probabilities.size()];
        for (int i = 0; i < array.length; i++) {
            array[i] = probabilities.get(i).floatValue();
        }
        return array;
    }

    /** @return the same result as DJL {@link Classifications} */
    public Classifications asClassifications() {
        return new Classifications(classNames, probabilities);
    }
}
