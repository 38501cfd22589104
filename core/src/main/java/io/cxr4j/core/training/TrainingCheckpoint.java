package io.cxr4j.core.training;

import io.cxr4j.core.config.LearningRateSchedule;
import io.cxr4j.core.config.TrainingConfig;
import io.cxr4j.core.image.PixelNormalization;
import io.cxr4j.core.io.Digests;
import com.google.gson.Gson;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import io.cxr4j.core.data.Sample;
import io.cxr4j.core.data.XrayDataset;
import io.cxr4j.core.io.FileTrees;
import io.cxr4j.core.io.FormatVersionException;
import io.cxr4j.core.io.Json;
import io.cxr4j.core.io.JsonFormat;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The state of an unfinished training run, written after every epoch next to the epoch's weights
 * so that a killed run can resume ({@link TrainingRequest#resuming()}) losing at most the epoch in
 * progress.
 *
 * <p>The weights file (and the optimizer's state, where kept apart) is written first and this
 * record second, by an atomic rename; the previous epoch's files are deleted only after that. A run
 * killed at any moment therefore leaves a record that names complete files. Engines write no
 * checkpoint of an epoch whose loss or weights are not finite (see {@link TrainingDivergedException}),
 * so the record always names the last good epoch.
 *
 * <p>The record is written in format version {@value #FORMAT_VERSION} (its {@code formatVersion}
 * field); the version covers the files it names, such as the PyTorch engine's optimizer state.
 * Version 1, the records written before the format had a number, has no {@code formatVersion}, may
 * lack {@code config} and {@code optimizerFile} (both read as null, as in version 2 where an engine
 * records none), and in its earliest files leaves undefined validation metrics out where version 2
 * writes them as null; its migration restores them as undefined (NaN), which those files were read
 * as 0 before.
 *
 * @param epoch the last completed epoch, from 1
 * @param weightsFile the weights of that epoch, in the checkpoint folder
 * @param fingerprint identifies the settings and training images, see {@link #fingerprint}
 * @param config the run's settings, its planned number of epochs included, so that a resume with
 *     other settings can be told what differs; null in checkpoints written before it was recorded
 * @param history the per-epoch results so far
 * @param optimizerFile the optimizer's state (Adam's moments and update counts) in the checkpoint
 *     folder, for engines that keep it apart from the weights; null when the weights file holds it
 *     too (TensorFlow) and in PyTorch checkpoints written before it was saved
 */
public record TrainingCheckpoint(int epoch, String weightsFile, String fingerprint, TrainingConfig config,
        List<EpochResult> history, String optimizerFile) {

    private static final Logger LOG = LoggerFactory.getLogger(TrainingCheckpoint.class);

    /**
     * The project's JSON mapping, keeping nulls: it writes an undefined value (the validation loss
     * of a run without validation data) as null, which would otherwise be left out and read back as
     * 0.
     */
    private static final Gson JSON = Json.gson().newBuilder().serializeNulls().create();

    /** The record's file name in the checkpoint folder. */
    public static final String FILE = "checkpoint.json";

    /** The format version this release writes, the newest it reads. */
    public static final int FORMAT_VERSION = 2;

    private static final JsonFormat<TrainingCheckpoint> FORMAT = new JsonFormat<>("training checkpoint",
            TrainingCheckpoint.class, JSON, List.of(TrainingCheckpoint::fromVersion1),
            (file, checkpoint) -> "Resume the run with the cxr4j release that wrote it, or, "
                    + startAfresh(file.getParent()));

    static {
        if (FORMAT.version() != FORMAT_VERSION) {
            throw new IllegalStateException("TrainingCheckpoint.FORMAT_VERSION is " + FORMAT_VERSION
                    + " but its migrations lead to version " + FORMAT.version());
        }
    }

    /**
     * Freezes the history.
     *
     * @param epoch the last completed epoch, from 1
     * @param weightsFile the file name of that epoch's weights in the checkpoint folder
     * @param fingerprint identifies the settings and training images, see {@link #fingerprint}
     * @param config the run's settings, or {@code null} in checkpoints written before it was recorded
     * @param history the per-epoch results so far; copied
     */
    public TrainingCheckpoint {
        history = List.copyOf(history);
    }

    /**
     * A checkpoint whose weights file holds the optimizer's state too, or has none.
     *
     * @param epoch the last completed epoch, from 1
     * @param weightsFile the file name of that epoch's weights in the checkpoint folder
     * @param fingerprint identifies the settings and training images, see {@link #fingerprint}
     * @param config the run's settings, or {@code null} in checkpoints written before it was recorded
     * @param history the per-epoch results so far; copied
     */
    public TrainingCheckpoint(int epoch, String weightsFile, String fingerprint, TrainingConfig config,
            List<EpochResult> history) {
        this(epoch, weightsFile, fingerprint, config, history, null);
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
        TrainingCheckpoint checkpoint = FORMAT.read(Files.readString(file), file);
        if (checkpoint == null || !Files.isRegularFile(folder.resolve(checkpoint.weightsFile()))
                || checkpoint.optimizerFile() != null && !Files.isRegularFile(folder.resolve(checkpoint.optimizerFile()))) {
            throw new IOException("Checkpoint " + file + " is damaged or names missing weights. Delete " + folder
                    + " and train from the start.");
        }
        return Optional.of(checkpoint);
    }

    /**
     * Where a training run starts: from the checkpoint when the request resumes (it must come from
     * the same settings and images), else from scratch with the checkpoint folder cleared so no
     * stale checkpoint can be resumed later. A fresh start never clears the checkpoint of a run that
     * stopped before its planned last epoch: that work is resumed or deliberately deleted.
     *
     * @param request the training request
     * @param fingerprint the run's {@link #fingerprint}
     * @return the checkpoint to continue from, or empty to start at the first epoch
     * @throws IOException when the folder cannot be cleared or the checkpoint cannot be read
     * @throws CheckpointConflictException when a fresh start would discard an interrupted run, or a
     *     resume has other settings or images, or another length under a schedule that spans the run
     */
    public static Optional<TrainingCheckpoint> startingPoint(TrainingRequest request, String fingerprint)
            throws IOException {
        Path folder = request.checkpointDirectory();
        if (!request.resume()) {
            checkDiscardable(folder);
            if (Files.exists(folder)) {
                LOG.info("Replacing the checkpoints of an earlier run in {}", folder);
            }
            FileTrees.deleteRecursively(folder);
            return Optional.empty();
        }
        Optional<TrainingCheckpoint> checkpoint = read(folder);
        if (checkpoint.isEmpty()) {
            LOG.warn("No checkpoint in {} to resume from: training from the first epoch", folder);
            return checkpoint;
        }
        TrainingCheckpoint found = checkpoint.get();
        TrainingConfig config = request.config();
        if (!found.fingerprint().equals(fingerprint) && !sameRunAtAnotherRate(found, request)) {
            throw new CheckpointConflictException(terms -> "The checkpoint in " + folder + " was made with "
                    + found.differencesFrom(config, terms) + ". Resume with exactly the " + terms.settings()
                    + " of the interrupted run, only the learning rate may change" + (found.config() == null ? ""
                            : " (its settings are in " + folder.resolve(FILE) + ")") + ","
                    + " or " + startAfresh(folder));
        }
        if (found.epoch() > config.epochs()) {
            throw new CheckpointConflictException(terms -> "The run in " + folder + " has already trained "
                    + found.epoch() + " epochs, more than the " + config.epochs() + " asked for. Resume with "
                    + terms.epochs(found.epoch()) + (config.schedule() == LearningRateSchedule.CONSTANT ? " or more" : "")
                    + ", or " + startAfresh(folder));
        }
        if (found.config() != null && found.config().epochs() != config.epochs()
                && config.schedule() != LearningRateSchedule.CONSTANT) {
            throw new CheckpointConflictException(terms -> "The run in " + folder + " was planned for "
                    + found.config().epochs() + " epochs, and its " + config.schedule().name().toLowerCase(Locale.ROOT)
                    + " learning-rate schedule is set by that number: with " + config.epochs() + " epochs its rates"
                    + " would no longer be those of any one schedule. Resume with "
                    + terms.epochs(found.config().epochs()) + ", or " + startAfresh(folder));
        }
        if (found.epoch() == config.epochs()) {
            LOG.info("The run in {} already finished its {} epochs: nothing is trained, its model is written again{}",
                    folder, found.epoch(), config.schedule() == LearningRateSchedule.CONSTANT
                            ? " (resume with more epochs to extend it)" : "");
        } else {
            LOG.info("Resuming after epoch {} of {} from {}", found.epoch(), config.epochs(), folder);
        }
        return checkpoint;
    }

    /**
     * Whether a resume differs from the checkpoint's run in its learning rate alone, which is
     * allowed so that a run that diverged can go on from its last good epoch at a lower rate.
     */
    private static boolean sameRunAtAnotherRate(TrainingCheckpoint found, TrainingRequest request) {
        TrainingConfig config = request.config();
        if (found.config() == null || found.config().learningRate() == config.learningRate()) {
            return false;
        }
        TrainingConfig atCheckpointRate = config.toBuilder().optLearningRate(found.config().learningRate()).build();
        if (!fingerprint(atCheckpointRate, request.training()).equals(found.fingerprint())) {
            return false;
        }
        LOG.info("Resuming at learning rate {} instead of the {} of the epochs before", config.learningRate(),
                found.config().learningRate());
        return true;
    }

    /**
     * Fails when a checkpoint folder holds a run that stopped before its planned last epoch, which
     * a fresh start would discard; a finished run's checkpoint, an unreadable one or none pass.
     * Training checks this itself; a caller about to start several runs checks them all first.
     *
     * @param folder a checkpoint folder, see {@link TrainingRequest#checkpointDirectoryOf}
     * @throws CheckpointConflictException when it holds an interrupted run, or a checkpoint of a newer
     *     format version
     */
    public static void checkDiscardable(Path folder) {
        Optional<TrainingCheckpoint> found;
        try {
            found = read(folder);
        } catch (FormatVersionException newer) {
            throw new CheckpointConflictException(terms -> newer.getMessage());
        } catch (IOException | RuntimeException unreadable) {
            LOG.debug("The checkpoint in {} is unreadable, so a fresh start may replace it", folder, unreadable);
            return;
        }
        found.filter(c -> c.config() != null && c.epoch() < c.config().epochs()).ifPresent(c -> {
            throw new CheckpointConflictException(terms -> folder + " holds an interrupted run, stopped after epoch "
                    + c.epoch() + " of " + c.config().epochs() + " (its settings are in " + folder.resolve(FILE)
                    + "). Continue it with its " + terms.settings() + " and " + terms.resume() + ", or "
                    + startAfresh(folder));
        });
    }

    /**
     * Version 1 to 2: the earliest records left an undefined validation metric out (it was read as 0);
     * version 2 writes it as null, read as NaN.
     */
    private static void fromVersion1(JsonObject checkpoint) {
        JsonElement history = checkpoint.get("history");
        if (history == null || !history.isJsonArray()) {
            return;
        }
        for (JsonElement epoch : history.getAsJsonArray()) {
            if (epoch.isJsonObject()) {
                for (String metric : List.of("validationLoss", "validationAccuracy")) {
                    if (!epoch.getAsJsonObject().has(metric)) {
                        epoch.getAsJsonObject().add(metric, JsonNull.INSTANCE);
                    }
                }
            }
        }
    }

    /** How to start afresh without discarding a checkpoint unawares. */
    private static String startAfresh(Path folder) {
        return "to start afresh, delete " + folder + " or choose another output folder.";
    }

    /**
     * What differs between the settings this checkpoint was made with and others, leaving the
     * number of epochs aside, e.g. {@code other settings: learningRate 0.003 (now 0.001)}.
     */
    private String differencesFrom(TrainingConfig other, CheckpointConflictException.Terms terms) {
        if (config == null) {
            return "other settings or other training images";
        }
        JsonObject made = JSON.toJsonTree(config.toBuilder().optEpochs(1).build()).getAsJsonObject();
        JsonObject now = JSON.toJsonTree(other.toBuilder().optEpochs(1).build()).getAsJsonObject();
        List<String> differences = new ArrayList<>();
        collectDifferences("", made, now, terms, differences);
        return differences.isEmpty()
                ? "other training images (another split, data set or image folder)"
                : "other settings: " + String.join(", ", differences);
    }

    private static String text(JsonElement value) {
        return value == null || value.isJsonNull() ? "unset" : value.isJsonPrimitive() ? value.getAsString() : value.toString();
    }

    private static void collectDifferences(String prefix, JsonObject made, JsonObject now,
            CheckpointConflictException.Terms terms, List<String> out) {
        Set<String> keys = new TreeSet<>(made.keySet());
        keys.addAll(now.keySet());
        for (String key : keys) {
            JsonElement before = made.get(key);
            JsonElement after = now.get(key);
            if (Objects.equals(before, after)) {
                continue;
            }
            if (before != null && after != null && before.isJsonObject() && after.isJsonObject()) {
                collectDifferences(prefix + key + ".", before.getAsJsonObject(), after.getAsJsonObject(), terms, out);
            } else {
                out.add(terms.setting(prefix + key) + " " + text(before) + " (now " + text(after) + ")");
            }
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
        Files.writeString(temporary, FORMAT.write(this), StandardCharsets.UTF_8);
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
        JsonObject settings = Json.gson().toJsonTree(config.toBuilder().optEpochs(1).build()).getAsJsonObject();
        // Settings added later are left out at the value their absence means, so that a checkpoint
        // written before they existed still resumes.
        if (config.frozenBlocks() == 0) {
            settings.remove("frozenBlocks");
        }
        if (config.preprocessing().normalization() == PixelNormalization.RANGE) {
            settings.getAsJsonObject("preprocessing").remove("normalization");
        }
        StringBuilder text = new StringBuilder(Json.gson().toJson(settings));
        training.samples().stream().map(Sample::image).map(Path::toString).sorted()
                .forEach(p -> text.append('\n').append(p));
        return Digests.sha256Hex(text.toString().getBytes(StandardCharsets.UTF_8));
    }
}
