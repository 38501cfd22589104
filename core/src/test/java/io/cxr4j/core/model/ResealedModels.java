package io.cxr4j.core.model;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * Test fixture: a copy of a model directory whose manifest was edited and whose checksum list was
 * rewritten to match, as someone editing model.json by hand and re-sealing it would leave it.
 */
public final class ResealedModels {

    private ResealedModels() {}

    /**
     * Copies a model directory with an edited manifest.
     *
     * @param model the model directory to copy
     * @param target a folder that does not exist yet
     * @param edit changes the manifest
     * @return {@code target}, holding the edited, re-sealed copy
     * @throws IOException when copying or writing fails
     */
    public static Path copyWithManifest(Path model, Path target, UnaryOperator<ModelManifest> edit)
            throws IOException {
        try (Stream<Path> files = Files.walk(model)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Files.copy(file, target.resolve(model.relativize(file).toString()));
            }
        }
        ModelDirectory.writeManifest(target, edit.apply(ModelDirectory.readManifest(model)));
        ModelChecksums.seal(target);
        return target;
    }
}
