package io.cxr4j.core.training;

import io.cxr4j.core.image.AugmentationSpec;
import io.cxr4j.core.image.Augmenter;
import io.cxr4j.core.image.GrayImage;
import io.cxr4j.core.image.PreprocessingSpec;
import io.cxr4j.core.image.Preprocessor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.IntStream;

/**
 * Prepared images cut into batches of plain float arrays, one epoch per call to {@link
 * #nextEpoch}, with that epoch's own seeded shuffle and augmentation. Each image's random draws
 * depend only on the seed, the epoch and the image's position (and, with {@link #sourceBalanced}
 * draws, on how often the epoch drew the image before), so the sequence is the same on
 * every machine and engine however many threads augment. A training epoch whose last batch would
 * hold a single image puts it into the batch before instead: batch normalisation cannot train on
 * one value per channel (the case on DarkCovidNet's 1 x 1 last maps below 64 px).
 * Engines without DJL's training API (such
 * as TensorFlow graph mode) read these arrays directly; {@link AugmentedDataset} wraps them for
 * DJL's {@code Trainer}.
 */
public final class AugmentedBatches {

    private final PreparedImages prepared;
    private final Preprocessor preprocessor;
    private final Augmenter augmenter;
    private final int batchSize;
    private final long seed;
    private final boolean training;
    /** Each image's fixed tensor ({@link #precomputed}), or null to make tensors from the images. */
    private final float[][] fixed;
    /** The draws of {@link #sourceBalanced} batches, or null for every image once per epoch. */
    private final SourceBalancedDraws draws;
    private int epoch;

    /**
     * One batch of channel-first input tensors and their classes.
     *
     * @param data {@code size} tensors laid out one after the other, each of the preprocessing
     *     spec's {@link io.cxr4j.core.image.PreprocessingSpec#tensorLength() tensor length}, or of
     *     the length of the {@link #precomputed} tensors
     * @param classIndices the class index of each tensor
     * @param indices each tensor's position in the prepared images
     */
    public record Batch(float[] data, int[] classIndices, List<Integer> indices) {

        /**
         * Freezes the index list.
         *
         * @param data the batch's tensors laid out one after the other, each of the same length
         * @param classIndices the class index of each tensor
         * @param indices each tensor's position in the prepared images; copied
         */
        public Batch {
            indices = List.copyOf(indices);
        }

        /** @return the number of images in the batch */
        public int size() {
            return classIndices.length;
        }
    }

