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
 * A data set decoded once and resized to the model's square input, cached so that epochs after
 * the first never decode again: in memory, or with {@link #prepare(XrayDataset, Preprocessor,
 * ImageCache)} in a memory-mapped file when the images exceed the cache's memory budget. Either
 * way {@link #images()} returns the same pixels. Images that cannot be decoded are reported and
 * left out.
 *
 * @param images the usable images with their class index
 * @param skipped the images left out, with the reason
 */
public record PreparedImages(List<LabelledImage> images, List<SkippedImage> skipped) {

    private static final Logger LOG = LoggerFactory.getLogger(PreparedImages.class);

    /**
     * Freezes the lists; a disk-backed image list is kept as it is, since copying it would read every
     * image.
     *
     * @param images the usable images with their class index
     * @param skipped the images left out, with the reason; copied
     */
    public PreparedImages {
        // A disk-backed list reads each image on access; copying it would load them all.
        images = images instanceof DiskImages.View ? images : List.copyOf(images);
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
     * Decodes and resizes every image of a data set, in parallel, and keeps them in memory.
     *
     * @param dataset the data set
     * @param preprocessor the model's preprocessing
     * @return the usable images, in data-set order, and the skipped ones
     */
    public static PreparedImages prepare(XrayDataset dataset, Preprocessor preprocessor) {
        return decode(dataset, preprocessor, null);
    }

    /**
     * Decodes and resizes every image of a data set, in parallel, and keeps them in memory if they
     * fit the cache's budget, else in a memory-mapped file written as they are decoded (so the
     * heap never holds them all).
     *
     * @param dataset the data set
     * @param preprocessor the model's preprocessing
     * @param cache where the decoded images are kept
     * @return the usable images, in data-set order, and the skipped ones
     * @throws IOException when the cache file cannot be created
     */
    public static PreparedImages prepare(XrayDataset dataset, Preprocessor preprocessor, ImageCache cache)
            throws IOException {
        int side = preprocessor.spec().imageSize();
        if (cache.fitsInMemory(dataset.size(), side)) {
            return decode(dataset, preprocessor, null);
        }
        return decode(dataset, preprocessor, DiskImages.create(cache, dataset.size(), side));
    }

    private static PreparedImages decode(XrayDataset dataset, Preprocessor preprocessor, DiskImages disk) {
        List<Sample> samples = dataset.samples();
        Object[] outcomes = new Object[samples.size()];
        IntStream.range(0, samples.size()).parallel().forEach(i -> {
            Sample sample = samples.get(i);
            try {
                GrayImage image = preprocessor.load(sample.image());
                if (disk != null) {
                    disk.write(i, image);
                    // The pixels now live in slot i; the heap keeps only the label.
                    image = null;
                }
                outcomes[i] = new LabelledImage(sample, image, dataset.classIndex(sample));
            } catch (IOException | RuntimeException e) {
                outcomes[i] = SkippedImage.of(sample.image(), e);
            }
        });
        List<LabelledImage> images = new ArrayList<>();
        List<Integer> slots = new ArrayList<>();
        List<SkippedImage> skipped = new ArrayList<>();
        for (int i = 0; i < outcomes.length; i++) {
            if (outcomes[i] instanceof LabelledImage image) {
                images.add(image);
                slots.add(i);
            } else {
                SkippedImage skip = (SkippedImage) outcomes[i];
                LOG.debug("Skipping {}: {}", skip.image(), skip.reason());
                skipped.add(skip);
            }
        }
        if (!skipped.isEmpty() && !images.isEmpty()) {
            // One line here; each image with its reason is in the result for the caller to report.
            LOG.warn("{} of {} images of '{}' could not be read and were left out, the first: {}", skipped.size(),
                    samples.size(), dataset.name(), skipped.get(0).image());
        }
        if (images.isEmpty()) {
            throw new IllegalArgumentException("None of the " + samples.size() + " images of data set '"
                    + dataset.name() + "' could be read; first problem: "
                    + (skipped.isEmpty() ? "the data set is empty" : skipped.get(0).reason()));
        }
        if (disk == null) {
            return new PreparedImages(images, skipped);
        }
        return new PreparedImages(disk.view(images.stream().map(LabelledImage::sample).toList(),
                images.stream().mapToInt(LabelledImage::classIndex).toArray(),
                slots.stream().mapToInt(Integer::intValue).toArray()), skipped);
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
