package io.cxr4j.engine.pytorch;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;
import ai.djl.training.Trainer;
import ai.djl.training.listener.TrainingListenerAdapter;
import ai.djl.util.Pair;
import io.cxr4j.core.training.EpochResult;
import io.cxr4j.core.training.TrainingCheckpoint;
import io.cxr4j.core.config.TrainingConfig;
import io.cxr4j.core.training.TrainingDivergedException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Saves the weights, the optimizer's state and a {@link TrainingCheckpoint} after every epoch and
 * keeps only the newest, so a killed run can resume and a long run leaves one set of files behind
 * rather than one per epoch as DJL's {@code SaveModelTrainingListener} does. An epoch whose loss
 * or weights are not finite is never saved: it fails the run with a {@link
 * TrainingDivergedException}, leaving the previous epoch's checkpoint in place. Must come after
 * the {@link HistoryListener} in the trainer's listener list.
 */
final class CheckpointListener extends TrainingListenerAdapter {

    private static final Logger LOG = LoggerFactory.getLogger(CheckpointListener.class);

    private final Path directory;
    private final String name;
    private final String fingerprint;
    private final TrainingConfig config;
    private final HistoryListener history;
    private final OwnedAdam optimizer;

    CheckpointListener(Path directory, String name, String fingerprint, TrainingConfig config,
            HistoryListener history, OwnedAdam optimizer) {
        this.directory = directory;
        this.name = name;
        this.fingerprint = fingerprint;
        this.config = config;
        this.history = history;
        this.optimizer = optimizer;
    }

    @Override
    public void onEpoch(Trainer trainer) {
        List<EpochResult> epochs = history.epochs();
        int epoch = epochs.size();
        Model model = trainer.getModel();
        requireFinite(epochs.get(epoch - 1), model);
        try {
            Files.createDirectories(directory);
            model.setProperty("Epoch", Integer.toString(epoch));
            model.save(directory, name);
            optimizer.save(model.getBlock(), directory.resolve(optimizerFile(epoch)));
            new TrainingCheckpoint(epoch, weightsFile(epoch), fingerprint, config, epochs, optimizerFile(epoch))
                    .write(directory);
            Files.deleteIfExists(directory.resolve(weightsFile(epoch - 1)));
            Files.deleteIfExists(directory.resolve(optimizerFile(epoch - 1)));
            LOG.debug("Checkpoint of epoch {} written to {}", epoch, directory.resolve(weightsFile(epoch)));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the checkpoint of epoch " + epoch + " to "
                    + directory + ": " + e.getMessage() + ". Free disk space or choose another output.", e);
        }
    }

    /** Fails an epoch whose losses or parameters (weights and batch-norm statistics) are not finite. */
    private void requireFinite(EpochResult result, Model model) {
        Optional<String> diverged = result.nonFiniteLoss().or(() -> nonFiniteParameter(model));
        if (diverged.isPresent()) {
            throw new TrainingDivergedException(result.epoch(), diverged.get(), directory, config.learningRate(), null);
        }
    }

    private static Optional<String> nonFiniteParameter(Model model) {
        for (Pair<String, Parameter> parameter : model.getBlock().getParameters()) {
            NDArray values = parameter.getValue().getArray();
            try (NDArray infinite = values.isInfinite(); NDArray nan = values.isNaN();
                    NDArray either = infinite.logicalOr(nan); NDArray any = either.any()) {
                if (any.getBoolean()) {
                    return Optional.of("parameter " + parameter.getKey() + " holds values that are not finite");
                }
            }
        }
        return Optional.empty();
    }

    /** The weights file of an epoch, as DJL's {@code Model.save} names it. */
    private String weightsFile(int epochNumber) {
        return String.format(Locale.ROOT, "%s-%04d.params", name, epochNumber);
    }

    private String optimizerFile(int epochNumber) {
        return String.format(Locale.ROOT, "%s-%04d.optimizer", name, epochNumber);
    }
}
