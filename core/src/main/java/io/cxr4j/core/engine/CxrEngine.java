package io.cxr4j.core.engine;

import io.cxr4j.core.image.PreprocessingSpec;
import io.cxr4j.core.model.ModelManifest;
import io.cxr4j.core.config.TrainingConfig;
import io.cxr4j.core.model.NeutralWeights;
import io.cxr4j.core.model.Provenance;
import io.cxr4j.core.training.TrainingRequest;
import io.cxr4j.core.training.TrainingResult;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;

/**
 * The service-provider interface a deep-learning backend implements. Engines are discovered with
 * {@link java.util.ServiceLoader}: an engine module lists its implementation in {@code
 * META-INF/services/io.cxr4j.core.engine.CxrEngine}, and swapping engines only changes the
 * classpath. Use {@link Engines} to pick one.
 *
 * <p>Implementations must have a public no-argument constructor, must not load native code
 * before {@link #train} or {@link #load} is called (or {@link #checkTrainable} for a number format
 * whose kernels must be checked first), must never download anything, and must check their
 * kernels with a {@link KnownAnswer} before they compute with them.
 */
public interface CxrEngine {

    /** @return the short lower-case name users select the engine by, such as {@code pytorch} */
    String name();

    /** @return the Maven artifact that provides this engine, for error messages */
    String artifactId();

    /** @return the architectures this engine can build, such as {@code darkcovidnet} */
    Set<String> architectures();

    /**
     * The smallest square input an architecture takes: each pooling layer shrinks its maps, and
     * below this side nothing is left for the classification head.
     *
     * Engines written before this method existed keep the default, the smallest size any
     * preprocessing accepts, and so leave the check to their own training code.
     *
     * @param architecture one of {@link #architectures()}
     * @return the minimum image side in pixels
     * @throws IllegalArgumentException when this engine does not build the architecture
     */
    default int minimumImageSize(String architecture) {
        return PreprocessingSpec.MIN_IMAGE_SIZE;
    }

    /**
     * Checks that this engine can train a configuration at all, before any image is read: that it
     * builds the architecture and that the input is large enough for it. {@link #train} and
     * {@link #openTrainingSession} call it first; callers that load data before training call it
     * earlier still, so a mistyped option fails in a second rather than after the data is read.
     * Engines with further limits (a number format they cannot train in) extend it.
     *
     * @param config the training settings
     * @throws IllegalArgumentException naming the setting that cannot work and what to use instead
     * @throws KnownAnswerException when the engine's kernels for the configured number format
     *     compute wrong numbers on this processor
     */
    default void checkTrainable(TrainingConfig config) {
        String architecture = config.architecture();
        if (!architectures().contains(architecture)) {
            throw new IllegalArgumentException("Unknown architecture '" + architecture + "': the " + name()
                    + " engine builds " + new TreeSet<>(architectures()) + ".");
        }
        int size = config.preprocessing().imageSize();
        int minimum = minimumImageSize(architecture);
        if (size < minimum) {
            throw new IllegalArgumentException("Image size " + size + " is too small for " + architecture
                    + ": its pooling layers shrink a " + size + " x " + size + " image to nothing. Use an image"
                    + " size of at least " + minimum + " (the default is " + PreprocessingSpec.DEFAULT_IMAGE_SIZE + ").");
        }
    }

    /**
     * Trains a new model and writes it as a model directory.
     *
     * @param request what to train on, how, and where to write the model
     * @return the manifest of the written model and the training history
     * @throws IOException when the data or the model directory cannot be read or written
     */
    TrainingResult train(TrainingRequest request) throws IOException;

    /**
     * Loads a model directory written by this engine for inference.
     *
     * @param manifest the model's manifest, already read and checked
     * @param modelDirectory the model directory
     * @return the loaded network, owned by the caller
     * @throws IOException when the weights cannot be read
     */
    InferenceModel load(ModelManifest manifest, Path modelDirectory) throws IOException;

    /**
     * Builds an untrained network with its optimizer for step-by-step training: the
     * configuration's architecture, preprocessing, seed, class weighting and Adam settings, with a
     * constant learning rate (no schedule, since the caller decides how many steps there are).
     *
     * @param config the training settings
     * @param classCounts training images per class, for the class weights; its length is the
     *     number of classes
     * @return the session, owned by the caller
     * @throws UnsupportedOperationException when the engine does not offer step-by-step training
     */
    default TrainingSession openTrainingSession(TrainingConfig config, int[] classCounts) {
        throw new UnsupportedOperationException("Engine '" + name() + "' (" + artifactId()
                + ") does not offer step-by-step training yet: implement CxrEngine.openTrainingSession");
    }

    /**
     * Reads the weights and batch-norm statistics of a model directory written by this engine in
     * the engine-independent layout, for {@link io.cxr4j.core.engine.ModelConverter}. Engines that
     * cannot convert keep this default, which refuses.
     *
     * @param manifest the model's manifest, already read and checked
     * @param modelDirectory the model directory
     * @return the weights in {@link NeutralWeights}' canonical layout
     * @throws IOException when the weights cannot be read
     */
    default NeutralWeights exportWeights(ModelManifest manifest, Path modelDirectory) throws IOException {
        throw new UnsupportedOperationException("The '" + name() + "' engine cannot export weights for"
                + " conversion; convert only between engines that support it (pytorch, tensorflow).");
    }

    /**
     * Writes a sealed model directory for this engine holding weights exported by another engine,
     * for {@link io.cxr4j.core.engine.ModelConverter}. The written manifest is {@code
     * source.convertedTo(name(), <weights file>, <engine version>, conversion)}. The directory is
     * staged and moved into place only when complete. Engines that cannot convert keep this default,
     * which refuses.
     *
     * @param source the manifest of the model the weights come from
     * @param conversion the conversion to record in the provenance
     * @param weights the weights in {@link NeutralWeights}' canonical layout
     * @param modelDirectory where to write the model; an existing model there is replaced
     * @return the written manifest
     * @throws IOException when the directory cannot be written
     * @throws IllegalArgumentException when the weights do not fit the manifest's network
     */
    default ModelManifest writeModel(ModelManifest source, Provenance.Conversion conversion, NeutralWeights weights,
            Path modelDirectory) throws IOException {
        throw new UnsupportedOperationException("The '" + name() + "' engine cannot write converted weights;"
                + " convert only between engines that support it (pytorch, tensorflow).");
    }
}
