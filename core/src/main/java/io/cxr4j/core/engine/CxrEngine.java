package io.cxr4j.core.engine;

import io.cxr4j.core.model.ModelManifest;
import io.cxr4j.core.training.TrainingConfig;
import io.cxr4j.core.training.TrainingRequest;
import io.cxr4j.core.training.TrainingResult;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Set;

/**
 * The service-provider interface a deep-learning backend implements. Engines are discovered with
 * {@link java.util.ServiceLoader}: an engine module lists its implementation in {@code
 * META-INF/services/io.cxr4j.core.engine.CxrEngine}, and swapping engines only changes the
 * classpath. Use {@link Engines} to pick one.
 *
 * <p>Implementations must have a public no-argument constructor, must not load native code
 * before {@link #train} or {@link #load} is called, and must never download anything.
 */
public interface CxrEngine {

    /** @return the short lower-case name users select the engine by, such as {@code pytorch} */
    String name();

    /** @return the Maven artifact that provides this engine, for error messages */
    String artifactId();

    /** @return the architectures this engine can build, such as {@code darkcovidnet} */
    Set<String> architectures();

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
}
