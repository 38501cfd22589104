package io.cxr4j.core.data;

import java.util.List;

/**
 * The outcome of classifying many images: the predictions, and the images that could not be read,
 * which were reported and skipped instead of failing the whole batch.
 *
 * @param predictions one per readable image, in input order
 * @param skipped the unreadable images with the reason
 */
public record BatchPredictions(List<Prediction> predictions, List<SkippedImage> skipped) {

    /**
     * Freezes the lists.
     *
     * @param predictions one per readable image, in input order; copied
     * @param skipped the unreadable images with the reason; copied
     */
    public BatchPredictions {
        predictions = List.copyOf(predictions);
        skipped = List.copyOf(skipped);
    }
}
