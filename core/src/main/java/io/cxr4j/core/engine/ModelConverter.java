package io.cxr4j.core.engine;

import io.cxr4j.core.model.Provenance;
import io.cxr4j.core.model.NeutralWeights;
import io.cxr4j.core.model.ModelManifest;
import io.cxr4j.core.model.ModelDirectory;
import java.io.IOException;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rewrites a model directory for another engine: the source engine exports the weights in the
 * {@link NeutralWeights} layout and the target engine writes a new, sealed model directory from
 * them, with the same architecture, classes and preprocessing and the conversion recorded in the
 * provenance. The converted model gives the same class probabilities up to float rounding.
 *
 * <pre>{@code
 * ModelConverter.convert(Path.of("runs/seed/model"), "tensorflow", Path.of("runs/seed/model-tf"));
 * }</pre>
 */
public final class ModelConverter {

    private static final Logger LOG = LoggerFactory.getLogger(ModelConverter.class);

    private ModelConverter() {}

    /**
     * Converts with the engines found on the classpath.
     *
     * @param source a model directory written by cxr4j
     * @param targetEngine the engine to convert to, such as {@code tensorflow}
     * @param output where to write the converted model: a new or empty folder, or a model, which is
     *     replaced
     * @return the converted model's manifest
     * @throws IOException when the source cannot be read or the output cannot be written
     * @throws IllegalArgumentException when the model is already for that engine, or the target
     *     engine does not build its architecture
     * @throws io.cxr4j.core.engine.EngineNotFoundException when the source's or the target engine
     *     is not on the classpath
     */
    public static ModelManifest convert(Path source, String targetEngine, Path output) throws IOException {
        ModelManifest manifest = ModelDirectory.readManifest(source);
        Engines engines = Engines.discover();
        return convert(source, manifest, engines.require(manifest.engine()), engines.choose(targetEngine), output);
    }

    /**
     * Converts with given engines.
     *
     * @param source a model directory written by {@code from}
     * @param from the engine that wrote the source
     * @param to the engine to convert to
     * @param output where to write the converted model: a new or empty folder, or a model, which is
     *     replaced
     * @return the converted model's manifest
     * @throws IOException when the source cannot be read or the output cannot be written
     */
    public static ModelManifest convert(Path source, CxrEngine from, CxrEngine to, Path output) throws IOException {
        return convert(source, ModelDirectory.readManifest(source), from, to, output);
    }

    private static ModelManifest convert(Path source, ModelManifest manifest, CxrEngine from, CxrEngine to,
            Path output) throws IOException {
        if (!manifest.engine().equalsIgnoreCase(from.name())) {
            throw new IllegalArgumentException("Model " + source + " was written by engine '" + manifest.engine()
                    + "', not '" + from.name() + "'.");
        }
        if (from.name().equalsIgnoreCase(to.name())) {
            throw new IllegalArgumentException("Model " + source + " is already a " + to.name() + " model;"
                    + " choose the other engine to convert to.");
        }
        if (!to.architectures().contains(manifest.architecture())) {
            throw new IllegalArgumentException("The " + to.name() + " engine does not build '"
                    + manifest.architecture() + "' (it builds " + to.architectures() + "), so this model cannot"
                    + " be converted to it.");
        }
        if (manifest.provenance() == null) {
            throw new IOException("Model " + source + " has no provenance in its manifest, so a conversion cannot"
                    + " be recorded. Retrain it with this cxr4j release.");
        }
        Path absoluteSource = source.toAbsolutePath().normalize();
        if (absoluteSource.equals(output.toAbsolutePath().normalize())) {
            throw new IllegalArgumentException("The output " + output + " is the model being converted; choose"
                    + " another folder so the source stays intact.");
        }
        NeutralWeights weights = from.exportWeights(manifest, source);
        if (!weights.architecture().equals(manifest.architecture())) {
            throw new IllegalStateException("The " + from.name() + " engine exported '" + weights.architecture()
                    + "' weights for a '" + manifest.architecture() + "' model");
        }
        Provenance.Conversion conversion = Provenance.Conversion.from(source, manifest);
        ModelManifest converted = to.writeModel(manifest, conversion, weights, output);
        LOG.info("Converted {} model '{}' ({} tensors, {} values) from {} to {} in {}", manifest.engine(),
                manifest.architecture(), weights.tensors().size(), weights.valueCount(), source, to.name(), output);
        return converted;
    }
}
