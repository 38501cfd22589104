package io.cxr4j.core.training;

import io.cxr4j.core.data.SkippedImage;
import io.cxr4j.core.image.Preprocessor;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The decoded images of a training request, prepared the same way for every engine: training and
 * validation images decoded once with the model's preprocessing (cached on disk when they do not
 * fit the heap), unreadable ones collected, and the class counts the loss weights come from.
 *
 * @param preprocessor the model's preprocessing
 * @param training the usable training images
 * @param validation the usable validation images, or null without validation data
 * @param skipped every training or validation image left out, with the reason
 * @param classCounts usable training images per class, in class order
 */
public record TrainingImages(Preprocessor preprocessor, PreparedImages training, PreparedImages validation,
        List<SkippedImage> skipped, int[] classCounts) {

    /**
     * Decodes the images of a request.
     *
     * @param request the training request
     * @return the prepared images
     * @throws IOException when the disk cache cannot be written
     */
    public static TrainingImages prepare(TrainingRequest request) throws IOException {
        Preprocessor preprocessor = new Preprocessor(request.config().preprocessing());
        ImageCache cache = ImageCache.defaults();
        PreparedImages training = PreparedImages.prepare(request.training(), preprocessor, cache);
        PreparedImages validation = request.validationData().isPresent()
                ? PreparedImages.prepare(request.validationData().get(), preprocessor, cache)
                : null;
        List<SkippedImage> skipped = new ArrayList<>(training.skipped());
        if (validation != null) {
            skipped.addAll(validation.skipped());
        }
        int[] classCounts = training.classCounts(request.training().classNames().size());
        return new TrainingImages(preprocessor, training, validation, List.copyOf(skipped), classCounts);
    }
}
