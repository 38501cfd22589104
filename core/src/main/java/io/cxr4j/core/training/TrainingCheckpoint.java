package io.cxr4j.core.training;

import io.cxr4j.core.config.LearningRateSchedule;
import io.cxr4j.core.config.TrainingConfig;
import io.cxr4j.core.io.Digests;
import com.google.gson.Gson;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.cxr4j.core.data.Sample;
import io.cxr4j.core.data.XrayDataset;
import io.cxr4j.core.model.ModelDirectory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The state of an unfinished training run, written after every epoch next to the epoch's weights
 * so that a killed run can resume ({@code train --resume}) losing at most the epoch in progress.
 *
 * <p>The weights file (and the optimizer's state, where kept apart) is written first and this
 * record second, by an atomic rename; the previous epoch's files are deleted only after that. A run
 * killed at any moment therefore leaves a record that names complete files. Engines write no
 * checkpoint of an epoch whose loss or weights are not finite (see {@link TrainingDivergedException}),
 * so the record always names the last good epoch.
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
    private static final Gson JSON = ModelDirectory.gson().newBuilder().serializeNulls().create();

    /** The command-line options of the settings, for messages that name what differs. */
    private static final Map<String, String> OPTIONS = Map.ofEntries(
            Map.entry("architecture", "--arch"), Map.entry("batchSize", "--batch-size"),
            Map.entry("learningRate", "--learning-rate"), Map.entry("schedule", "--schedule"),
            Map.entry("weightDecay", "--weight-decay"), Map.entry("classWeighting", "--class-weights"),
            Map.entry("seed", "--seed"), Map.entry("precision", "--precision"),
            Map.entry("preprocessing.imageSize", "--image-size"), Map.entry("preprocessing.channels", "--channels"),
            Map.entry("preprocessing.resizeMode", "--resize"), Map.entry("augmentation.horizontalFlip", "--flip"),
            Map.entry("augmentation.maxRotationDegrees", "--no-augmentation"),
            Map.entry("augmentation.maxZoom", "--no-augmentation"), Map.entry("augmentation.maxShift", "--no-augmentation"),
            Map.entry("augmentation.maxBrightness", "--no-augmentation"),
            Map.entry("augmentation.maxContrast", "--no-augmentation"));

    /** The record's file name in the checkpoint folder. */
    public static final String FILE = "checkpoint.json";

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
        TrainingCheckpoint checkpoint = JSON.fromJson(Files.readString(file), TrainingCheckpoint.class);
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
     * @throws IllegalArgumentException when a fresh start would discard an interrupted run, or a
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
            ModelDirectory.deleteRecursively(folder);
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
            throw new IllegalArgumentException("The checkpoint in " + folder + " was made with "
                    + found.differencesFrom(config) + ". Resume with exactly the options of the interrupted run, only the"
                    + " learning rate may change" + (found.config() == null ? ""
                            : " (its settings are in " + folder.resolve(FILE) + ")") + ","
                    + " or " + startAfresh(folder));
        }
        if (found.epoch() > config.epochs()) {
            throw new IllegalArgumentException("The run in " + folder + " has already trained " + found.epoch()
                    + " epochs, more than the " + config.epochs() + " asked for. Resume with --epochs " + found.epoch()
                    + (config.schedule() == LearningRateSchedule.CONSTANT ? " or more" : "") + ", or "
                    + startAfresh(folder));
        }
        if (found.config() != null && found.config().epochs() != config.epochs()
                && config.schedule() != LearningRateSchedule.CONSTANT) {
            throw new IllegalArgumentException("The run in " + folder + " was planned for "
                    + found.config().epochs() + " epochs, and its " + config.schedule().name().toLowerCase(Locale.ROOT)
                    + " learning-rate schedule spans exactly those: with " + config.epochs() + " epochs its rates"
                    + " would no longer be those of any one schedule. Resume with --epochs " + found.config().epochs()
                    + ", or " + startAfresh(folder));
        }
        if (found.epoch() == config.epochs()) {
            LOG.info("The run in {} already finished its {} epochs: nothing is trained, its model is written again{}",
                    folder, found.epoch(), config.schedule() == LearningRateSchedule.CONSTANT
                            ? " (give more --epochs to extend it)" : "");
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
     * @throws IllegalArgumentException when it holds an interrupted run
     */
    public static void checkDiscardable(Path folder) {
        Optional<TrainingCheckpoint> found;
        try {
            found = read(folder);
        } catch (IOException | RuntimeException unreadable) {
            LOG.debug("The checkpoint in {} is unreadable, so a fresh start may replace it", folder, unreadable);
            return;
        }
        found.filter(c -> c.config() != null && c.epoch() < c.config().epochs()).ifPresent(c -> {
            throw new IllegalArgumentException(folder + " holds an interrupted run, stopped after epoch " + c.epoch()
                    + " of " + c.config().epochs() + " (its settings are in " + folder.resolve(FILE)
                    + "). Continue it with its options and --resume"
                    + " (TrainingRequest.resuming() in code), or " + startAfresh(folder));
        });
    }

    /** How to start afresh without discarding a checkpoint unawares. */
    private static String startAfresh(Path folder) {
        return "to start afresh, delete " + folder + " or choose another output folder.";
    }

    /**
     * What differs between the settings this checkpoint was made with and others, leaving the
     * number of epochs aside, e.g. {@code other settings: learningRate 0.003 (now 0.001)}.
     */
    private String differencesFrom(TrainingConfig other) {
        if (config == null) {
            return "other settings or other training images";
        }
        JsonObject made = JSON.toJsonTree(config.toBuilder().optEpochs(1).build()).getAsJsonObject();
        JsonObject now = JSON.toJsonTree(other.toBuilder().optEpochs(1).build()).getAsJsonObject();
        List<String> differences = new ArrayList<>();
        collectDifferences("", made, now, differences);
        return differences.isEmpty()
                ? "other training images (another split, data set or image folder)"
                : "other settings: " + String.join(", ", differences);
    }

    private static String text(JsonElement value) {
        return value == null || value.isJsonNull() ? "unset" : value.isJsonPrimitive() ? value.getAsString() : value.toString();
    }

    private static void collectDifferences(String prefix, JsonObject made, JsonObject now, List<String> out) {
        Set<String> keys = new TreeSet<>(made.keySet());
        keys.addAll(now.keySet());
        for (String key : keys) {
            JsonElement before = made.get(key);
            JsonElement after = now.get(key);
            if (Objects.equals(before, after)) {
                continue;
            }
            if (before != null && after != null && before.isJsonObject() && after.isJsonObject()) {
                collectDifferences(prefix + key + ".", before.getAsJsonObject(), after.getAsJsonObject(), out);
            } else {
                String setting = prefix + key;
                String option = OPTIONS.get(setting);
                out.add((option == null ? setting : setting + " (" + option + ")") + " " + text(before) + " (now "
                        + text(after) + ")");
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
        return Digests.sha256Hex(text.toString().getBytes(StandardCharsets.UTF_8));
    }
}
