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
 * @param heldOutTest the figures on the test part its training run held out, or null when not
 *     recorded (a model trained without a test part, or before format version 3)
 * @param chosenThreshold the threshold its training run chose on validation images for a target
 *     sensitivity, and where those came from; null when none was chosen
 */
public record ModelManifest(
        int formatVersion,
        String engine,
        String architecture,
        List<String> classNames,
        PreprocessingSpec preprocessing,
        TrainingConfig training,
        Provenance provenance,
        String weightsFile,
        RecordedEvaluation heldOutTest,
        ChosenThreshold chosenThreshold) {

    /**
     * The manifest format this release writes, the newest it reads; {@link ManifestFormat} reads the
     * older ones.
     */
    public static final int FORMAT_VERSION = 3;

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
     * @param heldOutTest the figures on the test part its training run held out, or null
     * @param chosenThreshold the threshold chosen on validation images, or null
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
     * A manifest without held-out test figures or a chosen threshold, as training writes it before
     * the test.
     *
     * @param formatVersion the model directory format, {@value #FORMAT_VERSION} for this release
     * @param engine the engine that wrote the weights; not null
     * @param architecture the network name; not null
     * @param classNames class names in the order of the network's outputs, at least 2; copied
     * @param preprocessing the input specification, used verbatim at inference; not null
     * @param training the training settings
     * @param provenance where the model comes from
     * @param weightsFile the weights file's name inside the model directory; not null
     */
    public ModelManifest(int formatVersion, String engine, String architecture, List<String> classNames,
            PreprocessingSpec preprocessing, TrainingConfig training, Provenance provenance, String weightsFile) {
        this(formatVersion, engine, architecture, classNames, preprocessing, training, provenance, weightsFile, null,
                null);
    }

    /**
     * This manifest with the figures of its training run's held-out test.
     *
     * @param evaluation the figures, of kind {@link RecordedEvaluation.Kind#HELD_OUT_TEST}
     * @return the manifest with {@link #heldOutTest()} set
     * @throws IllegalArgumentException when the evaluation is of another kind
     */
    public ModelManifest withHeldOutTest(RecordedEvaluation evaluation) {
        if (evaluation.kind() != RecordedEvaluation.Kind.HELD_OUT_TEST) {
            throw new IllegalArgumentException("A manifest's heldOutTest is of kind HELD_OUT_TEST, not "
                    + evaluation.kind() + "; record a later test with ModelDirectory.appendEvaluation.");
        }
        return new ModelManifest(formatVersion, engine, architecture, classNames, preprocessing, training, provenance,
                weightsFile, evaluation, chosenThreshold);
    }

    /**
     * This manifest with the threshold its training run chose on validation images.
     *
     * @param threshold the threshold and where it was chosen
     * @return the manifest with {@link #chosenThreshold()} set
     * @throws IllegalArgumentException when the threshold's class is not one of the model's
     */
    public ModelManifest withChosenThreshold(ChosenThreshold threshold) {
        if (!classNames.contains(threshold.positiveClass())) {
            throw new IllegalArgumentException("The threshold is on p(" + threshold.positiveClass() + "), but the"
                    + " model's classes are " + classNames);
        }
        return new ModelManifest(formatVersion, engine, architecture, classNames, preprocessing, training, provenance,
                weightsFile, heldOutTest, threshold);
    }

    /**
     * The manifest of this model's weights rewritten for another engine: the same network, classes,
     * preprocessing, training settings, chosen threshold and held-out test figures (measured with the engine that
     * trained it, which the conversions name), with the conversion added to the provenance.
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
                provenance.convertedBy(conversion, newEngineVersion), newWeightsFile, heldOutTest, chosenThreshold);
    }
}
