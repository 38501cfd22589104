package io.cxr4j.core.engine;

import io.cxr4j.core.training.AugmentedBatches;

/**
 * A network being trained one step at a time, for callers that drive the loop themselves, such as
 * benchmarks comparing engines on identical batches. A step is a forward pass, the loss, a
 * backward pass and one optimizer update, exactly as in {@link CxrEngine#train}.
 *
 * <p>Not thread-safe: one thread steps at a time.
 */
public interface TrainingSession extends AutoCloseable {

    /**
     * Trains on one batch.
     *
     * @param batch channel-first tensors laid out as the session's preprocessing spec declares, and
     *     their classes
     * @return the batch's loss before the update, which also waits for the engine to finish
     */
    float step(AugmentedBatches.Batch batch);

    /** Releases the network, its optimizer state and all native memory. */
    @Override
    void close();
}
