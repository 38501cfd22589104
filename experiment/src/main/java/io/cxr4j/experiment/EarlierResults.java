package io.cxr4j.experiment;

import io.cxr4j.core.model.ModelDirectory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Objects;

/**
 * The results of an earlier run in the folder a new run writes (one it was told to replace, or
 * one it continues), set aside while the new run trains: the folder then never shows one run's
 * report beside another run's model, whenever the new run stops. A run that fails before its
 * model replaced the earlier one puts them back; a run killed leaves them hidden, and the next
 * run into the folder deletes them.
 */
final class EarlierResults {

    private final Path folder;
    private final List<String> names;
    private final Path modelDirectory;
    private final String model;

    private EarlierResults(Path folder, List<String> names, Path modelDirectory, String model) {
        this.folder = folder;
        this.names = names;
        this.modelDirectory = modelDirectory;
        this.model = model;
    }

    /**
     * Moves the files out of sight, to {@code .<name>.replaced}.
     *
     * @param folder the output folder
     * @param names the result files' names
     * @param modelDirectory the model they describe
     * @return what was set aside
     * @throws IOException when a file cannot be moved
     */
    static EarlierResults setAside(Path folder, List<String> names, Path modelDirectory) throws IOException {
        EarlierResults earlier = new EarlierResults(folder, names, modelDirectory, manifest(modelDirectory));
        for (String name : names) {
            if (Files.exists(folder.resolve(name))) {
                Files.move(folder.resolve(name), earlier.aside(name), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        return earlier;
    }

    /**
     * Deletes the set-aside files, once the new run's model has replaced the earlier one.
     *
     * @throws IOException when a file cannot be deleted
     */
    void discard() throws IOException {
        for (String name : names) {
            Files.deleteIfExists(aside(name));
        }
    }

    /**
     * After a failed run: puts the files back where the model is still the one they describe, else
     * deletes them.
     *
     * @throws IOException when a file cannot be moved or deleted
     */
    void restoreUnlessReplaced() throws IOException {
        if (!Objects.equals(model, manifest(modelDirectory))) {
            discard();
            return;
        }
        for (String name : names) {
            if (Files.exists(aside(name)) && !Files.exists(folder.resolve(name))) {
                Files.move(aside(name), folder.resolve(name));
            }
        }
    }

    private Path aside(String name) {
        return folder.resolve("." + name + ".replaced");
    }

    private static String manifest(Path modelDirectory) throws IOException {
        Path file = modelDirectory.resolve(ModelDirectory.MANIFEST_FILE);
        return Files.isRegularFile(file) ? Files.readString(file) : null;
    }
}
