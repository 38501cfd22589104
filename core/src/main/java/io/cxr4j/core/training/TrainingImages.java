package io.cxr4j.core.training;

import io.cxr4j.core.data.Sample;
import io.cxr4j.core.data.SkippedImage;
import io.cxr4j.core.image.Preprocessor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

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
        requireEveryClass(request, training, classCounts);
        return new TrainingImages(preprocessor, training, validation, List.copyOf(skipped), classCounts);
    }

    /**
     * Refuses to train when a class has no usable image: the model would learn never to predict
     * it, and nothing else would say so until its sensitivity came out as zero.
     */
    private static void requireEveryClass(TrainingRequest request, PreparedImages training, int[] classCounts) {
        List<String> classes = request.training().classNames();
        for (int c = 0; c < classCounts.length; c++) {
            if (classCounts[c] > 0) {
                continue;
            }
            String name = classes.get(c);
            int classIndex = c;
            Set<Path> ofClass = request.training().samples().stream()
                    .filter(sample -> request.training().classIndex(sample) == classIndex)
                    .map(Sample::image)
                    .collect(Collectors.toSet());
            List<SkippedImage> unreadable = training.skipped().stream()
                    .filter(skip -> ofClass.contains(skip.image()))
                    .toList();
            if (unreadable.isEmpty()) {
                throw new IllegalArgumentException("Data set '" + request.training().name() + "' has no training"
                        + " image of class '" + name + "', so the model could never learn it. Add images of the class,"
                        + " or leave the class out of the label set.");
            }
            throw new IllegalArgumentException("No training image of class '" + name + "' in data set '"
                    + request.training().name() + "' could be read (" + unreadable.size() + " unreadable; first: "
                    + unreadable.get(0).image() + ": " + unreadable.get(0).reason() + "), so the model could never"
                    + " learn it. Replace or convert those files, or leave the class out.");
        }
    }
}
