package io.cxr4j.core.model;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Reads model directories. A model directory holds {@value #MANIFEST_FILE}, the weights file it
 * names and a SHA-256 list of its files, checked before anything is loaded. {@link ModelStaging}
 * writes them.
 */
public final class ModelDirectory {

    /** The manifest's file name. */
    public static final String MANIFEST_FILE = "model.json";

    private ModelDirectory() {}

    /**
     * Reads and checks a model directory's manifest, and checks every file of the directory
     * against the checksum list written when the model was committed.
     *
     * @param directory the model directory
     * @return the manifest
     * @throws IOException when the directory is not a readable cxr4j model
     */
    public static ModelManifest readManifest(Path directory) throws IOException {
        if (Files.isRegularFile(directory)) {
            throw new IOException(directory + " is a file; pass the model folder that holds it"
                    + (MANIFEST_FILE.equals(String.valueOf(directory.getFileName()))
                            ? ", " + directory.toAbsolutePath().getParent() : "") + ".");
        }
        if (!Files.isDirectory(directory) && !ModelStaging.restorePrevious(directory)) {
            throw new NoSuchFileException(directory.toString(), null,
                    "model directory does not exist; pass the folder that a cxr4j train run wrote"
                            + " (it contains " + MANIFEST_FILE + ")");
        }
        Path file = directory.resolve(MANIFEST_FILE);
        if (!Files.isRegularFile(file)) {
            Optional<Path> inside = modelInside(directory);
            throw new IOException(directory + " is not a cxr4j model directory: it has no " + MANIFEST_FILE + "."
                    + (inside.isPresent() ? " It holds a model in " + inside.get() + "; pass that folder."
                            : " Pass the folder that a cxr4j train run wrote (the model folder in its output)."));
        }
        ModelManifest manifest;
        try {
            manifest = ManifestFormat.read(file);
        } catch (RuntimeException e) {
            // Gson wraps what a record's constructor rejects; the innermost cause names the field.
            throw new IOException("Model manifest " + file + " is damaged or not a cxr4j manifest ("
                    + reason(e) + "). Retrain the model or restore the directory from a copy.", e);
        }
        if (manifest == null) {
            throw new IOException("Model manifest " + file + " is empty. Retrain the model.");
        }
        Path weights = directory.resolve(manifest.weightsFile()).normalize();
        if (!weights.startsWith(directory.normalize()) || !Files.isRegularFile(weights)) {
            throw new IOException("Model " + directory + " names weights file '" + manifest.weightsFile()
                    + "', which is missing. The directory is incomplete: retrain or restore it.");
        }
        ModelChecksums.verify(directory, partOf(manifest));
        return manifest;
    }

    private static String reason(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root instanceof NullPointerException && root.getMessage() != null ? root.getMessage() + " is missing"
                : String.valueOf(root.getMessage());
    }

    /**
     * The files a model consists of: its manifest and its weights, which are one file or, for
     * formats such as TensorFlow's SavedModel, everything in the weights file's folder.
     */
    private static Predicate<String> partOf(ModelManifest manifest) {
        String weights = manifest.weightsFile().replace('\\', '/');
        int slash = weights.lastIndexOf('/');
        String weightsFolder = slash < 0 ? null : weights.substring(0, slash + 1);
        return file -> file.equals(MANIFEST_FILE) || file.equals(weights)
                || (weightsFolder != null && file.startsWith(weightsFolder));
    }

    /**
     * The model a run's output folder holds: {@code model} for a train run, {@code fold-1/model}
     * for a cross-validation, the first in name order.
     */
    private static Optional<Path> modelInside(Path directory) throws IOException {
        if (Files.isRegularFile(directory.resolve("model").resolve(MANIFEST_FILE))) {
            return Optional.of(directory.resolve("model"));
        }
        try (Stream<Path> entries = Files.list(directory)) {
            return entries.map(p -> p.resolve("model")).filter(p -> Files.isRegularFile(p.resolve(MANIFEST_FILE)))
                    .sorted().findFirst();
        }
    }

    /**
     * Records an evaluation of a model after it was written, such as a test on a source it never
     * saw, so that its model card can show it. The record goes beside the sealed files ({@value
     * AppendedEvaluations#FILE}), which stay unchanged: the model still verifies against its
     * checksum list, and the record names that list, so it is dropped when the model is replaced.
     * (The held-out test of the training run is part of the manifest instead: {@link
     * ModelManifest#heldOutTest()}.)
     *
     * @param directory a model directory, checked first as {@link #readManifest} does
     * @param evaluation the evaluation, of kind {@link RecordedEvaluation.Kind#LATER_TEST}
     * @throws IOException when the directory is not a readable model or the record cannot be written
     * @throws IllegalArgumentException when the evaluation is of another kind
     * @throws OutputInUseException when another run is writing the model
     */
    public static void appendEvaluation(Path directory, RecordedEvaluation evaluation) throws IOException {
        if (evaluation.kind() != RecordedEvaluation.Kind.LATER_TEST) {
            throw new IllegalArgumentException("ModelDirectory.appendEvaluation records tests made after training"
                    + " (kind LATER_TEST), not " + evaluation.kind() + "; the held-out test belongs in the manifest"
                    + " (ModelManifest.withHeldOutTest).");
        }
        try (OutputLock lock = OutputLock.onModel(directory.toAbsolutePath().normalize())) {
            readManifest(directory);
            AppendedEvaluations.append(directory, evaluation);
        }
    }

    /**
     * The evaluations recorded with {@link #appendEvaluation} for the model now in a directory,
     * oldest first. Records that name another model's checksum list are left out with a warning.
     *
     * @param directory a model directory, which the caller has checked ({@link #readManifest})
     * @return the evaluations, empty when none were recorded
     * @throws IOException when the record or the checksum list cannot be read, or the record is damaged
     */
    public static List<RecordedEvaluation> appendedEvaluations(Path directory) throws IOException {
        return AppendedEvaluations.of(directory);
    }

    /**
     * Whether a folder holds a cxr4j model: its manifest and checksum list (both, since other
     * tools' model folders have a {@value #MANIFEST_FILE} too). The files are not checked; {@link
     * #readManifest} does that.
     *
     * @param directory a folder, which need not exist
     * @return whether it holds a model
     */
    public static boolean holdsModel(Path directory) {
        return Files.isRegularFile(directory.resolve(MANIFEST_FILE))
                && Files.isRegularFile(directory.resolve(ModelChecksums.FILE));
    }

}
