package io.cxr4j.core.config;

import io.cxr4j.core.image.AugmentationSpec;
import io.cxr4j.core.image.IntensityTransform;
import io.cxr4j.core.image.PixelNormalization;
import io.cxr4j.core.image.PreprocessingSpec;
import java.math.BigDecimal;
import java.util.Locale;
import java.util.Objects;

/**
 * How to train a model. Saved in every model's manifest, so a model tells how it was made.
 *
 * <p>The defaults are the seed project's protocol (25 epochs, batch 8, Adam at 1e-3, rotation up to
 * 10 degrees, 224 x 224 input) on the DarkCovidNet architecture, with balanced class weights.
 *
 * @param architecture the network, such as {@code darkcovidnet}, {@code darkcovidnet-gap} or {@code seed-vgg}
 * @param epochs passes over the training data
 * @param batchSize images per optimizer step
 * @param learningRate Adam's base learning rate
 * @param schedule how the learning rate changes over training
 * @param weightDecay L2 penalty added to the loss (0 for none)
 * @param classWeighting how the loss weighs the classes
 * @param seed seeds weight initialisation, shuffling and augmentation
 * @param preprocessing the model's input, used verbatim at inference
 * @param augmentation random changes to training images (never applied at inference)
 * @param precision the number format of the training computation
 * @param frozenBlocks how many convolution blocks, counted from the input, keep their starting
 *     weights (base weights given with {@link io.cxr4j.core.training.TrainingRequest#withBaseWeights}):
 *     0 trains every layer; for {@code vgg16}, 5 trains only the head (the seed project's transfer
 *     learning) and 4 fine-tunes block 5 with it. Absent in older manifests, where it reads as 0.
 * @param sampling how an epoch draws the training images; absent in older manifests, where it
 *     reads as {@link Sampling#UNIFORM}
 */
