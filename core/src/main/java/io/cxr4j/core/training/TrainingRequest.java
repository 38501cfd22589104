package io.cxr4j.core.training;

import io.cxr4j.core.data.XrayDataset;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything an engine needs to train a model.
 *
 * @param training the training images
 * @param validation images scored after each epoch for the history (never used to pick a model),
 *     or null
 * @param config how to train
 * @param modelDirectory where the finished model is written; replaced only when training succeeds
 * @param checkpointDirectory where per-epoch checkpoints go
 * @param resume whether to continue from the checkpoint in {@code checkpointDirectory} (made with
 *     the same settings and images) instead of starting afresh
 */
public record TrainingRequest(
        XrayDataset training,
        XrayDataset validation,
        TrainingConfig config,
        Path modelDirectory,
        Path checkpointDirectory,
        boolean resume) {

    /**
     * Checks the required parts.
     *
     * @param training the training images; not null
     * @param validation images scored after each epoch, with the training images' classes in the same
     *     order, or null
     * @param config how to train; not null
     * @param modelDirectory where the finished model is written; not null
     * @param checkpointDirectory where per-epoch checkpoints go; not null
     * @param resume whether to continue from the checkpoint in {@code checkpointDirectory}
     * @throws IllegalArgumentException when the validation classes differ from the training classes
     */
    public TrainingRequest {
        Objects.requireNonNull(training, "training");
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(modelDirectory, "modelDirectory");
        Objects.requireNonNull(checkpointDirectory, "checkpointDirectory");
        if (validation != null && !validation.classNames().equals(training.classNames())) {
            throw new IllegalArgumentException("Validation classes " + validation.classNames()
                    + " differ from training classes " + training.classNames());
        }
    }

    /**
     * A request with checkpoints in {@code <modelDirectory>.checkpoints} beside the model.
     *
     * @param training the training images
     * @param validation images scored after each epoch, or null
     * @param config how to train
     * @param modelDirectory where the finished model is written
     * @return the request
     */
    public static TrainingRequest of(
            XrayDataset training, XrayDataset validation, TrainingConfig config, Path modelDirectory) {
        Path absolute = modelDirectory.toAbsolutePath().normalize();
        return new TrainingRequest(training, validation, config, absolute, checkpointDirectoryOf(absolute), false);
    }

    /**
     * Where {@link #of} puts a model's checkpoints.
     *
     * @param modelDirectory the model directory
     * @return {@code <modelDirectory>.checkpoints}, absolute
     */
    public static Path checkpointDirectoryOf(Path modelDirectory) {
        Path absolute = modelDirectory.toAbsolutePath().normalize();
        return absolute.resolveSibling(absolute.getFileName() + ".checkpoints");
    }

    /**
     * The same request, continuing from its checkpoint.
     *
     * @return a request with {@link #resume()} set
     */
    public TrainingRequest resuming() {
        return new TrainingRequest(training, validation, config, modelDirectory, checkpointDirectory, true);
    }

    /** @return the validation images, if any */
    public Optional<XrayDataset> validationData() {
        return Optional.ofNullable(validation);
    }
}
