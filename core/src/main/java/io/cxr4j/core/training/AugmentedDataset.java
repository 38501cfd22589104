package io.cxr4j.core.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.dataset.Batch;
import ai.djl.training.dataset.Dataset;
import ai.djl.translate.Batchifier;
import ai.djl.util.Progress;
import io.cxr4j.core.image.AugmentationSpec;
import io.cxr4j.core.image.Augmenter;
import io.cxr4j.core.image.GrayImage;
import io.cxr4j.core.image.Preprocessor;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Random;
import java.util.stream.IntStream;

/**
 * A DJL {@link Dataset} over prepared images: every call to {@link #getData} is one epoch, with
 * its own seeded shuffle and augmentation. Each image's random draws depend only on the seed, the
 * epoch and the image's position, so the sequence is the same on every machine and engine however
 * many threads augment.
 */
public final class AugmentedDataset implements Dataset {

    private final PreparedImages prepared;
    private final Preprocessor preprocessor;
    private final Augmenter augmenter;
    private final int batchSize;
    private final long seed;
    private final boolean training;
    private int epoch;

    /**
     * Creates the data set.
     *
     * @param prepared the decoded images
     * @param preprocessor turns a square image into the model's tensor
     * @param augmentation random changes applied when {@code training}
     * @param batchSize images per batch
     * @param seed seeds shuffling and augmentation
     * @param training whether to shuffle and augment (training) or keep order unchanged (validation)
     */
    public AugmentedDataset(PreparedImages prepared, Preprocessor preprocessor,
            AugmentationSpec augmentation, int batchSize, long seed, boolean training) {
        this.prepared = prepared;
        this.preprocessor = preprocessor;
        this.augmenter = new Augmenter(augmentation);
        this.batchSize = batchSize;
        this.seed = seed;
        this.training = training;
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

    /** @return the number of images per epoch */
    public int size() {
        return prepared.images().size();
    }

    /** @return the number of batches per epoch */
    public int batchesPerEpoch() {
        return (size() + batchSize - 1) / batchSize;
    }

    @Override
    public Iterable<Batch> getData(NDManager manager) {
        int thisEpoch = epoch++;
        List<Integer> order = new ArrayList<>(IntStream.range(0, size()).boxed().toList());
        if (training) {
            Collections.shuffle(order, new Random(mix(seed, thisEpoch, -1)));
        }
        return () -> new BatchIterator(manager, order, thisEpoch);
    }

    @Override
    public void prepare(Progress progress) {
        // Images are decoded by PreparedImages before the data set is built.
    }

    private float[] tensor(int index, int epochNumber) {
        GrayImage image = prepared.images().get(index).image();
        if (training) {
            image = augmenter.apply(image, new Random(mix(seed, epochNumber, index)));
        }
        return preprocessor.toTensor(image);
    }

    private static long mix(long seed, int epoch, int index) {
        long h = seed * 0x9E3779B97F4A7C15L + epoch * 0xBF58476D1CE4E5B9L + index * 0x94D049BB133111EBL;
        return h ^ (h >>> 31);
    }

    private final class BatchIterator implements Iterator<Batch> {
        private final NDManager manager;
        private final List<Integer> order;
        private final int epochNumber;
        private int position;

        BatchIterator(NDManager manager, List<Integer> order, int epochNumber) {
            this.manager = manager;
            this.order = order;
            this.epochNumber = epochNumber;
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
            List<Integer> indices = order.subList(position, end);
            int n = indices.size();
            int length = preprocessor.spec().tensorLength();
            float[] data = new float[n * length];
            float[] labels = new float[n];
            IntStream.range(0, n).parallel().forEach(i -> {
                int index = indices.get(i);
                System.arraycopy(tensor(index, epochNumber), 0, data, i * length, length);
                labels[i] = prepared.images().get(index).classIndex();
            });
            int size = preprocessor.spec().imageSize();
            NDManager batchManager = manager.newSubManager();
            NDArray x = batchManager.create(data, new Shape(n, preprocessor.spec().channels(), size, size));
            NDArray y = batchManager.create(labels, new Shape(n));
            position = end;
            return new Batch(batchManager, new NDList(x), new NDList(y), n,
                    Batchifier.STACK, Batchifier.STACK, position, order.size(), List.copyOf(indices));
        }
    }
}
