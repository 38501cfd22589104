package io.cxr4j.core.model;

import io.cxr4j.core.io.FileTrees;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes model directories all at once. A new model is written into a staging folder beside the
 * target, sealed with the SHA-256 of its files ({@link ModelChecksums}) and moved into place only
 * when complete, so a failed run never leaves a half-written model over a good one.
 *
 * <p>Writing holds the model's {@link OutputLock}, so that two runs never write one model at once.
 * The new model replaces the old one in one step where the system can exchange two folders
 * atomically (Linux); elsewhere the old model is moved aside to {@code .<name>.previous} first, and
 * a process killed between the two moves leaves it there, from where the next reader ({@link
 * ModelDirectory#readManifest}) or writer restores it. The model directory is thus always the old
 * model or the new one.
 */
public final class ModelStaging {

    private static final Logger LOG = LoggerFactory.getLogger(ModelStaging.class);

    /**
     * Called after each step of writing a model, with the step's name; tests stop the process
     * there to show that a model directory survives a kill at any step.
     */
    static volatile Consumer<String> afterStep = step -> { };

    private ModelStaging() {}

    /** Fills a fresh staging folder with a model's files. */
    @FunctionalInterface
    public interface Contents<R> {

        /**
         * Writes the model's files (not the manifest) into the staging folder.
         *
         * @param staging the empty staging folder
         * @return what the writer produced, which names the manifest
         * @throws IOException if writing fails
         */
        R writeInto(Path staging) throws IOException;
    }

    /**
     * Writes a model directory all at once: {@code contents} fills a fresh staging folder, the
     * manifest it names is written beside its files, and the folder is sealed and moved into
     * place ({@link #commit}). The model's {@link OutputLock} is held throughout. On any failure
     * the staging folder is deleted and {@code target} stays as it was, so a failed run never
     * replaces a good model.
     *
     * @param target the final model directory
     * @param contents writes the files
     * @param manifestOf the manifest of what {@code contents} produced
     * @param <R> what {@code contents} produces
     * @return what {@code contents} produced
     * @throws OutputInUseException when another run is writing the same model directory
     * @throws IOException if writing or moving fails
     */
    public static <R> R write(Path target, Contents<R> contents, Function<R, ModelManifest> manifestOf)
            throws IOException {
        try (OutputLock lock = OutputLock.onModel(target)) {
            Path staging = stage(target);
            try {
                R result = contents.writeInto(staging);
                ManifestFormat.write(staging, manifestOf.apply(result));
                afterStep.accept("staged");
                commit(staging, target);
                return result;
            } catch (IOException | RuntimeException e) {
                FileTrees.deleteRecursively(staging);
                throw e;
            }
        }
    }

    /**
     * Rewrites the manifest of a written model, such as to add what was measured on it after
     * training ({@link ModelManifest#withHeldOutTest}), and seals the model again. The model is
     * checked first ({@link ModelDirectory#readManifest}); the new one is staged beside it with
     * its other files linked (copied where the file system cannot link), and replaces it all at
     * once as {@link #commit} does, so a failure leaves the model as it was. Its checksum list
     * changes with the manifest: a published list no longer matches, so amend only models this
     * program has just written. Evaluations recorded with {@link ModelDirectory#appendEvaluation}
     * are kept.
     *
     * @param target a model directory
     * @param change the new manifest, from the current one
     * @return the new manifest
     * @throws OutputInUseException when another run is writing the same model directory
     * @throws IOException when the model cannot be read, or writing or moving fails
     */
    public static ModelManifest amendManifest(Path target, UnaryOperator<ModelManifest> change) throws IOException {
        Path absolute = target.toAbsolutePath().normalize();
        try (OutputLock lock = OutputLock.onModel(absolute)) {
            ModelManifest amended = change.apply(ModelDirectory.readManifest(absolute));
            List<RecordedEvaluation> appended = AppendedEvaluations.of(absolute);
            Path staging = stage(absolute);
            try {
                linkModelFiles(absolute, staging);
                ManifestFormat.write(staging, amended);
                afterStep.accept("staged");
                commit(staging, absolute);
            } catch (IOException | RuntimeException e) {
                FileTrees.deleteRecursively(staging);
                throw e;
            }
            if (!appended.isEmpty()) {
                AppendedEvaluations.write(absolute, appended);
            }
            return amended;
        }
    }

    /** Links (or copies) a checked model's files but its manifest and the records about it into a staging folder. */
    private static void linkModelFiles(Path model, Path staging) throws IOException {
        List<Path> files;
        try (Stream<Path> all = Files.walk(model)) {
            files = all.filter(Files::isRegularFile).toList();
        }
        for (Path file : files) {
            String relative = model.relativize(file).toString().replace('\\', '/');
            if (relative.equals(ModelDirectory.MANIFEST_FILE) || relative.equals(ModelChecksums.FILE)
                    || relative.equals(ModelChecksums.KEYED_FILE) || relative.equals(AppendedEvaluations.FILE)) {
                continue;
            }
            Path copy = staging.resolve(relative);
            Files.createDirectories(copy.getParent());
            try {
                Files.createLink(copy, file);
            } catch (IOException | UnsupportedOperationException e) {
                Files.copy(file, copy);
            }
        }
    }

    /**
     * Replaces a file by another of the same folder in one step where the system can.
     *
     * @param source the new content
     * @param target the file it replaces
     */
    static void replaceFile(Path source, Path target) throws IOException {
        try {
            Files.move(source, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(source, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /**
     * Fails unless a model may be written to a folder: one that does not exist yet, is empty, or
     * holds a cxr4j model (its manifest and checksum list), which the new model replaces. Anything else would be deleted by that
     * replacement, so callers check this before spending time on training or converting.
     *
     * @param target the model directory to be written
     * @throws IllegalArgumentException when the target is a file or a folder holding other files
     * @throws IOException when the folder cannot be listed
     */
    public static void checkReplaceable(Path target) throws IOException {
        Path absolute = target.toAbsolutePath().normalize();
        if (!Files.exists(absolute) || ModelDirectory.holdsModel(absolute)) {
            return;
        }
        if (!Files.isDirectory(absolute)) {
            throw new IllegalArgumentException("Cannot write a model to " + target + ": it is a file. Name a new or"
                    + " empty folder.");
        }
        List<String> names;
        try (Stream<Path> entries = Files.list(absolute)) {
            names = entries.map(p -> p.getFileName().toString()).sorted().toList();
        }
        if (!names.isEmpty()) {
            throw new IllegalArgumentException("Cannot write a model to " + target + ": the folder is not a model and"
                    + " holds " + names.size() + " other file(s) or folder(s) (" + String.join(", ",
                            names.subList(0, Math.min(3, names.size()))) + (names.size() > 3 ? ", ..." : "")
                    + "), which writing the model there would delete. Name a new or empty folder, or a model"
                    + " folder to replace.");
        }
    }

    /**
     * Creates an empty staging folder beside a model directory to be written. Its name holds this
     * process's id, so that staging folders left by writes whose process was killed can be told
     * apart from those of a write still running, and removed here.
     *
     * @param target the final model directory
     * @return the staging folder
     * @throws IOException when it cannot be created
     * @throws IllegalArgumentException when the target may not be replaced, see {@link #checkReplaceable}
     */
    public static Path stage(Path target) throws IOException {
        checkReplaceable(target);
        Path absolute = target.toAbsolutePath().normalize();
        Files.createDirectories(absolute.getParent());
        String prefix = "." + absolute.getFileName() + ".staging-";
        removeAbandoned(absolute, prefix);
        // Not createTempDirectory: its folders are private to the user, and the model folder this
        // becomes should be readable as the user's umask says, like any other output.
        String mine = prefix + ProcessHandle.current().pid() + "-";
        while (true) {
            try {
                return Files.createDirectory(absolute.resolveSibling(mine + UUID.randomUUID()));
            } catch (FileAlreadyExistsException e) {
                // Practically impossible with a random name; try another.
            }
        }
    }

    /** Deletes the staging folders of a target whose writing process no longer runs. */
    private static void removeAbandoned(Path target, String prefix) throws IOException {
        List<Path> candidates;
        try (Stream<Path> siblings = Files.list(target.getParent())) {
            candidates = siblings.filter(p -> p.getFileName().toString().startsWith(prefix)).toList();
        }
        for (Path stale : candidates) {
            String rest = stale.getFileName().toString().substring(prefix.length());
            int dash = rest.indexOf('-');
            OptionalLong pid = parsePid(dash > 0 ? rest.substring(0, dash) : "");
            if (pid.isPresent() && ProcessHandle.of(pid.getAsLong()).map(ProcessHandle::isAlive).orElse(false)) {
                continue;
            }
            try {
                FileTrees.deleteRecursively(stale);
                LOG.info("Removed {}, left by an interrupted write of {}", stale, target);
            } catch (IOException e) {
                LOG.warn("Cannot remove {}, left by an interrupted write of {}: {}", stale, target, e.toString());
            }
        }
    }

    private static OptionalLong parsePid(String text) {
        try {
            return OptionalLong.of(Long.parseLong(text));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    /**
     * Seals a complete staging folder with the SHA-256 of each of its files and moves it into
     * place, replacing an existing model only now and in one step where the system can exchange
     * two folders (Linux's {@code renameat2}); elsewhere the old model is moved aside first and, if
     * the process is killed before the new one is in place, restored by the next reader or writer.
     * Holds the model's {@link OutputLock} meanwhile.
     *
     * @param staging the folder written by {@link #stage}
     * @param target the final model directory
     * @throws OutputInUseException when another run is writing the same model directory
     * @throws IOException when the move fails; the previous model is then left in place
     */
    public static void commit(Path staging, Path target) throws IOException {
        Path absolute = target.toAbsolutePath().normalize();
        try (OutputLock lock = OutputLock.onModel(absolute)) {
            ModelChecksums.seal(staging);
            afterStep.accept("sealed");
            Path previous = previousOf(absolute);
            if (restorePrevious(absolute) && Files.exists(previous)) {
                LOG.info("Deleting {}, an older model than {} left by an interrupted replacement", previous, absolute);
                FileTrees.deleteRecursively(previous);
            }
            if (!Files.exists(absolute)) {
                move(staging, absolute);
                afterStep.accept("moved-in");
                return;
            }
            if (FolderExchange.exchange(staging, absolute)) {
                afterStep.accept("exchanged");
                // The staging folder now holds the old model; a kill while it is deleted leaves the
                // rest to the next write's cleanup of abandoned staging folders.
                FileTrees.deleteRecursively(staging);
                afterStep.accept("old-deleted");
                return;
            }
            move(absolute, previous);
            afterStep.accept("moved-aside");
            try {
                move(staging, absolute);
            } catch (IOException e) {
                move(previous, absolute);
                throw e;
            }
            afterStep.accept("moved-in");
            FileTrees.deleteRecursively(previous);
            afterStep.accept("old-deleted");
        }
    }

    private static Path previousOf(Path absolute) {
        return absolute.resolveSibling("." + absolute.getFileName() + ".previous");
    }

    /**
     * Puts back a model that a two-step replacement had moved aside when its process was killed
     * before the new model took its place.
     *
     * @return whether the model directory exists now
     */
    static boolean restorePrevious(Path directory) throws IOException {
        Path absolute = directory.toAbsolutePath().normalize();
        Path previous = previousOf(absolute);
        if (Files.exists(absolute) || !Files.isDirectory(previous)) {
            return Files.exists(absolute);
        }
        try (OutputLock lock = OutputLock.onModel(absolute)) {
            // Again under the lock: another process may have restored or written it meanwhile.
            if (Files.exists(absolute) || !Files.isDirectory(previous)) {
                return Files.exists(absolute);
            }
            try {
                ModelDirectory.readManifest(previous);
            } catch (IOException damaged) {
                LOG.warn("{} is missing, and {} beside it is not a complete model to restore: {}", absolute, previous,
                        damaged.getMessage());
                return false;
            }
            move(previous, absolute);
            LOG.warn("Restored the model {} from {}, where a replacement interrupted before the new model was in"
                    + " place had left it", absolute, previous);
            return true;
        } catch (OutputInUseException beingReplaced) {
            throw beingReplaced;
        } catch (IOException e) {
            throw new IOException(absolute + " is missing, but " + previous + " holds the model an interrupted"
                    + " replacement moved aside, and it cannot be moved back (" + e.getMessage() + "). Rename "
                    + previous + " to " + absolute + ".", e);
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to);
        }
    }
}
