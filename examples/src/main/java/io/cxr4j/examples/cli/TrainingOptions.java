package io.cxr4j.examples.cli;

import io.cxr4j.core.data.XrayDataset;
import io.cxr4j.core.engine.CxrEngine;
import io.cxr4j.core.engine.Engines;
import io.cxr4j.core.engine.Networks;
import io.cxr4j.core.image.PixelNormalization;
import io.cxr4j.core.model.BaseWeights;
import io.cxr4j.core.image.AugmentationSpec;
import io.cxr4j.core.image.IntensityTransform;
import io.cxr4j.core.image.PreprocessingSpec;
import io.cxr4j.core.image.ResizeMode;
import io.cxr4j.core.split.SplitStrategy;
import io.cxr4j.core.config.ClassWeighting;
import io.cxr4j.core.config.LearningRateSchedule;
import io.cxr4j.core.config.Precision;
import io.cxr4j.core.config.Sampling;
import io.cxr4j.core.config.TrainingConfig;
import io.cxr4j.pretrained.KerasWeights;
import io.cxr4j.pretrained.PretrainedCache;
import io.cxr4j.pretrained.PublishedWeights;
import io.cxr4j.pretrained.VggTopology;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Option;

/** How to train, shared by {@code train} and {@code cross-validate}. */
final class TrainingOptions {

    /** The {@code --weights} value that names Keras's published VGG16 ImageNet file. */
    static final String IMAGENET = "imagenet";

    @Option(names = "--arch", defaultValue = TrainingConfig.DEFAULT_ARCHITECTURE,
            description = "Network: darkcovidnet, darkcovidnet-gap, seed-vgg or vgg16 (Keras's VGG16 base with the"
                    + " seed's head; with --weights imagenet, the seed's transfer learning). Default: ${DEFAULT-VALUE}.")
    String architecture;

    @Option(names = "--weights", paramLabel = "imagenet|FILE", description = "Start vgg16's 13 convolutions from"
            + " pretrained weights: imagenet (Keras's published VGG16 file, 58.9 MB, downloaded once into the cxr4j"
            + " cache and checked against its MD5; offline, the error says where to put it by hand) or FILE, a Keras"
            + " HDF5 weights file of VGG16's base. The convolutions stay frozen and only the head trains, as the"
            + " seed did, unless --fine-tune-from is given. Default: none (every layer from random values).")
    String weights;

    @Option(names = "--fine-tune-from", paramLabel = "blockN", description = "With --weights: train vgg16's"
            + " blocks N to 5 with the head (block5: the last block only; block1: every layer). Default: every"
            + " block frozen.")
    String fineTuneFrom;

    @Option(names = "--engine", description = "Engine to train with (pytorch, tensorflow). Default: "
            + "-Dcxr4j.engine, CXR4J_ENGINE, else the only or the default engine on the classpath.")
    String engine;

    @Option(names = "--epochs", defaultValue = "25", description = "Default: ${DEFAULT-VALUE}.")
    int epochs;

    @Option(names = "--batch-size", defaultValue = "8", description = "Default: ${DEFAULT-VALUE}.")
    int batchSize;

    @Option(names = "--learning-rate", defaultValue = "0.001", description = "Adam. Default: ${DEFAULT-VALUE}.")
    double learningRate;

    @Option(names = "--weight-decay", defaultValue = "0", description = "L2 penalty: decay times each"
            + " weight is added to its gradient before Adam's update (as DJL's Adam does; not AdamW's"
            + " decoupled decay). Default: ${DEFAULT-VALUE}.")
    double weightDecay;

    @Option(names = "--schedule", defaultValue = "constant",
            description = "Learning-rate schedule: ${COMPLETION-CANDIDATES}. Default: ${DEFAULT-VALUE}.")
    LearningRateSchedule schedule;

