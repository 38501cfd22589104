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
import io.cxr4j.core.image.Preprocessor;
import java.util.Iterator;

/**
 * A DJL {@link Dataset} over prepared images: every call to {@link #getData} is one epoch, with
 * its own seeded shuffle and augmentation. The batches come from {@link AugmentedBatches}, so DJL
 * engines and engines that train outside DJL see the same sequence of tensors. Batches are made
 * on a background thread a few steps ahead of the trainer, so augmentation overlaps the engine's
 * compute without changing a single value.
 */
public final class AugmentedDataset implements Dataset {

    /** Batches made ahead of the trainer by default: enough to hide jitter, little memory. */
    public static final int DEFAULT_PREFETCH = 2;

    private final AugmentedBatches batches;
    private final int prefetch;

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
        this(prepared, preprocessor, augmentation, batchSize, seed, training, DEFAULT_PREFETCH);
    }

    /**
     * Creates the data set with a given prefetch depth.
     *
     * @param prepared the decoded images
     * @param preprocessor turns a square image into the model's tensor
     * @param augmentation random changes applied when {@code training}
     * @param batchSize images per batch
     * @param seed seeds shuffling and augmentation
     * @param training whether to shuffle and augment (training) or keep order unchanged (validation)
     * @param prefetch batches made ahead on a background thread; 0 makes them on the caller's thread
     */
    public AugmentedDataset(PreparedImages prepared, Preprocessor preprocessor,
            AugmentationSpec augmentation, int batchSize, long seed, boolean training, int prefetch) {
        this(new AugmentedBatches(prepared, preprocessor, augmentation, batchSize, seed, training), prefetch);
    }

    /**
     * Wraps batches, such as {@link AugmentedBatches#precomputed} ones, as a data set.
     *
     * @param batches the batches, one epoch per call to {@link #getData}
     * @param prefetch batches made ahead on a background thread; 0 makes them on the caller's thread
     */
    public AugmentedDataset(AugmentedBatches batches, int prefetch) {
        if (prefetch < 0) {
            throw new IllegalArgumentException("Prefetch depth must be at least 0, but is " + prefetch);
        }
        this.batches = batches;
        this.prefetch = prefetch;
    }

    /**
     * Continues the epoch sequence after a resumed run's completed epochs, so shuffling and
     * augmentation are those an uninterrupted run would have used.
     *
     * @param completedEpochs epochs already trained
     */
    public void skipEpochs(int completedEpochs) {
        batches.skipEpochs(completedEpochs);
    }

    /** @return the number of images per epoch */
    public int size() {
        return batches.size();
    }

    /** @return the number of batches per epoch */
    public int batchesPerEpoch() {
        return batches.batchesPerEpoch();
    }

    @Override
    public Iterable<Batch> getData(NDManager manager) {
        Iterable<AugmentedBatches.Batch> epoch = prefetch == 0 ? batches.nextEpoch() : batches.nextEpoch(prefetch);
        return () -> new DjlBatches(manager, epoch.iterator());
    }

    @Override
    public void prepare(Progress progress) {
        // Images are decoded by PreparedImages before the data set is built.
    }

    /** Wraps each plain batch in NDArrays owned by a sub-manager that DJL closes after the step. */
    private final class DjlBatches implements Iterator<Batch> {
        private final NDManager manager;
        private final Iterator<AugmentedBatches.Batch> plain;
        private int position;

        DjlBatches(NDManager manager, Iterator<AugmentedBatches.Batch> plain) {
            this.manager = manager;
            this.plain = plain;
        }

        @Override
        public boolean hasNext() {
            return plain.hasNext();
        }

        @Override
        public Batch next() {
            AugmentedBatches.Batch batch = plain.next();
            int n = batch.size();
            float[] labels = new float[n];
            for (int i = 0; i < n; i++) {
                labels[i] = batch.classIndices()[i];
            }
            long[] tensor = batches.tensorShape();
            long[] shape = new long[tensor.length + 1];
            shape[0] = n;
            System.arraycopy(tensor, 0, shape, 1, tensor.length);
            NDManager batchManager = manager.newSubManager();
            NDArray x = batchManager.create(batch.data(), new Shape(shape));
            NDArray y = batchManager.create(labels, new Shape(n));
            position += n;
            return new Batch(batchManager, new NDList(x), new NDList(y), n,
                    Batchifier.STACK, Batchifier.STACK, position, batches.size(), batch.indices());
        }
    }
}