public record TrainingConfig(
        String architecture,
        int epochs,
        int batchSize,
        double learningRate,
        LearningRateSchedule schedule,
        double weightDecay,
        ClassWeighting classWeighting,
        long seed,
        PreprocessingSpec preprocessing,
        AugmentationSpec augmentation,
        Precision precision,
        int frozenBlocks,
        Sampling sampling) {

    /** The default architecture. */
    public static final String DEFAULT_ARCHITECTURE = "darkcovidnet";

    /**
     * Validates every setting.
     *
     * @param architecture the network; not null
     * @param epochs passes over the training data, at least 1
     * @param batchSize images per optimizer step, at least 1
     * @param learningRate Adam's base learning rate, positive
     * @param schedule how the learning rate changes over training; not null
     * @param weightDecay L2 penalty added to the loss, 0 or more (0 for none)
     * @param classWeighting how the loss weighs the classes; not null
     * @param seed seeds weight initialisation, shuffling and augmentation
     * @param preprocessing the model's input; not null
     * @param augmentation random changes to training images; not null
     * @param precision the number format of the training computation; not null
     * @param frozenBlocks how many convolution blocks keep their starting weights, 0 or more
     * @param sampling how an epoch draws the training images; null (a model or checkpoint written
     *     before it was recorded) means {@link Sampling#UNIFORM}
     * @throws IllegalArgumentException when the epochs or batch size are below 1, the learning rate is not
     *     positive, the weight decay or the frozen block count is negative
     */
    public TrainingConfig {
        Objects.requireNonNull(architecture, "architecture");
        Objects.requireNonNull(schedule, "schedule");
        Objects.requireNonNull(classWeighting, "classWeighting");
        Objects.requireNonNull(preprocessing, "preprocessing");
        Objects.requireNonNull(augmentation, "augmentation");
        Objects.requireNonNull(precision, "precision");
        if (sampling == null) {
            sampling = Sampling.UNIFORM;
        }
        if (epochs < 1) {
            throw new IllegalArgumentException("epochs must be at least 1, was " + epochs);
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be at least 1, was " + batchSize);
        }
        if (!(learningRate > 0)) {
            throw new IllegalArgumentException("learning rate must be positive, was " + learningRate);
        }
        if (weightDecay < 0) {
            throw new IllegalArgumentException("weight decay must be >= 0, was " + weightDecay);
        }
        if (frozenBlocks < 0) {
            throw new IllegalArgumentException("frozen blocks must be >= 0, was " + frozenBlocks);
        }
    }

    /**
     * A configuration that trains every layer ({@link #frozenBlocks()} 0) on every image once per
     * epoch ({@link Sampling#UNIFORM}).
     *
     * @param architecture the network; not null
     * @param epochs passes over the training data, at least 1
     * @param batchSize images per optimizer step, at least 1
     * @param learningRate Adam's base learning rate, positive
     * @param schedule how the learning rate changes over training; not null
     * @param weightDecay L2 penalty added to the loss, 0 or more (0 for none)
     * @param classWeighting how the loss weighs the classes; not null
     * @param seed seeds weight initialisation, shuffling and augmentation
     * @param preprocessing the model's input; not null
     * @param augmentation random changes to training images; not null
     * @param precision the number format of the training computation; not null
     */
    public TrainingConfig(String architecture, int epochs, int batchSize, double learningRate,
            LearningRateSchedule schedule, double weightDecay, ClassWeighting classWeighting, long seed,
            PreprocessingSpec preprocessing, AugmentationSpec augmentation, Precision precision) {
        this(architecture, epochs, batchSize, learningRate, schedule, weightDecay, classWeighting, seed,
                preprocessing, augmentation, precision, 0, Sampling.UNIFORM);
    }

    /**
     * One line naming every setting that changes what is learned, for reports and logs, e.g.
     * {@code darkcovidnet, 30 epochs, batch 32, Adam 0.003 cosine, weight decay 0.0005, balanced
     * class weights, 128 px pad, 1 channel(s), rotation 10 deg, zoom 0.1, shift 0.1, brightness 0.1,
     * contrast 0.1, horizontal flips, bfloat16, seed 42}; a configuration with frozen blocks names
     * them after the architecture, e.g. {@code vgg16 (blocks 1-5 frozen), ...}, and a pixel
     * normalization other than the range follows the channels, e.g. {@code 3 channel(s) caffe}; an
     * {@link IntensityTransform} other than {@code NONE} follows the resize mode, e.g. {@code 128 px
     * center_crop clahe}; {@link Sampling#SOURCE_BALANCED} follows the augmentation, e.g. {@code
     * contrast 0.1, source-balanced sampling, float32}.
     *
     * @return the summary
     */
    public String summary() {
        return String.format(Locale.ROOT, "%s%s, %d epoch%s, batch %d, Adam %s %s, weight decay %s, %s class"
                        + " weights, %d px %s%s, %d channel(s)%s, %s%s, %s, seed %d", architecture,
                frozenBlocks == 0 ? "" : " (blocks 1-" + frozenBlocks + " frozen)", epochs,
                epochs == 1 ? "" : "s", batchSize,
                number(learningRate), lower(schedule), number(weightDecay), lower(classWeighting),
                preprocessing.imageSize(), lower(preprocessing.resizeMode()),
                preprocessing.intensity() == IntensityTransform.NONE ? "" : " " + lower(preprocessing.intensity()),
                preprocessing.channels(),
                preprocessing.normalization() == PixelNormalization.RANGE ? ""
                        : " " + lower(preprocessing.normalization()),
                augmentation.summary(), sampling == Sampling.SOURCE_BALANCED ? ", source-balanced sampling" : "",
                lower(precision), seed);
    }

    private static String lower(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }

    private static String number(double value) {
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }

    /** @return a builder holding the defaults */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a builder holding this configuration's values */
    public Builder toBuilder() {
        return new Builder()
                .optArchitecture(architecture)
                .optEpochs(epochs)
                .optBatchSize(batchSize)
                .optLearningRate(learningRate)
                .optSchedule(schedule)
                .optWeightDecay(weightDecay)
                .optClassWeighting(classWeighting)
                .optSeed(seed)
                .optPreprocessing(preprocessing)
                .optAugmentation(augmentation)
                .optPrecision(precision)
                .optFrozenBlocks(frozenBlocks)
                .optSampling(sampling);
    }

    /** Builds a {@link TrainingConfig}; every option has a default. */
    public static final class Builder {
        private String architecture = DEFAULT_ARCHITECTURE;
        private int epochs = 25;
        private int batchSize = 8;
        private double learningRate = 1e-3;
        private LearningRateSchedule schedule = LearningRateSchedule.CONSTANT;
        private double weightDecay;
        private ClassWeighting classWeighting = ClassWeighting.BALANCED;
        private long seed = 42;
        private PreprocessingSpec preprocessing = PreprocessingSpec.defaults();
        private AugmentationSpec augmentation = AugmentationSpec.defaults();
        private Precision precision = Precision.FLOAT32;
        private int frozenBlocks;
        private Sampling sampling = Sampling.UNIFORM;

        private Builder() {}

        /**
         * @param value the architecture name
         * @return this builder
         */
        public Builder optArchitecture(String value) {
            architecture = value;
            return this;
        }

        /**
         * @param value the number of epochs
         * @return this builder
         */
        public Builder optEpochs(int value) {
            epochs = value;
            return this;
        }

        /**
         * @param value the batch size
         * @return this builder
         */
        public Builder optBatchSize(int value) {
            batchSize = value;
            return this;
        }

        /**
         * @param value the base learning rate
         * @return this builder
         */
        public Builder optLearningRate(double value) {
            learningRate = value;
            return this;
        }

        /**
         * @param value the learning-rate schedule
         * @return this builder
         */
        public Builder optSchedule(LearningRateSchedule value) {
            schedule = value;
            return this;
        }

        /**
         * @param value the L2 penalty
         * @return this builder
         */
        public Builder optWeightDecay(double value) {
            weightDecay = value;
            return this;
        }

        /**
         * @param value the class weighting
         * @return this builder
         */
        public Builder optClassWeighting(ClassWeighting value) {
            classWeighting = value;
            return this;
        }

        /**
         * @param value the random seed
         * @return this builder
         */
        public Builder optSeed(long value) {
            seed = value;
            return this;
        }

        /**
         * @param value the model's input specification
         * @return this builder
         */
        public Builder optPreprocessing(PreprocessingSpec value) {
            preprocessing = value;
            return this;
        }

        /**
         * @param value the training augmentation
         * @return this builder
         */
        public Builder optAugmentation(AugmentationSpec value) {
            augmentation = value;
            return this;
        }

        /**
         * @param value the number format of the training computation
         * @return this builder
         */
        public Builder optPrecision(Precision value) {
            precision = value;
            return this;
        }

        /**
         * @param value how many convolution blocks, from the input, keep their starting weights
         *     (0, the default, trains every layer)
         * @return this builder
         */
        public Builder optFrozenBlocks(int value) {
            frozenBlocks = value;
            return this;
        }

        /**
         * @param value how an epoch draws the training images (default {@link Sampling#UNIFORM};
         *     {@link Sampling#SOURCE_BALANCED} for data of several sources)
         * @return this builder
         */
        public Builder optSampling(Sampling value) {
            sampling = value;
            return this;
        }

        /** @return the configuration */
        public TrainingConfig build() {
            return new TrainingConfig(architecture, epochs, batchSize, learningRate, schedule,
                    weightDecay, classWeighting, seed, preprocessing, augmentation, precision, frozenBlocks,
                    sampling);
        }
    }
}