    @Option(names = "--precision", defaultValue = "float32", description = "Number format of the training"
            + " computation: float32, or bfloat16 (mixed precision, PyTorch engine; faster on CPUs with AVX-512 BF16"
            + " or AMX, an epoch in about 0.7x the float32 time; weights and saved models stay float32)."
            + " Default: ${DEFAULT-VALUE}.")
    Precision precision;

    @Option(names = "--class-weights", defaultValue = "balanced",
            description = "Loss weighting: ${COMPLETION-CANDIDATES}. Default: ${DEFAULT-VALUE}.")
    ClassWeighting classWeights;

    @Option(names = "--balance-sources", description = "Share each class's draws per epoch equally among the"
            + " sources of its images (with --dataset or --data given several times, or a metadata.csv naming"
            + " sources), so that a class made of a large and a small collection does not learn mostly the"
            + " large one's look; an epoch keeps its size and each class its number of draws. Off by default:"
            + " every image once per epoch.")
    boolean balanceSources;

    @Option(names = "--image-size", defaultValue = "224", description = "Square input side. Default: ${DEFAULT-VALUE}.")
    int imageSize;

    @Option(names = "--channels",
            description = "Input channels: 1 (gray) or 3 (gray repeated). Default: 3 for vgg16 (its ImageNet"
                    + " weights take RGB), else 1.")
    Integer channels;

    @Option(names = "--normalization", defaultValue = "range", description = "Pixel values: range (gray in"
            + " [0, 1]; with 3 channels the seed's RGB divided by 255) or caffe (the input Keras's VGG16 ImageNet"
            + " weights were trained on: BGR, 0-255 minus the ImageNet channel means; needs 3 channels)."
            + " Default: ${DEFAULT-VALUE}.")
    String normalization;

    @Option(names = "--resize", defaultValue = "crop",
            description = "How images become square: crop (centre square; removes the aspect-ratio"
                    + " cue that tells the public sets' sources apart), stretch (as the seed did;"
                    + " keeps the cue as distorted anatomy) or pad (keeps it as black bars)."
                    + " Default: ${DEFAULT-VALUE}.")
    String resize;

    @Option(names = "--intensity", defaultValue = "none", paramLabel = "none|equalize|clahe",
            description = "Per-image gray-value normalisation after the image is made square, at training"
                    + " and (recorded in model.json) at inference: none, equalize (histogram equalisation) or"
                    + " clahe (contrast-limited adaptive equalisation, 8x8 tiles, clip limit 2)."
                    + " Default: ${DEFAULT-VALUE}.")
    String intensity;

    @Option(names = "--augmentation", defaultValue = "default", paramLabel = "default|seed|none",
            description = "Training-time distortions: default (rotation up to 10 degrees, 10%% zoom, shift,"
                    + " brightness and contrast; nearest pixel, black outside the image), seed (the seed project's"
                    + " Keras rotation up to 10 degrees only, bilinear, the uncovered corners filled with the"
                    + " nearest edge pixel) or none. Default: ${DEFAULT-VALUE}.")
    String augmentation;

    @Option(names = "--no-augmentation", description = "The same as --augmentation none.")
    boolean noAugmentation;

    @Option(names = "--flip", description = "Also mirror a random half of the training images left to"
            + " right, as CheXNet and fastai's default transforms do. Off by default: a mirrored chest has"
            + " its heart on the wrong side.")
    boolean flip;

    @Option(names = "--seed", defaultValue = "42", description = "Seeds split, weights, shuffling and"
            + " augmentation. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--split-by", description = "image (as the seed did) or patient (no patient on both"
            + " sides). Default: patient when the data set records patient ids, else image.")
    SplitStrategy splitBy;

    @Option(names = "--target-sensitivity", paramLabel = "S", description = "Also report the operating point"
            + " whose threshold on p(covid) reaches this sensitivity on a validation part carved from the"
            + " training data, or in train on --validation-dataset/--validation-data (never the test data),"
            + " e.g. 0.95. Without a covid class, on p(first class).")
    Double targetSensitivity;

