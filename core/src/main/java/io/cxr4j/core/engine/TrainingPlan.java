package io.cxr4j.core.engine;

import io.cxr4j.core.config.Precision;
import io.cxr4j.core.config.Sampling;
import io.cxr4j.core.config.TrainingConfig;
import io.cxr4j.core.image.Preprocessor;
import io.cxr4j.core.model.BaseWeights;
import io.cxr4j.core.training.AugmentedBatches;
import io.cxr4j.core.training.PreparedImages;
import io.cxr4j.core.training.SourceBalancedDraws;
import io.cxr4j.core.training.TrainingCheckpoint;
import io.cxr4j.core.training.TrainingDivergedException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What an engine needs to build the network of a training run ({@link
 * EngineBackend#startTraining}): the settings, the decoded images and where the run starts.
 *
 * @param config the run's settings
 * @param classNames the classes, in output order
 * @param classCounts usable training images per class, for the class weights
 * @param preprocessor turns a square image into the network's tensor
 * @param training the training images
 * @param validation the images scored after each epoch, or null without validation data
 * @param checkpoint the checkpoint the run resumes from, or null for a fresh start
 * @param checkpointDirectory the run's checkpoint folder
 * @param baseWeights the weights the network's first layers start from on a fresh start, or null
 */
public record TrainingPlan(TrainingConfig config, List<String> classNames, int[] classCounts,
        Preprocessor preprocessor, PreparedImages training, PreparedImages validation, TrainingCheckpoint checkpoint,
        Path checkpointDirectory, BaseWeights baseWeights) {

    private static final Logger LOG = LoggerFactory.getLogger(TrainingPlan.class);

    /** The system property that turns the base-feature cache off ({@link #cachesBaseFeatures}). */
    public static final String BASE_FEATURE_CACHE_PROPERTY = "cxr4j.baseFeatureCache";

    /**
     * Checks the required parts and freezes the class names.
     *
     * @param config the run's settings; not null
     * @param classNames the classes, in output order; copied
     * @param classCounts usable training images per class; not null
     * @param preprocessor turns a square image into the network's tensor; not null
     * @param training the training images; not null
     * @param validation the images scored after each epoch, or null
     * @param checkpoint the checkpoint the run resumes from, or null
     * @param checkpointDirectory the run's checkpoint folder; not null
     * @param baseWeights the weights the first layers start from, or null
     */
    public TrainingPlan {
        Objects.requireNonNull(config, "config");
        classNames = List.copyOf(classNames);
        Objects.requireNonNull(classCounts, "classCounts");
        Objects.requireNonNull(preprocessor, "preprocessor");
        Objects.requireNonNull(training, "training");
        Objects.requireNonNull(checkpointDirectory, "checkpointDirectory");
    }

    /**
     * The training images as every engine feeds them: shuffled and augmented per epoch, in batches
     * of the configuration's size, drawn as its {@link TrainingConfig#sampling()} says.
     *
     * @return the training batches, at epoch 0 (engines skip a resumed run's completed epochs)
     */
    public AugmentedBatches trainingBatches() {
        AugmentedBatches batches = new AugmentedBatches(training, preprocessor, config.augmentation(),
                config.batchSize(), config.seed(), true);
        if (config.sampling() != Sampling.SOURCE_BALANCED) {
            return batches;
        }
        LOG.info("Source-balanced draws per epoch, per class {} and source: {}", classNames,
                new SourceBalancedDraws(training.images()).drawsByClass());
        return batches.sourceBalanced();
    }

    /** @return the validation images in batches, in order and unaugmented, or null without validation data */
    public AugmentedBatches validationBatches() {
        return validation == null ? null : new AugmentedBatches(validation, preprocessor, config.augmentation(),
                config.batchSize(), config.seed(), false);
    }

    /**
     * The weights to set the network's first layers to after building it: the base weights on a
     * fresh start; none when the run resumes, whose checkpoint holds every weight.
     *
     * @return the base weights of a fresh start, if any
     */
    public Optional<BaseWeights> startingBase() {
        return checkpoint == null ? Optional.ofNullable(baseWeights) : Optional.empty();
    }

    /**
     * Whether the run trains on its frozen base's features computed once ({@link
     * io.cxr4j.core.training.AugmentedBatches#precomputed}) rather than running the base on every
     * image in every epoch: when every convolution block is frozen, the images are not augmented
     * (so every epoch feeds the base the same images) and the run computes in float32. The base
     * then computes the same features in every epoch, and the layers after it, the only ones that
     * train, see the same values either way. Engines compute the features with the base in
     * inference mode. The system property {@value #BASE_FEATURE_CACHE_PROPERTY} set to {@code
     * false} turns the cache off, to compare both paths.
     *
     * @return whether to cache the base's features
     */
    public boolean cachesBaseFeatures() {
        int blocks = Networks.convolutionBlocks(config.architecture()).size();
        return blocks > 0 && config.frozenBlocks() == blocks && config.augmentation().isNone()
                && config.precision() == Precision.FLOAT32
                && !"false".equalsIgnoreCase(System.getProperty(BASE_FEATURE_CACHE_PROPERTY));
    }

    /** @return the checkpoint the run resumes from, if it resumes */
    public Optional<TrainingCheckpoint> startingPoint() {
        return Optional.ofNullable(checkpoint);
    }

    /** @return the epochs already trained: those of the checkpoint, or 0 */
    public int completedEpochs() {
        return checkpoint == null ? 0 : checkpoint.epoch();
    }

    /**
     * The name every file of an epoch's training state starts with, followed by a dot: {@code
     * <architecture>-<epoch as 4 digits>}, as DJL names its parameter files.
     *
     * @param epoch the epoch, from 1
     * @return for example {@code darkcovidnet-0003}
     */
    public String stateName(int epoch) {
        return String.format(Locale.ROOT, "%s-%04d", config.architecture(), epoch);
    }

    /**
     * The error that stops a run whose epoch stopped being finite: it names the last good
     * checkpoint and a lower learning rate to resume with.
     *
     * @param epoch the epoch that diverged, from 1
     * @param what what stopped being finite, e.g. {@code "the loss of a training batch became NaN"}
     * @param cause the engine's own report, or null
     * @return the exception to throw
     */
    public TrainingDivergedException diverged(int epoch, String what, Throwable cause) {
        return new TrainingDivergedException(epoch, what, checkpointDirectory, config.learningRate(), cause);
    }
}