    /**
     * Creates the batches.
     *
     * @param prepared the decoded images
     * @param preprocessor turns a square image into the model's tensor
     * @param augmentation random changes applied when {@code training}
     * @param batchSize images per batch
     * @param seed seeds shuffling and augmentation
     * @param training whether to shuffle and augment (training) or keep order unchanged (validation)
     */
    public AugmentedBatches(PreparedImages prepared, Preprocessor preprocessor,
            AugmentationSpec augmentation, int batchSize, long seed, boolean training) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be at least 1, was " + batchSize);
        }
        this.prepared = prepared;
        this.preprocessor = preprocessor;
        this.augmenter = new Augmenter(augmentation);
        this.batchSize = batchSize;
        this.seed = seed;
        this.training = training;
        this.fixed = null;
        this.draws = null;
    }

    private AugmentedBatches(AugmentedBatches images, float[][] fixed, SourceBalancedDraws draws) {
        this.prepared = images.prepared;
        this.preprocessor = images.preprocessor;
        this.augmenter = images.augmenter;
        this.batchSize = images.batchSize;
        this.seed = images.seed;
        this.training = images.training;
        this.fixed = fixed;
        this.draws = draws;
        this.epoch = images.epoch;
    }

    /**
     * These training batches with each epoch drawn by {@link SourceBalancedDraws} ({@link
     * io.cxr4j.core.config.Sampling#SOURCE_BALANCED}) instead of every image once: the epoch keeps
     * its size and each class its draws, and an image drawn twice in one epoch is augmented
     * differently each time.
     *
     * @return the source-balanced batches
     * @throws IllegalStateException for validation batches, which score every image once
     */
    public AugmentedBatches sourceBalanced() {
        if (!training) {
            throw new IllegalStateException("Source-balanced draws are for training batches; validation batches"
                    + " score every image once");
        }
        return new AugmentedBatches(this, fixed, new SourceBalancedDraws(prepared.images()));
    }

    /**
     * These batches over a fixed function of each image, computed once here: the features a frozen
     * network base computes, so that epochs train the layers after it only. The function runs on
     * the unaugmented images in their order, in batches of the batch size, each time on one
     * batch's tensors, and must not depend on the batch an image is in. The batches returned keep
     * this sequence's shuffles, batch cuts and epoch count (after {@link #skipEpochs} too); their
     * tensors are the function's rows.
     *
     * @param function maps a batch of {@code n} image tensors to {@code n} rows of equal length,
     *     laid out one after the other
     * @return batches of the function's values, in this sequence's order
     * @throws IllegalStateException when these batches augment the images, whose tensors then
     *     differ from epoch to epoch
     */
    public AugmentedBatches precomputed(Function<Batch, float[]> function) {
        if (training && !augmenter.spec().isNone()) {
            throw new IllegalStateException("Precomputed tensors need training batches without augmentation, "
                    + "which changes each image in every epoch");
        }
        float[][] rows = new float[size()][];
        AugmentedBatches unaugmented = new AugmentedBatches(prepared, preprocessor, AugmentationSpec.none(),
                batchSize, seed, false);
        for (Batch batch : unaugmented.nextEpoch()) {
            float[] values = function.apply(batch);
            if (values.length % batch.size() != 0) {
                throw new IllegalArgumentException("The function gave " + values.length + " values for "
                        + batch.size() + " images; it must give one row of equal length per image");
            }
            int length = values.length / batch.size();
            for (int i = 0; i < batch.size(); i++) {
                rows[batch.indices().get(i)] = Arrays.copyOfRange(values, i * length, (i + 1) * length);
            }
        }
        return new AugmentedBatches(this, rows, draws);
    }

    /**
     * The shape of one tensor of a batch: {@code channels, size, size} for images, {@code length}
     * for {@link #precomputed} rows.
     *
     * @return the dimensions, outermost first
     */
    public long[] tensorShape() {
        if (fixed != null) {
            return new long[] {fixed.length == 0 ? 0 : fixed[0].length};
        }
        PreprocessingSpec spec = preprocessor.spec();
        return new long[] {spec.channels(), spec.imageSize(), spec.imageSize()};
    }

    private int tensorLength() {
        return fixed == null ? preprocessor.spec().tensorLength() : Math.toIntExact(tensorShape()[0]);
    }

    /**
     * Continues the epoch sequence after a resumed run's completed epochs, so shuffling and
     * augmentation are those an uninterrupted run would have used.
     *
     * @param completedEpochs epochs already trained
     */
    public void skipEpochs(int completedEpochs) {
        epoch += completedEpochs;
    }

    /** @return the preprocessing that makes the tensors */
    public Preprocessor preprocessor() {
        return preprocessor;
    }

    /** @return the number of images per epoch */
    public int size() {
        return prepared.images().size();
    }

    /** @return the number of batches per epoch */
    public int batchesPerEpoch() {
        int batches = (size() + batchSize - 1) / batchSize;
        return mergesLastImage() ? batches - 1 : batches;
    }

    /** Whether a training epoch's single last image joins the batch before it. */
    private boolean mergesLastImage() {
        return training && size() > batchSize && size() % batchSize == 1;
    }

    /**
     * The batches of the next epoch; the first call is epoch 0. Tensors are made lazily, one batch
     * at a time, as the iterator advances.
     *
     * @return the epoch's batches, in training order
     */
    public Iterable<Batch> nextEpoch() {
        int thisEpoch = epoch++;
        if (draws != null) {
            return () -> new BatchIterator(draws.epoch(new Random(mix(seed, thisEpoch, -1))), thisEpoch);
        }
        List<Integer> order = new ArrayList<>(IntStream.range(0, size()).boxed().toList());
        if (training) {
            Collections.shuffle(order, new Random(mix(seed, thisEpoch, -1)));
        }
        return () -> new BatchIterator(order, thisEpoch);
    }

    /**
     * The batches of the next epoch, made by a background thread at most {@code depth} batches
     * ahead of the consumer, so that augmentation overlaps the engine's compute. The batches are
     * exactly those of {@link #nextEpoch()}: every image's random draws depend only on the seed,
     * the epoch and the image, never on timing.
     *
     * @param depth the number of finished batches that may wait, at least 1
     * @return the epoch's batches; each iterator starts its own thread, which ends with the epoch
     *     or when the iterator is closed or dropped
     */
    public Iterable<Batch> nextEpoch(int depth) {
        if (depth < 1) {
            throw new IllegalArgumentException("Prefetch depth must be at least 1, but is " + depth);
        }
        Iterable<Batch> epochBatches = nextEpoch();
        return () -> new BatchPrefetcher<>(epochBatches.iterator(), depth);
    }

    /**
     * @param occurrence how many times the epoch drew this image before (0 but under source-balanced
     *     draws), so that each draw of an image is augmented differently
     */
    private float[] tensor(int index, int occurrence, int epochNumber) {
        if (fixed != null) {
            return fixed[index];
        }
        GrayImage image = prepared.images().get(index).image();
        if (training) {
            long draw = index + (long) occurrence * size();
            image = augmenter.apply(image, new Random(mix(seed, epochNumber, draw)));
        }
        return preprocessor.toTensor(image);
    }

    private static long mix(long seed, int epoch, long index) {
        long h = seed * 0x9E3779B97F4A7C15L + epoch * 0xBF58476D1CE4E5B9L + index * 0x94D049BB133111EBL;
        return h ^ (h >>> 31);
    }

    private final class BatchIterator implements Iterator<Batch> {
        private final List<Integer> order;
        /** For each draw of {@link #order}, how many times the epoch drew its image before. */
        private final int[] occurrences;
        private final int epochNumber;
        private int position;

        BatchIterator(List<Integer> order, int epochNumber) {
            this.order = order;
            this.epochNumber = epochNumber;
            this.occurrences = new int[order.size()];
            int[] drawn = new int[size()];
            for (int i = 0; i < order.size(); i++) {
                occurrences[i] = drawn[order.get(i)]++;
            }
        }

        @Override
        public boolean hasNext() {
            return position < order.size();
        }

        @Override
        public Batch next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            int end = Math.min(position + batchSize, order.size());
            if (mergesLastImage() && end == order.size() - 1) {
                end = order.size();
            }
            List<Integer> indices = order.subList(position, end);
            int first = position;
            int n = indices.size();
            int length = tensorLength();
            float[] data = new float[n * length];
            int[] classes = new int[n];
            IntStream.range(0, n).parallel().forEach(i -> {
                int index = indices.get(i);
                System.arraycopy(tensor(index, occurrences[first + i], epochNumber), 0, data, i * length, length);
                classes[i] = prepared.images().get(index).classIndex();
            });
            position = end;
            return new Batch(data, classes, indices);
        }
    }
}
