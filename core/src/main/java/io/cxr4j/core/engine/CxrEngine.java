package io.cxr4j.core.engine;

import io.cxr4j.core.config.TrainingConfig;
import io.cxr4j.core.image.PreprocessingSpec;
import io.cxr4j.core.model.ModelStaging;
import io.cxr4j.core.model.ModelManifest;
import io.cxr4j.core.model.NeutralWeights;
import io.cxr4j.core.model.OutputLock;
import io.cxr4j.core.model.Provenance;
import io.cxr4j.core.training.TrainingRequest;
import io.cxr4j.core.training.TrainingResult;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * A deep-learning engine that trains, loads and converts cxr4j models. Get one from {@link
 * Engines}, which finds the engines on the classpath. What every engine does alike is written here
 * once; each engine contributes only its {@link EngineBackend}.
 *
 * <pre>{@code
 * TrainingResult result = Engines.select().train(TrainingRequest.of(train, validation, config, modelDir));
 * }</pre>
 */
public final class CxrEngine {

    private final EngineProvider provider;

    private CxrEngine(EngineProvider provider) {
        this.provider = provider;
    }

    /**
     * The engine of a provider, for callers that build one themselves rather than discover it.
     *
     * @param provider the engine's provider
     * @return the engine
     */
    public static CxrEngine of(EngineProvider provider) {
        return new CxrEngine(Objects.requireNonNull(provider, "provider"));
    }

    /** @return the short lower-case name users select the engine by, such as {@code pytorch} */
    public String name() {
        return provider.name();
    }

    /** @return the Maven artifact that provides this engine, for error messages */
    public String artifactId() {
        return provider.artifactId();
    }

    /** @return the engine's rank among several on the classpath, see {@link EngineProvider#rank()} */
    public int rank() {
        return provider.rank();
    }

    /** @return the architectures this engine builds, those of {@link Networks} */
    public Set<String> architectures() {
        return Networks.names();
    }

    /**
     * The smallest square input an architecture takes.
     *
     * @param architecture one of {@link #architectures()}
     * @return the minimum image side in pixels
     * @throws IllegalArgumentException when this engine does not build the architecture
     */
    public int minimumImageSize(String architecture) {
        return Networks.minimumImageSize(architecture);
    }

    /**
     * Checks that this engine can train a configuration at all, before any image is read: that it
     * builds the architecture, that the input is large enough for it, and the engine's own limits
     * (such as a number format it cannot train in). {@link #train} and {@link
     * #openTrainingSession} call it first; callers that load data before training call it earlier
     * still, so a wrong setting fails in a second rather than after the data is read.
     *
     * @param config the training settings
     * @throws IllegalArgumentException naming the setting that cannot work and what to use instead
     * @throws KnownAnswerException when the engine's kernels for the configured number format
     *     compute wrong numbers on this processor
     */
    public void checkTrainable(TrainingConfig config) {
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
        int blocks = Networks.convolutionBlocks(architecture).size();
        if (config.frozenBlocks() > blocks) {
            throw new IllegalArgumentException(blocks == 0
                    ? "The " + architecture + " network has no numbered convolution blocks to freeze. Use"
                            + " TrainingConfig.frozenBlocks 0, or an architecture made of blocks such as "
                            + Networks.VGG16 + "."
                    : "The " + architecture + " network has " + blocks + " convolution blocks, so "
                            + config.frozenBlocks() + " cannot be frozen. Use TrainingConfig.frozenBlocks 0 to "
                            + blocks + ".");
        }
        provider.backend().checkTrainable(config);
    }

