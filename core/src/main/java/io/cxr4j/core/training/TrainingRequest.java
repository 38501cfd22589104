package io.cxr4j.core.training;

import io.cxr4j.core.config.TrainingConfig;
import io.cxr4j.core.data.XrayDataset;
import io.cxr4j.core.model.BaseWeights;
import io.cxr4j.core.model.ModelDirectory;
import io.cxr4j.core.model.ModelStaging;
import io.cxr4j.core.model.OutputInUseException;
import io.cxr4j.core.model.OutputLock;
import java.io.IOException;
import java.nio.file.Files;
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
 * @param replace whether the run may replace a finished model in {@code modelDirectory}; without
 *     it such a run is refused, unless it resumes the run whose checkpoint lies there
 * @param baseWeights the weights the network's first layers start from (a fresh run; a resumed run
 *     continues from its checkpoint), or null to start every layer from random values
 */
public record TrainingRequest(
        XrayDataset training,
        XrayDataset validation,
        TrainingConfig config,
        Path modelDirectory,
        Path checkpointDirectory,
        boolean resume,
        boolean replace,
        BaseWeights baseWeights) {

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
     * @param replace whether the run may replace a finished model in {@code modelDirectory}
     * @param baseWeights the weights the first layers start from, or null
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
        return new TrainingRequest(training, validation, config, absolute, checkpointDirectoryOf(absolute), false, false,
                null);
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
        return new TrainingRequest(training, validation, config, modelDirectory, checkpointDirectory, true, replace,
                baseWeights);
    }

    /**
     * The same request, allowed to replace a finished model in its model directory (which is
     * replaced only once the new model is complete).
     *
     * @return a request with {@link #replace()} set
     */
    public TrainingRequest replacing() {
        return new TrainingRequest(training, validation, config, modelDirectory, checkpointDirectory, resume, true,
                baseWeights);
    }

    /**
     * The same request, with the network's first layers starting from given weights instead of
     * random values, such as a VGG16 base read from Keras's ImageNet file; {@link
     * TrainingConfig#frozenBlocks()} says which of them stay as they are. The file is recorded in the
     * model's provenance.
     *
     * @param weights the weights, numbered as the network's layers; not null
     * @return a request with {@link #baseWeights()} set
     */
    public TrainingRequest withBaseWeights(BaseWeights weights) {
        return new TrainingRequest(training, validation, config, modelDirectory, checkpointDirectory, resume, replace,
                Objects.requireNonNull(weights, "weights"));
    }

    /**
     * Whether a run would replace a finished model without being asked to: the model directory
     * holds a model, and the run neither may replace it nor resumes the run whose checkpoint lies
     * beside it (a resumed run continues, and may extend, the run that wrote the model).
     *
     * @param modelDirectory the model directory
     * @param resume whether the run resumes
     * @param replace whether the run may replace a finished model
     * @return whether the run must be refused
     */
    public static boolean replacesUnasked(Path modelDirectory, boolean resume, boolean replace) {
        return !replace && ModelDirectory.holdsModel(modelDirectory) && !(resume
                && Files.isRegularFile(checkpointDirectoryOf(modelDirectory).resolve(TrainingCheckpoint.FILE)));
    }

    /**
     * Claims the model directory for this run, before anything is read or trained: takes its
     * {@link OutputLock}, which the engine holds until the model is written, and checks that a
     * model may be written there ({@link ModelStaging#checkReplaceable}) and that no finished
     * model is replaced unasked ({@link #replacesUnasked}).
     *
     * @return the lock, to be closed when training has ended
     * @throws OutputInUseException when another run is writing the model directory
     * @throws IllegalArgumentException when the run may not write there
     * @throws IOException when the lock file cannot be written or the folder listed
     */
    public OutputLock claimModelDirectory() throws IOException {
        OutputLock lock = OutputLock.onModel(modelDirectory);
        try {
            ModelStaging.checkReplaceable(modelDirectory);
            if (replacesUnasked(modelDirectory, resume, replace)) {
                throw new IllegalArgumentException(modelDirectory + " holds a finished model, which this run would"
                        + " replace. Ask for that with TrainingRequest.replacing(), or write the model elsewhere.");
            }
            return lock;
        } catch (IOException | RuntimeException e) {
            lock.close();
            throw e;
        }
    }

    /** @return the validation images, if any */
    public Optional<XrayDataset> validationData() {
        return Optional.ofNullable(validation);
    }
}
