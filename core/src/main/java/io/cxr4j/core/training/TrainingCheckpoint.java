package io.cxr4j.core.training;

import com.google.gson.Gson;
import io.cxr4j.core.data.Sample;
import io.cxr4j.core.data.XrayDataset;
import io.cxr4j.core.model.ModelDirectory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The state of an unfinished training run, written after every epoch next to the epoch's weights
 * so that a killed run can resume ({@code train --resume}) losing at most the epoch in progress.
 *
 * <p>The weights file is written first and this record second, by an atomic rename; the previous
 * epoch's weights are deleted only after that. A run killed at any moment therefore leaves a
 * record that names a complete weights file.
 *
 * @param epoch the last completed epoch, from 1
 * @param weightsFile the weights of that epoch, in the checkpoint folder
 * @param fingerprint identifies the settings and training images, see {@link #fingerprint}
 * @param history the per-epoch results so far
 */
public record TrainingCheckpoint(int epoch, String weightsFile, String fingerprint, List<EpochResult> history) {

    private static final Logger LOG = LoggerFactory.getLogger(TrainingCheckpoint.class);

    /**
     * The project's JSON mapping, keeping nulls: it writes an undefined value (the validation loss
     * of a run without validation data) as null, which would otherwise be left out and read back as
     * 0.
     */
    private static final Gson JSON = ModelDirectory.gson().newBuilder().serializeNulls().create();

    /** The record's file name in the checkpoint folder. */
    public static final String FILE = "checkpoint.json";

    /** Freezes the history. */
    public TrainingCheckpoint {
        history = List.copyOf(history);
    }

    /**
     * Reads the checkpoint of a folder, if there is one.
     *
     * @param folder the checkpoint folder
     * @return the checkpoint, or empty when the folder holds none
     * @throws IOException when the record exists but cannot be read
     */
    public static Optional<TrainingCheckpoint> read(Path folder) throws IOException {
        Path file = folder.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        TrainingCheckpoint checkpoint = JSON.fromJson(Files.readString(file), TrainingCheckpoint.class);
        if (checkpoint == null || !Files.isRegularFile(folder.resolve(checkpoint.weightsFile()))) {
            throw new IOException("Checkpoint " + file + " is damaged or names missing weights. Delete " + folder
                    + " and train from the start.");
        }
        return Optional.of(checkpoint);
    }

    /**
     * Where a training run starts: from the checkpoint when the request resumes (it must come from
     * the same settings and images), else from scratch with the checkpoint folder cleared so no
     * stale checkpoint can be resumed later.
     *
     * @param request the training request
     * @param fingerprint the run's {@link #fingerprint}
     * @return the checkpoint to continue from, or empty to start at the first epoch
     * @throws IOException when the folder cannot be cleared or the checkpoint cannot be read
     * @throws IllegalArgumentException when the checkpoint was made with other settings or images
     */
    public static Optional<TrainingCheckpoint> startingPoint(TrainingRequest request, String fingerprint)
            throws IOException {
        Path folder = request.checkpointDirectory();
        if (!request.resume()) {
            warnIfDiscarding(folder);
            ModelDirectory.deleteRecursively(folder);
            return Optional.empty();
        }
        Optional<TrainingCheckpoint> checkpoint = read(folder);
        if (checkpoint.isEmpty()) {
            LOG.warn("No checkpoint in {} to resume from: training from the first epoch", folder);
            return checkpoint;
        }
        if (!checkpoint.get().fingerprint().equals(fingerprint)) {
            throw new IllegalArgumentException("The checkpoint in " + folder + " was made with other settings"
                    + " or other training images. Resume with exactly the options of the interrupted run, or"
                    + " train from the start without --resume.");
        }
        int target = request.config().epochs();
        if (checkpoint.get().epoch() >= target) {
            LOG.info("The run in {} already finished its {} epochs: nothing is trained, its model is written again"
                    + " (give more --epochs to extend it)", folder, checkpoint.get().epoch());
        } else {
            LOG.info("Resuming after epoch {} of {} from {}", checkpoint.get().epoch(), target, folder);
        }
        return checkpoint;
    }

    /** Says so when a fresh run is about to delete a resumable checkpoint, which may not be what the user meant. */
    private static void warnIfDiscarding(Path folder) {
        try {
            read(folder).ifPresent(c -> LOG.warn("Discarding the checkpoint after epoch {} of an earlier run in {}:"
                    + " this run starts from scratch (to continue an interrupted run, or extend a finished one to more"
                    + " epochs, give its options with --resume instead)", c.epoch(), folder));
        } catch (IOException | RuntimeException e) {
            LOG.debug("Discarding the unreadable checkpoint in {}", folder, e);
        }
    }

    /**
     * Writes this record atomically into a checkpoint folder.
     *
     * @param folder the checkpoint folder, which already holds {@link #weightsFile()}
     * @throws IOException when writing fails
     */
    public void write(Path folder) throws IOException {
        Path temporary = folder.resolve(FILE + ".tmp");
        Files.writeString(temporary, JSON.toJson(this), StandardCharsets.UTF_8);
        try {
            Files.move(temporary, folder.resolve(FILE), StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temporary, folder.resolve(FILE), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /**
     * Identifies what a run trains on and how, apart from its length: a run may be resumed only
     * with the same settings and images, but may be given more epochs.
     *
     * @param config the training settings
     * @param training the training images
     * @return a SHA-256 hex string
     */
    public static String fingerprint(TrainingConfig config, XrayDataset training) {
        StringBuilder text = new StringBuilder(ModelDirectory.gson().toJson(config.toBuilder().optEpochs(1).build()));
        training.samples().stream().map(Sample::image).map(Path::toString).sorted()
                .forEach(p -> text.append('\n').append(p));
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("This JVM lacks SHA-256, which every Java SE provides", e);
        }
    }
}