    @Option(names = "--validation-fraction", defaultValue = "0.1", paramLabel = "F", description = "Share of"
            + " the training part held out as validation (learning curves, threshold choice) in cross-validate,"
            + " and in train when --target-sensitivity is given. 0 for none. Default: ${DEFAULT-VALUE}.")
    double validationFraction;

    TrainingConfig config() {
        if (imageSize < PreprocessingSpec.MIN_IMAGE_SIZE || imageSize > PreprocessingSpec.MAX_IMAGE_SIZE) {
            throw new IllegalArgumentException("--image-size must be " + PreprocessingSpec.MIN_IMAGE_SIZE + " to "
                    + PreprocessingSpec.MAX_IMAGE_SIZE + " pixels, was " + imageSize);
        }
        int inputChannels = channels != null ? channels : Networks.VGG16.equals(architecture) ? 3 : 1;
        if (inputChannels != 1 && inputChannels != 3) {
            throw new IllegalArgumentException("--channels must be 1 (gray) or 3 (gray repeated), was " + channels);
        }
        if (weights != null && Networks.VGG16.equals(architecture) && inputChannels != 3) {
            throw new IllegalArgumentException("--weights gives VGG16 weights for three input channels: drop"
                    + " --channels " + channels + " (vgg16 takes 3 by default)");
        }
        PixelNormalization pixels = normalization(normalization);
        if (pixels == PixelNormalization.CAFFE && inputChannels != 3) {
            throw new IllegalArgumentException("--normalization caffe makes blue, green and red channels: use"
                    + " --channels 3 with it");
        }
        PreprocessingSpec preprocessing = new PreprocessingSpec(imageSize, inputChannels, resizeMode(resize), 0f, 1f)
                .withNormalization(pixels).withIntensity(intensityTransform(intensity));
        return TrainingConfig.builder()
                .optArchitecture(architecture)
                .optEpochs(epochs)
                .optBatchSize(batchSize)
                .optLearningRate(learningRate)
                .optWeightDecay(weightDecay)
                .optSchedule(schedule)
                .optPrecision(precision)
                .optClassWeighting(classWeights)
                .optSampling(balanceSources ? Sampling.SOURCE_BALANCED : Sampling.UNIFORM)
                .optSeed(seed)
                .optPreprocessing(preprocessing)
                .optAugmentation(augmentation())
                .optFrozenBlocks(frozenBlocks())
                .build();
    }

    /**
     * The blocks that keep their pretrained weights: with {@code --weights}, all but those from
     * {@code --fine-tune-from} on; without, none.
     */
    private int frozenBlocks() {
        if (weights == null) {
            if (fineTuneFrom != null) {
                throw new IllegalArgumentException("--fine-tune-from needs pretrained --weights to fine-tune: add"
                        + " --weights imagenet or --weights FILE, or drop --fine-tune-from to train every layer");
            }
            return 0;
        }
        if (!Networks.VGG16.equals(architecture)) {
            throw new IllegalArgumentException("--weights gives VGG16 base weights, but --arch is " + architecture
                    + "; use --arch vgg16 with it");
        }
        int blocks = Networks.convolutionBlocks(architecture).size();
        if (fineTuneFrom == null) {
            return blocks;
        }
        Matcher block = Pattern.compile("block([1-9])").matcher(fineTuneFrom);
        if (!block.matches() || Integer.parseInt(block.group(1)) > blocks) {
            throw new IllegalArgumentException("--fine-tune-from must be block1 to block" + blocks + ", was '"
                    + fineTuneFrom + "'");
        }
        return Integer.parseInt(block.group(1)) - 1;
    }

    /**
     * The pretrained weights named by {@code --weights}: Keras's ImageNet file from the cxr4j cache
     * (downloaded on first use, never replaced by random values when missing), or a local file.
     *
     * @return the base weights, or null without {@code --weights}
     * @throws IOException when the file is missing, cannot be downloaded or does not fit VGG16's base;
     *     the message says where to put the ImageNet file by hand
     */
    BaseWeights baseWeights() throws IOException {
        if (weights == null) {
            return null;
        }
        Path file = IMAGENET.equals(weights) ? PretrainedCache.builder().build().fetch(PublishedWeights.VGG16_NOTOP)
                : Path.of(weights);
        return KerasWeights.readBase(file, VggTopology.vgg16());
    }

