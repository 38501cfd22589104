package io.cxr4j.core.model;

import io.cxr4j.core.image.PreprocessingSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
        ManifestFormat.write(target, edit.apply(ModelDirectory.readManifest(model)));
        ModelChecksums.seal(target);
        return target;
    }

    /**
     * Copies a model directory with another input specification in its manifest.
     *
     * @param model the model directory to copy
     * @param target a folder that does not exist yet
     * @param preprocessing the input the edited manifest claims
     * @return {@code target}
     * @throws IOException when copying or writing fails
     */
    public static Path copyWithPreprocessing(Path model, Path target, PreprocessingSpec preprocessing)
            throws IOException {
        return copyWithManifest(model, target, m -> new ModelManifest(m.formatVersion(), m.engine(),
                m.architecture(), m.classNames(), preprocessing, m.training(), m.provenance(), m.weightsFile()));
    }

    /**
     * Copies a model directory with other class names in its manifest.
     *
     * @param model the model directory to copy
     * @param target a folder that does not exist yet
     * @param classNames the classes the edited manifest claims
     * @return {@code target}
     * @throws IOException when copying or writing fails
     */
    public static Path copyWithClasses(Path model, Path target, List<String> classNames) throws IOException {
        return copyWithManifest(model, target, m -> new ModelManifest(m.formatVersion(), m.engine(),
                m.architecture(), classNames, m.preprocessing(), m.training(), m.provenance(), m.weightsFile()));
    }

    /**
     * Copies a model directory with another architecture in its manifest.
     *
     * @param model the model directory to copy
     * @param target a folder that does not exist yet
     * @param architecture the architecture the edited manifest claims
     * @return {@code target}
     * @throws IOException when copying or writing fails
     */
    public static Path copyWithArchitecture(Path model, Path target, String architecture) throws IOException {
        return copyWithManifest(model, target, m -> new ModelManifest(m.formatVersion(), m.engine(),
                architecture, m.classNames(), m.preprocessing(), m.training(), m.provenance(), m.weightsFile()));
    }
}
