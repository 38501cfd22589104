package io.cxr4j.core.training;

import io.cxr4j.core.data.SkippedImage;
import io.cxr4j.core.data.Prediction;
import io.cxr4j.core.model.ModelManifest;
import java.nio.file.Path;
import java.util.List;

/**
 * What a finished training run produced.
 *
 * @param modelDirectory where the model was written
 * @param manifest the written model's manifest
 * @param history per-epoch loss and accuracy
 * @param skipped training or validation images that could not be read and were left out
 * @param validationPredictions the trained network's predictions for the validation images, made
 *     in memory before the model was written (empty without validation data); a reloaded model
 *     must reproduce them
 */
public record TrainingResult(
        Path modelDirectory,
        ModelManifest manifest,
        TrainingHistory history,
        List<SkippedImage> skipped,
        List<Prediction> validationPredictions) {

    /**
     * Freezes the lists.
     *
     * @param modelDirectory where the model was written
     * @param manifest the written model's manifest
     * @param history per-epoch loss and accuracy
     * @param skipped training or validation images that could not be read and were left out; copied
     * @param validationPredictions the trained network's predictions for the validation images, empty
     *     without validation data; copied
     */
    public TrainingResult {
        skipped = List.copyOf(skipped);
        validationPredictions = List.copyOf(validationPredictions);
    }
}