    private static PixelNormalization normalization(String name) {
        return switch (name) {
            case "range" -> PixelNormalization.RANGE;
            case "caffe" -> PixelNormalization.CAFFE;
            default -> throw new IllegalArgumentException("Unknown --normalization '" + name + "'; use range or caffe.");
        };
    }

    /**
     * The engine to train with, once it has confirmed it can train these settings at all, so that a
     * mistyped option fails before any image is read.
     *
     * @param config the settings from {@link #config()}
     * @return the engine chosen by {@code --engine}, the environment or the classpath
     */
    CxrEngine trainableEngine(TrainingConfig config) {
        CxrEngine chosen = Engines.select(engine);
        chosen.checkTrainable(config);
        return chosen;
    }

    private AugmentationSpec augmentation() {
        String chosen = augmentation;
        if (noAugmentation) {
            if (!"default".equals(augmentation) && !"none".equals(augmentation)) {
                throw new IllegalArgumentException("--no-augmentation and --augmentation " + augmentation
                        + " contradict each other: drop one of them");
            }
            chosen = "none";
        }
        AugmentationSpec spec = switch (chosen) {
            case "default" -> AugmentationSpec.defaults();
            case "seed" -> AugmentationSpec.seedProject();
            case "none" -> AugmentationSpec.none();
            default -> throw new IllegalArgumentException("Unknown --augmentation '" + chosen
                    + "'; use default, seed or none.");
        };
        if (spec.isNone() && flip) {
            throw new IllegalArgumentException("--flip and " + (noAugmentation ? "--no-augmentation" : "--augmentation none")
                    + " contradict each other: drop one of them");
        }
        return spec.withHorizontalFlip(flip);
    }

    SplitStrategy strategy(XrayDataset dataset) {
        return splitBy != null ? splitBy : SplitStrategy.defaultFor(dataset.hasPatientIds());
    }

    /**
     * Fails before any training when the threshold options cannot work together.
     *
     * @param validationFromFraction false when the validation parts come from a folds file, which
     *     then decides whether there is validation data
     */
    void checkThresholdOptions(boolean validationFromFraction) {
        if (!(validationFraction >= 0 && validationFraction < 1)) {
            throw new IllegalArgumentException("--validation-fraction must be in [0, 1), was " + validationFraction);
        }
        if (targetSensitivity != null && !(targetSensitivity > 0 && targetSensitivity <= 1)) {
            throw new IllegalArgumentException("--target-sensitivity must be in (0, 1], e.g. 0.95, was "
                    + targetSensitivity);
        }
        if (validationFromFraction && targetSensitivity != null && validationFraction == 0) {
            throw new IllegalArgumentException("--target-sensitivity needs validation data to choose the threshold"
                    + " on; use a --validation-fraction above 0 (e.g. 0.1). The test data is never used for it.");
        }
    }

    static ResizeMode resizeMode(String name) {
        return switch (name) {
            case "stretch" -> ResizeMode.STRETCH;
            case "pad" -> ResizeMode.PAD;
            case "crop" -> ResizeMode.CENTER_CROP;
            default -> throw new IllegalArgumentException("Unknown --resize '" + name + "'; use stretch, pad or crop.");
        };
    }

    static IntensityTransform intensityTransform(String name) {
        return switch (name) {
            case "none" -> IntensityTransform.NONE;
            case "equalize" -> IntensityTransform.HISTOGRAM_EQUALIZATION;
            case "clahe" -> IntensityTransform.CLAHE;
            default -> throw new IllegalArgumentException("Unknown --intensity '" + name
                    + "'; use none, equalize or clahe.");
        };
    }
}
