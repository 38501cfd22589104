package io.cxr4j.engine.pytorch;

import ai.djl.Model;
import ai.djl.training.Trainer;
import ai.djl.training.listener.TrainingListenerAdapter;
import io.cxr4j.core.training.EpochResult;
import io.cxr4j.core.training.TrainingCheckpoint;
import io.cxr4j.core.training.TrainingConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Saves the weights and a {@link TrainingCheckpoint} after every epoch and keeps only the newest
 * weights, so a killed run can resume and a long run leaves one file behind rather than one per
 * epoch as DJL's {@code SaveModelTrainingListener} does. Must come after the {@link
 * HistoryListener} in the trainer's listener list.
 */
final class CheckpointListener extends TrainingListenerAdapter {

    private static final Logger LOG = LoggerFactory.getLogger(CheckpointListener.class);

    private final Path directory;
    private final String name;
    private final String fingerprint;
    private final TrainingConfig config;
    private final HistoryListener history;

    CheckpointListener(Path directory, String name, String fingerprint, TrainingConfig config,
            HistoryListener history) {
        this.directory = directory;
        this.name = name;
        this.fingerprint = fingerprint;
        this.config = config;
        this.history = history;
    }

    @Override
    public void onEpoch(Trainer trainer) {
        List<EpochResult> epochs = history.epochs();
        int epoch = epochs.size();
        Model model = trainer.getModel();
        try {
            Files.createDirectories(directory);
            model.setProperty("Epoch", Integer.toString(epoch));
            model.save(directory, name);
            new TrainingCheckpoint(epoch, fileName(epoch), fingerprint, config, epochs).write(directory);
            Files.deleteIfExists(directory.resolve(fileName(epoch - 1)));
            LOG.debug("Checkpoint of epoch {} written to {}", epoch, directory.resolve(fileName(epoch)));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the checkpoint of epoch " + epoch + " to "
                    + directory + ": " + e.getMessage() + ". Free disk space or choose another output.", e);
        }
    }

    private String fileName(int epochNumber) {
        return String.format(Locale.ROOT, "%s-%04d.params", name, epochNumber);
    }
}
