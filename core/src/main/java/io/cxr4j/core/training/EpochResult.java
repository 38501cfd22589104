package io.cxr4j.core.training;

/**
 * Loss and accuracy after one epoch.
 *
 * @param epoch the epoch number, from 1
 * @param trainLoss mean training loss over the epoch's batches
 * @param trainAccuracy training accuracy over the epoch (with augmentation, as trained)
 * @param validationLoss loss on the validation data, or NaN without validation data
 * @param validationAccuracy accuracy on the validation data, or NaN without validation data
 * @param seconds wall-clock time of the epoch
 */
public record EpochResult(
        int epoch,
        double trainLoss,
        double trainAccuracy,
        double validationLoss,
        double validationAccuracy,
        double seconds) {}