    /**
     * Trains a new model and writes it as a model directory: claims the directory, decodes the
     * images, trains epoch by epoch with a checkpoint after each (resuming from one when the
     * request says so), and writes the model with its manifest and provenance only when training
     * has succeeded.
     *
     * @param request what to train on, how, and where to write the model
     * @return the manifest of the written model, the training history and the held-out predictions
     * @throws IOException when the data or the model directory cannot be read or written
     * @throws IllegalArgumentException when the configuration cannot be trained ({@link
     *     #checkTrainable}), when it freezes blocks but the request has no base weights, or when the
     *     base weights do not fit the network (the message names the layer)
     * @throws io.cxr4j.core.training.TrainingDivergedException when an epoch's loss or weights stop
     *     being finite; the previous epoch's checkpoint is kept
     */
    public TrainingResult train(TrainingRequest request) throws IOException {
        checkTrainable(request.config());
        if (request.config().frozenBlocks() > 0 && request.baseWeights() == null) {
            // Frozen random weights would train the head on noise: a missing weights file must not pass unnoticed.
            throw new IllegalArgumentException("TrainingConfig.frozenBlocks is " + request.config().frozenBlocks()
                    + " but the request has no base weights, so the frozen blocks would keep random values. Give"
                    + " the weights with TrainingRequest.withBaseWeights, or set frozenBlocks to 0 to train"
                    + " every layer from scratch.");
        }
        try (OutputLock claimed = request.claimModelDirectory()) {
            return new TrainingRun(name(), provider.backend(), request).run();
        }
    }

    /**
     * Loads a model directory written by this engine for inference.
     *
     * @param manifest the model's manifest, already read and checked
     * @param modelDirectory the model directory
     * @return the loaded network, owned by the caller
     * @throws IOException when the weights cannot be read
     */
    public InferenceModel load(ModelManifest manifest, Path modelDirectory) throws IOException {
        return provider.backend().load(manifest, modelDirectory);
    }

    /**
     * Builds an untrained network with its optimizer for step-by-step training: the
     * configuration's architecture, preprocessing, seed, class weighting and Adam settings, with a
     * constant learning rate (no schedule, since the caller decides how many steps there are).
     *
     * @param config the training settings
     * @param classCounts training images per class, for the class weights; its length is the
     *     number of classes
     * @return the session, owned by the caller
     */
    public TrainingSession openTrainingSession(TrainingConfig config, int[] classCounts) {
        checkTrainable(config);
        return provider.backend().openTrainingSession(config, classCounts);
    }

    /**
     * Reads the weights and batch-norm statistics of a model directory written by this engine in
     * the engine-independent layout, for {@link ModelConverter}.
     *
     * @param manifest the model's manifest, already read and checked
     * @param modelDirectory the model directory
     * @return the weights in {@link NeutralWeights}' canonical layout
     * @throws IOException when the weights cannot be read
     */
    public NeutralWeights exportWeights(ModelManifest manifest, Path modelDirectory) throws IOException {
        return provider.backend().exportWeights(manifest, modelDirectory);
    }

    /**
     * Writes a sealed model directory for this engine holding weights exported by another engine,
     * for {@link ModelConverter}. The written manifest is {@code source.convertedTo(name(), <weights
     * file>, <engine version>, conversion)}. The directory is staged and moved into place only when
     * complete.
     *
     * @param source the manifest of the model the weights come from
     * @param conversion the conversion to record in the provenance
     * @param weights the weights in {@link NeutralWeights}' canonical layout
     * @param modelDirectory where to write the model; an existing model there is replaced
     * @return the written manifest
     * @throws IOException when the directory cannot be written
     * @throws IllegalArgumentException when the weights do not fit the manifest's network
     */
    public ModelManifest writeModel(ModelManifest source, Provenance.Conversion conversion, NeutralWeights weights,
            Path modelDirectory) throws IOException {
        EngineBackend backend = provider.backend();
        return ModelStaging.write(modelDirectory, staging -> {
            String weightsFile = backend.importWeights(source, weights, staging);
            return source.convertedTo(name(), weightsFile, backend.engineVersion(), conversion);
        }, Function.identity());
    }

    @Override
    public String toString() {
        return name();
    }
}
