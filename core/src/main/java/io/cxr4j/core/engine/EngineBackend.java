package io.cxr4j.core.engine;

import io.cxr4j.core.config.TrainingConfig;
import io.cxr4j.core.model.ModelManifest;
import io.cxr4j.core.model.NeutralWeights;
import java.io.IOException;
import java.nio.file.Path;

/**
 * What an engine does with its network library: the behaviour half of the service-provider
 * interface, found through {@link EngineProvider#backend()}. It is narrow on purpose. Everything
 * engines share is written once in core around it ({@link CxrEngine}): checking a configuration,
 * claiming and staging the model directory, checkpoints and resume, the per-epoch history and the
 * finite-loss guard, held-out predictions, provenance and the manifest, and conversion.
 *
 * <p>Implementations must not load native code before one of these methods is called, must never
 * download anything, and must check their kernels with a {@link KnownAnswer} before they compute
 * with them.
 */
public interface EngineBackend {

    /**
     * The native library's name and version, recorded in each model's provenance; loads it.
     *
     * @return for example {@code PyTorch 2.7.1}
     */
    String engineVersion();

    /**
     * Refuses a configuration the engine cannot train beyond what core checks (architecture and
     * input size), such as a number format, before any image is read.
     *
     * @param config the training settings
     * @throws IllegalArgumentException naming the setting that cannot work and what to use instead
     * @throws KnownAnswerException when the engine's kernels for the configured number format
     *     compute wrong numbers on this processor
     */
    void checkTrainable(TrainingConfig config);

    /**
     * Builds the network and optimizer of a training run and, when the plan resumes, restores them
     * from its checkpoint: weights, batch-norm statistics, optimizer state and the position in the
     * learning-rate schedule and in the seeded shuffles.
     *
     * @param plan the run's settings, images and starting point
     * @return the network, owned by the caller
     * @throws IOException when the checkpoint cannot be read
     */
    TrainingNetwork startTraining(TrainingPlan plan) throws IOException;

    /**
     * Builds an untrained network with its optimizer for step-by-step training, with the same
     * network, loss and Adam settings as {@link #startTraining} at the configuration's constant
     * learning rate, so that one step costs what one step of a run costs.
     *
     * @param config the training settings
     * @param classCounts training images per class, for the class weights; its length is the
     *     number of classes
     * @return the session, owned by the caller
     */
    TrainingSession openTrainingSession(TrainingConfig config, int[] classCounts);

    /**
     * Loads a model directory written by this engine for inference, with Grad-CAM ({@link
     * GradCamModel}) where the engine computes it.
     *
     * @param manifest the model's manifest, already read and checked
     * @param modelDirectory the model directory
     * @return the loaded network, owned by the caller
     * @throws IOException when the weights cannot be read
     */
    InferenceModel load(ModelManifest manifest, Path modelDirectory) throws IOException;

    /**
     * Reads the weights and batch-norm statistics of a model directory written by this engine in
     * the engine-independent layout, for {@link ModelConverter}.
     *
     * @param manifest the model's manifest, already read and checked
     * @param modelDirectory the model directory
     * @return the weights in {@link NeutralWeights}' canonical layout
     * @throws IOException when the weights cannot be read
     */
    NeutralWeights exportWeights(ModelManifest manifest, Path modelDirectory) throws IOException;

    /**
     * Writes weights exported by another engine as this engine's weights file, for {@link
     * ModelConverter}; core writes the manifest and seals the directory.
     *
     * @param manifest the source model's manifest: architecture, classes and preprocessing
     * @param weights the weights in {@link NeutralWeights}' canonical layout
     * @param staging the staged model directory to write into
     * @return the weights file's name inside the model directory
     * @throws IOException when the file cannot be written
     * @throws IllegalArgumentException when the weights do not fit the manifest's network
     */
    String importWeights(ModelManifest manifest, NeutralWeights weights, Path staging) throws IOException;
}
