package io.cxr4j.core.training;

import io.cxr4j.core.data.Sample;
import io.cxr4j.core.data.SkippedImage;
import io.cxr4j.core.data.XrayDataset;
import io.cxr4j.core.image.GrayImage;
import io.cxr4j.core.image.Preprocessor;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A data set decoded once and resized to the model's square input, kept in memory so that epochs
 * after the first never decode again. Images that cannot be decoded are reported and left out.
 *
 * @param images the usable images with their class index
 * @param skipped the images left out, with the reason
 */
public record PreparedImages(List<LabelledImage> images, List<SkippedImage> skipped) {

    private static final Logger LOG = LoggerFactory.getLogger(PreparedImages.class);

    /** Freezes the lists. */
    public PreparedImages {
        images = List.copyOf(images);
        skipped = List.copyOf(skipped);
    }

    /**
     * One decoded, resized image and its class.
     *
     * @param sample where it came from
     * @param image the square image at the model's input size
     * @param classIndex the label's index in the data set's class names
     */
    public record LabelledImage(Sample sample, GrayImage image, int classIndex) {}

    /**
     * Decodes and resizes every image of a data set, in parallel.
     *
     * @param dataset the data set
     * @param preprocessor the model's preprocessing
     * @return the usable images, in data-set order, and the skipped ones
     */
    public static PreparedImages prepare(XrayDataset dataset, Preprocessor preprocessor) {
        List<Sample> samples = dataset.samples();
        Object[] outcomes = new Object[samples.size()];
        IntStream.range(0, samples.size()).parallel().forEach(i -> {
            Sample sample = samples.get(i);
            try {
                outcomes[i] = new LabelledImage(
                        sample, preprocessor.load(sample.image()), dataset.classIndex(sample));
            } catch (IOException | RuntimeException e) {
                outcomes[i] = new SkippedImage(sample.image(), e.getMessage());
            }
        });
        List<LabelledImage> images = new ArrayList<>();
        List<SkippedImage> skipped = new ArrayList<>();
        for (Object outcome : outcomes) {
            if (outcome instanceof LabelledImage image) {
                images.add(image);
            } else {
                SkippedImage skip = (SkippedImage) outcome;
                LOG.warn("Skipping {}: {}", skip.image(), skip.reason());
                skipped.add(skip);
            }
        }
        if (images.isEmpty()) {
            throw new IllegalArgumentException("None of the " + samples.size() + " images of data set '"
                    + dataset.name() + "' could be read; first problem: "
                    + (skipped.isEmpty() ? "the data set is empty" : skipped.get(0).reason()));
        }
        return new PreparedImages(images, skipped);
    }

    /**
     * Images per class.
     *
     * @param classCount the number of classes
     * @return counts indexed by class
     */
    public int[] classCounts(int classCount) {
        int[] counts = new int[classCount];
        images.forEach(i -> counts[i.classIndex()]++);
        return counts;
    }
}
