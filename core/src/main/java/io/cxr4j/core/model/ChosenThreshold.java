package io.cxr4j.core.model;

import java.util.List;
import java.util.Objects;

/**
 * The decision threshold a training run chose on validation images for a target sensitivity, kept
 * with the model ({@link ModelManifest#chosenThreshold()}) so that a later evaluation can report it
 * on images of any source, and so that the model says where its threshold came from: from a part
 * carved out of its own training data (the sources it trained on), or from separate validation data
 * of sources it never trained on. A threshold chosen on a source makes that source a development
 * source: its figures there are not an external test.
 *
 * @param positiveClass the class called positive when {@code p(positiveClass) >= threshold}
 * @param threshold the lowest probability called positive
 * @param targetSensitivity the sensitivity the threshold was chosen to reach, in (0, 1]
 * @param validationData the name of the data the threshold was chosen on
 * @param carvedFromTraining true when the validation images were carved from the training data,
 *     false when they were separate validation data
 * @param validationSources the validation images per source and class
 * @param trainingSourcesAmong the validation sources the model also trained on; empty when the
 *     threshold was chosen on sources the model never trained on
 * @param validationSensitivity the sensitivity the threshold reached on the validation images
 * @param validationSpecificity the specificity it reached there; its value is null when the
 *     validation images have no negatives (such as a source of COVID-19 images only)
 */
public record ChosenThreshold(
        String positiveClass,
        double threshold,
        double targetSensitivity,
        String validationData,
        boolean carvedFromTraining,
        List<SourceImages> validationSources,
        List<String> trainingSourcesAmong,
        RecordedEvaluation.Estimate validationSensitivity,
        RecordedEvaluation.Estimate validationSpecificity) {

    /**
     * Checks the required fields and freezes the lists.
     *
     * @param positiveClass the class called positive; not null
     * @param threshold the lowest probability called positive, in [0, 1]
     * @param targetSensitivity the sensitivity it was chosen to reach
     * @param validationData the name of the validation data; not null
     * @param carvedFromTraining whether the validation images came from the training data
     * @param validationSources the validation images per source and class; copied
     * @param trainingSourcesAmong the validation sources the model also trained on; copied
     * @param validationSensitivity the sensitivity on the validation images; not null
     * @param validationSpecificity the specificity on the validation images; not null
     */
    public ChosenThreshold {
        Objects.requireNonNull(positiveClass, "positiveClass");
        Objects.requireNonNull(validationData, "validationData");
        Objects.requireNonNull(validationSensitivity, "validationSensitivity");
        Objects.requireNonNull(validationSpecificity, "validationSpecificity");
        if (!(threshold >= 0 && threshold <= 1)) {
            throw new IllegalArgumentException("A threshold on a probability must be in [0, 1], got " + threshold);
        }
        validationSources = List.copyOf(validationSources);
        trainingSourcesAmong = List.copyOf(trainingSourcesAmong);
    }

    /** @return whether the threshold was chosen on sources the model never trained on */
    public boolean fromUnseenSources() {
        return !carvedFromTraining && trainingSourcesAmong.isEmpty();
    }
}
