package io.cxr4j.core.model;

import java.util.Map;

/**
 * How and from what a model was made.
 *
 * @param createdAt ISO-8601 instant the model was written
 * @param cxr4jVersion the cxr4j version that trained it
 * @param djlVersion the DJL version used
 * @param engineVersion the native engine's version, such as PyTorch 2.7.1
 * @param datasetName the training data set's name
 * @param trainingImages how many images were trained on
 * @param trainingClassCounts training images per class
 * @param trainingSeconds wall-clock training time
 * @param javaVersion the JVM version
 * @param platform operating system and architecture
 */
public record Provenance(
        String createdAt,
        String cxr4jVersion,
        String djlVersion,
        String engineVersion,
        String datasetName,
        int trainingImages,
        Map<String, Integer> trainingClassCounts,
        double trainingSeconds,
        String javaVersion,
        String platform) {

    /** Freezes the map. */
    public Provenance {
        trainingClassCounts = Map.copyOf(trainingClassCounts);
    }
}
