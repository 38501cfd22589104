package io.cxr4j.core.training;

import java.util.Locale;
import java.util.Optional;

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
        double seconds) {

    /**
     * What is wrong when a loss of this epoch is not a finite number, the sign that training
     * diverged; the validation loss counts only with validation data.
     *
     * @return for example {@code "the training loss became NaN"}, or empty when the losses are finite
     */
    public Optional<String> nonFiniteLoss() {
        if (!Double.isFinite(trainLoss)) {
            return Optional.of("the training loss became " + trainLoss);
        }
        boolean validated = !Double.isNaN(validationAccuracy);
        return validated && !Double.isFinite(validationLoss)
                ? Optional.of("the validation loss became " + validationLoss) : Optional.empty();
    }

    /**
     * The line both engines log after each epoch.
     *
     * @param plannedEpochs the epochs the run trains for
     * @return for example {@code Epoch 3/25: train loss 0.4127 accuracy 0.8286, validation loss
     *     0.3904 accuracy 0.8667 (1.2 s)}; without validation data the validation part is left out
     */
    public String summary(int plannedEpochs) {
        String validation = Double.isNaN(validationLoss) && Double.isNaN(validationAccuracy) ? ""
                : String.format(Locale.ROOT, ", validation loss %.4f accuracy %.4f", validationLoss,
                        validationAccuracy);
        return String.format(Locale.ROOT, "Epoch %d/%d: train loss %.4f accuracy %.4f%s (%.1f s)", epoch,
                plannedEpochs, trainLoss, trainAccuracy, validation, seconds);
    }
}
