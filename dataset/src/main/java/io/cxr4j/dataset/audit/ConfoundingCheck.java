package io.cxr4j.dataset.audit;

import java.util.List;
import java.util.Map;

/**
 * How well a trivial classifier predicts the class from file properties alone (no pixels),
 * cross-validated. If it does well, the classes differ in how their images were made or stored,
 * and a network can learn that shortcut instead of the disease.
 *
 * <p>The classifier is a decision tree of depth at most 3 on {@link #features()}, scored by
 * stratified k-fold cross-validation (grouped by patient when patient ids are known), so that
 * every image is predicted by a tree that never saw it.
 *
 * @param performed whether the check ran; when {@code false}, {@link #note()} says why
 * @param note why the check did not run, or what it found, in a sentence
 * @param features the file properties used
 * @param folds the number of cross-validation folds
 * @param accuracy the share of images whose class was predicted right
 * @param balancedAccuracy the mean over classes of the share of each class predicted right
 * @param majorityAccuracy the accuracy of always predicting the largest class: its share of the images
 * @param chanceBalancedAccuracy the balanced accuracy of guessing, 1 / number of classes
 * @param recallPerClass per class, the share of its images predicted right
 * @param precisionPerClass per class, the share of the images predicted as it that belong to it
 * @param identifiableClasses classes recognised from file properties alone: recall and precision
 *     both at least 0.8 (one class set apart from the rest, as COVID-19 images from another
 *     source are)
 * @param rule the tree's first split when trained on all images, such as {@code aspect ratio <=
 *     1.01}
 * @param warning whether the balanced accuracy is at least halfway from chance to perfect, or a
 *     class is identifiable
 */
public record ConfoundingCheck(boolean performed, String note, List<String> features, int folds,
        double accuracy, double balancedAccuracy, double majorityAccuracy,
        double chanceBalancedAccuracy, Map<String, Double> recallPerClass,
        Map<String, Double> precisionPerClass, List<String> identifiableClasses, String rule,
        boolean warning) {

    static ConfoundingCheck skipped(String note, List<String> features) {
        return new ConfoundingCheck(false, note, features, 0, 0, 0, 0, 0, Map.of(), Map.of(), List.of(),
                null, false);
    }
}
