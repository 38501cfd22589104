package io.cxr4j.core.training;

import java.util.List;

/**
 * Per-epoch loss and accuracy of one training run: what the seed project plotted.
 *
 * @param epochs one entry per completed epoch, in order
 */
public record TrainingHistory(List<EpochResult> epochs) {

    /**
     * Freezes the list.
     *
     * @param epochs one entry per completed epoch, in order; copied
     */
    public TrainingHistory {
        epochs = List.copyOf(epochs);
    }

    /** @return the last epoch's result */
    public EpochResult last() {
        if (epochs.isEmpty()) {
            throw new IllegalStateException("No epoch has completed");
        }
        return epochs.get(epochs.size() - 1);
    }
}
