package io.cxr4j.experiment;

import java.util.Map;

/**
 * Published results on the named data sets, which reports set beside their own numbers: the seed
 * project's single 70/30 split, and DarkCovidNet's 5-fold cross-validation.
 */
final class PublishedResults {

    private static final Map<String, Map<String, Object>> TRAIN_TEST = Map.of("seed", Map.of(
            "source", "github.com/hardiknahata/COVID-19-Detection (Keras VGG16 pretrained on ImageNet)",
            "testSize", 15, "accuracy", 0.93, "sensitivity", 1.00, "specificity", 0.88));

    private static final Map<String, Map<String, Object>> CROSS_VALIDATION = Map.of("darkcovidnet", Map.of(
            "source", "Ozturk et al. 2020, Comput Biol Med 121:103792 (DarkCovidNet, 5-fold cross-validation)",
            "binaryAccuracy", 0.9808, "threeClassAccuracy", 0.8702));

    private PublishedResults() {}

    /** @return the published train/test result on a data set, empty when there is none */
    static Map<String, Object> trainTest(String datasetName) {
        return TRAIN_TEST.getOrDefault(datasetName, Map.of());
    }

    /** @return the published cross-validation result on a data set, empty when there is none */
    static Map<String, Object> crossValidation(String datasetName) {
        return CROSS_VALIDATION.getOrDefault(datasetName, Map.of());
    }
}
