package io.cxr4j.core.model;

import io.cxr4j.core.image.PreprocessingSpec;
import io.cxr4j.core.config.TrainingConfig;
import java.util.List;
import java.util.Objects;

/**
 * The description of a trained model, stored as {@value ModelDirectory#MANIFEST_FILE} in its
 * directory: which engine and network, which classes in which order, the exact preprocessing to
 * apply at inference, and how the model was trained.
 *
 * @param formatVersion the manifest format, {@value #FORMAT_VERSION}: a manifest read from an older
 *     format is migrated to this one
 * @param engine the engine that wrote the weights, such as {@code pytorch}
 * @param architecture the network name
 * @param classNames class names in the order of the network's outputs
 * @param preprocessing the input specification, used verbatim at inference
 * @param training the training settings
 * @param provenance where the model comes from
 * @param weightsFile the weights file's name inside the model directory
 */
public record ModelManifest(
        int formatVersion,
        String engine,
        String architecture,
        List<String> classNames,
        PreprocessingSpec preprocessing,
        TrainingConfig training,
        Provenance provenance,
        String weightsFile) {

    /**
     * The manifest format this release writes, the newest it reads; {@link ManifestFormat} reads the
     * older ones.
     */
    public static final int FORMAT_VERSION = 2;

    /**
     * Checks required fields and freezes the class list.
     *
     * @param formatVersion the model directory format, {@value #FORMAT_VERSION} for this release
     * @param engine the engine that wrote the weights; not null
     * @param architecture the network name; not null
     * @param classNames class names in the order of the network's outputs, at least 2; copied
     * @param preprocessing the input specification, used verbatim at inference; not null
     * @param training the training settings
     * @param provenance where the model comes from
     * @param weightsFile the weights file's name inside the model directory; not null
     * @throws IllegalArgumentException when there are fewer than 2 classes
     */
    public ModelManifest {
        Objects.requireNonNull(engine, "engine");
        Objects.requireNonNull(architecture, "architecture");
        Objects.requireNonNull(preprocessing, "preprocessing");
        Objects.requireNonNull(weightsFile, "weightsFile");
        classNames = List.copyOf(classNames);
        if (classNames.size() < 2) {
            throw new IllegalArgumentException("A model needs at least 2 classes, got " + classNames);
        }
    }

    /**
     * The manifest of this model's weights rewritten for another engine: the same network, classes,
     * preprocessing and training settings, with the conversion added to the provenance.
     *
     * @param newEngine the engine the weights are written for
     * @param newWeightsFile the weights file that engine writes
     * @param newEngineVersion that engine's version, such as TensorFlow 2.16.1
     * @param conversion where the weights came from
     * @return the converted model's manifest
     */
    public ModelManifest convertedTo(String newEngine, String newWeightsFile, String newEngineVersion,
            Provenance.Conversion conversion) {
        Objects.requireNonNull(provenance, "provenance");
        return new ModelManifest(FORMAT_VERSION, newEngine, architecture, classNames, preprocessing, training,
                provenance.convertedBy(conversion, newEngineVersion), newWeightsFile);
    }
}
