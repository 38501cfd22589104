package io.cxr4j.core.engine;

import io.cxr4j.core.model.ModelDirectory;
import io.cxr4j.core.model.ModelManifest;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * Names the network a model's weights belong to when they do not fit the one its manifest names.
 * The checksum list cannot catch a manifest edited and re-sealed after training; an engine then
 * fails deep in its weight loader ("Invalid input data"), and this turns that into a message that
 * says what happened.
 */
public final class ArchitectureMismatch {

    private ArchitectureMismatch() {}

    /**
     * Tries the other architectures of {@link Networks} on weights that did not load into the
     * manifest's one.
     *
     * @param directory the model directory
     * @param manifest its manifest
     * @param fits whether the weights load into a network of the named architecture, built for the
     *     manifest's classes and input
     * @param cause the failure to load them into the manifest's architecture
     * @return the error naming the architecture the weights fit, if one does
     */
    public static Optional<IOException> find(Path directory, ModelManifest manifest, Predicate<String> fits,
            Throwable cause) {
        for (String candidate : new TreeSet<>(Networks.names())) {
            if (!candidate.equals(manifest.architecture()) && fits.test(candidate)) {
                return Optional.of(new IOException("Model " + directory + " does not load: its weights are those of"
                        + " a " + candidate + " network, but its " + ModelDirectory.MANIFEST_FILE + " names the"
                        + " architecture " + manifest.architecture() + ". " + ModelDirectory.MANIFEST_FILE
                        + " was changed after training and its checksum list rewritten to match; restore the"
                        + " model's original " + ModelDirectory.MANIFEST_FILE + ", or the whole directory from a"
                        + " copy.", cause));
            }
        }
        return Optional.empty();
    }
}
