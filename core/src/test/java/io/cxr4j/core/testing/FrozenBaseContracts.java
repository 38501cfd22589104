package io.cxr4j.core.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cxr4j.core.config.TrainingConfig;
import io.cxr4j.core.data.Sample;
import io.cxr4j.core.data.XrayDataset;
import io.cxr4j.core.engine.CxrEngine;
import io.cxr4j.core.engine.Networks;
import io.cxr4j.core.engine.TrainingPlan;
import io.cxr4j.core.image.AugmentationSpec;
import io.cxr4j.core.image.PreprocessingSpec;
import io.cxr4j.core.image.ResizeMode;
import io.cxr4j.core.model.BaseWeights;
import io.cxr4j.core.model.ModelDirectory;
import io.cxr4j.core.model.NeutralWeights;
import io.cxr4j.core.model.NeutralWeights.Role;
import io.cxr4j.core.model.WeightsFile;
import io.cxr4j.core.training.TrainingRequest;
import io.cxr4j.core.training.TrainingResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What every engine's {@code vgg16} must guarantee when it starts from base weights, checked the
 * same way for each: a short run on 128 px RGB images leaves frozen layers bit for bit as the base
 * gave them and trains the rest, and base weights of another shape are refused naming the layer.
 * The base is VGG16-shaped with seeded random values (biases too, so that they are checked as
 * well); the engines' own conversion of Keras's layout is checked by the pretrained module.
 */
public final class FrozenBaseContracts {

    /** The weights file the base pretends to come from; recorded in the model's provenance. */
    public static final WeightsFile FILE = new WeightsFile("vgg16-test-base.h5", "ab".repeat(32));
    /** Layers of VGG16's five blocks, and of its first four. */
    private static final int BASE_LAYERS = Networks.layersInBlocks(Networks.VGG16, 5);
    private static final int FIRST_FOUR_BLOCKS = Networks.layersInBlocks(Networks.VGG16, 4);

    private FrozenBaseContracts() {}

    /**
     * A VGG16 base (13 convolutions, layer {@code i} the {@code i}-th) with seeded values: kernels
     * at He scale, biases small and non-zero.
     *
     * @param inputChannels the first convolution's input channels (3 for ImageNet weights)
     * @return the base weights
     */
    public static BaseWeights randomVgg16(int inputChannels) {
        return BaseWeights.seededRandom(Networks.VGG16, Networks.VGG16_BLOCKS, inputChannels, 29, FILE);
    }

    /**
     * With every block frozen (the seed project's transfer learning), a run changes the head and
     * nothing of the base: every base tensor of the written model equals the base's bit for bit,
     * the head's biases (zero at the start) are no longer zero, and the provenance names the file.
     *
     * @param engine the engine under test
     * @param temp a folder for images and the model
     * @throws IOException when the images or the model cannot be written or read
     */
    public static void aFrozenBaseIsBitIdenticalAfterTraining(CxrEngine engine, Path temp) throws IOException {
        BaseWeights base = randomVgg16(3);
        NeutralWeights trained = train(engine, temp, base, 5);

        for (int layer = 1; layer <= BASE_LAYERS; layer++) {
            assertUnchanged(trained, base, layer);
        }
        assertHeadTrained(trained);
    }

    /**
     * Fine-tuning from block 5 (blocks 1 to 4 frozen) changes block 5 and the head and leaves
     * blocks 1 to 4 bit for bit as the base gave them.
     *
     * @param engine the engine under test
     * @param temp a folder for images and the model
     * @throws IOException when the images or the model cannot be written or read
     */
    public static void fineTuningBlock5ChangesOnlyBlock5AndTheHead(CxrEngine engine, Path temp) throws IOException {
        BaseWeights base = randomVgg16(3);
        NeutralWeights trained = train(engine, temp, base, 4);

        for (int layer = 1; layer <= FIRST_FOUR_BLOCKS; layer++) {
            assertUnchanged(trained, base, layer);
        }
        for (int layer = FIRST_FOUR_BLOCKS + 1; layer <= BASE_LAYERS; layer++) {
            assertThat(trained.find(layer, Role.CONV_WEIGHT).orElseThrow().values())
                    .as("block 5 convolution %d trains", layer)
                    .isNotEqualTo(base.weights().find(layer, Role.CONV_WEIGHT).orElseThrow().values());
        }
        assertHeadTrained(trained);
    }

    /**
     * With every block frozen and no augmentation, training on the base's features computed once
     * ({@link TrainingPlan#cachesBaseFeatures}) gives the model that running the base on every
     * image in every epoch gives: every weight bit for bit, over two epochs with a validation pass
     * each and a batch that the shuffle changes from epoch to epoch, and the same {@code model.json}
     * (but for the time it was written and took). The base is the same arithmetic either way,
     * run once on the unaugmented images rather than on each epoch's batches; the head then sees
     * the same values and draws the same dropout masks.
     *
     * @param engine the engine under test
     * @param temp a folder for images and the models
     * @throws IOException when the images or the models cannot be written or read
     */
    public static void theBaseFeatureCacheTrainsTheSameModel(CxrEngine engine, Path temp) throws IOException {
        BaseWeights base = randomVgg16(3);
        XrayDataset data = images(temp);
        TrainingConfig config = config(5).toBuilder().optEpochs(2).build();
        TrainingResult cached = engine.train(TrainingRequest.of(data, data, config, temp.resolve("cached"))
                .withBaseWeights(base));
        TrainingResult uncached;
        String previous = System.setProperty(TrainingPlan.BASE_FEATURE_CACHE_PROPERTY, "false");
        try {
            uncached = engine.train(TrainingRequest.of(data, data, config, temp.resolve("uncached"))
                    .withBaseWeights(base));
        } finally {
            restoreProperty(previous);
        }

        NeutralWeights withCache = engine.exportWeights(cached.manifest(), cached.modelDirectory());
        NeutralWeights without = engine.exportWeights(uncached.manifest(), uncached.modelDirectory());
        assertSameWeights(withCache, without);
        assertHeadTrained(withCache);
        assertThat(scores(cached)).isEqualTo(scores(uncached));
        assertThat(withoutTimes(cached.modelDirectory())).isEqualTo(withoutTimes(uncached.modelDirectory()));
    }

    /**
     * A run with the base-feature cache stopped after epoch 2 and resumed computes the features
     * again from the checkpoint's base and ends with that base bit for bit as the base weights
     * gave it, its head trained and its three epochs recorded.
     *
     * @param engine the engine under test
     * @param temp a folder for images and the models
     * @throws IOException when the images or the models cannot be written or read
     */
    public static void aResumedRunWithTheCacheKeepsItsBaseFrozen(CxrEngine engine, Path temp) throws IOException {
        BaseWeights base = randomVgg16(3);
        TrainingResult resumed = stoppedAndResumed(engine, images(temp), base, temp.resolve("model"));

        NeutralWeights trained = engine.exportWeights(resumed.manifest(), resumed.modelDirectory());
        for (int layer = 1; layer <= BASE_LAYERS; layer++) {
            assertUnchanged(trained, base, layer);
        }
        assertHeadTrained(trained);
        assertThat(resumed.history().epochs()).extracting(e -> e.epoch()).containsExactly(1, 2, 3);
    }

    /**
     * A run with augmentation (which runs the whole network in every epoch, the base included)
     * stopped after epoch 2 and resumed ends with its base bit for bit as the base weights gave it
     * and its head trained: the resumed run's trainer keeps the frozen layers frozen.
     *
     * @param engine the engine under test
     * @param temp a folder for images and the models
     * @throws IOException when the images or the models cannot be written or read
     */
    public static void aResumedAugmentedRunKeepsItsBaseFrozen(CxrEngine engine, Path temp) throws IOException {
        BaseWeights base = randomVgg16(3);
        TrainingConfig augmented = config(5).toBuilder().optAugmentation(AugmentationSpec.defaults()).build();
        TrainingResult resumed = stoppedAndResumed(engine, images(temp), base, temp.resolve("model"), augmented);

        NeutralWeights trained = engine.exportWeights(resumed.manifest(), resumed.modelDirectory());
        for (int layer = 1; layer <= BASE_LAYERS; layer++) {
            assertUnchanged(trained, base, layer);
        }
        assertHeadTrained(trained);
        assertThat(resumed.history().epochs()).extracting(e -> e.epoch()).containsExactly(1, 2, 3);
    }

    /**
     * A run stopped after epoch 2 and resumed takes the steps the uninterrupted run takes: the same
     * weights bit for bit and the same losses and accuracies in every epoch. The head's dropout
     * draws its masks at random in every step, so this holds only when the resumed run draws the
     * masks the uninterrupted one draws in epoch 3.
     *
     * @param engine the engine under test
     * @param temp a folder for images and the models
     * @throws IOException when the images or the models cannot be written or read
     */
    public static void aResumedRunTakesTheStepsOfTheUninterruptedOne(CxrEngine engine, Path temp) throws IOException {
        BaseWeights base = randomVgg16(3);
        XrayDataset data = images(temp);
        TrainingConfig augmented = config(5).toBuilder().optAugmentation(AugmentationSpec.defaults()).build();
        TrainingResult resumed = stoppedAndResumed(engine, data, base, temp.resolve("resumed"), augmented);
        TrainingResult whole = engine.train(TrainingRequest.of(data, data, augmented.toBuilder().optEpochs(3).build(),
                temp.resolve("whole")).withBaseWeights(base));

        assertThat(scores(resumed)).isEqualTo(scores(whole));
        assertSameWeights(engine.exportWeights(resumed.manifest(), resumed.modelDirectory()),
                engine.exportWeights(whole.manifest(), whole.modelDirectory()));
    }

    private static TrainingResult stoppedAndResumed(CxrEngine engine, XrayDataset data, BaseWeights base,
            Path model) throws IOException {
        return stoppedAndResumed(engine, data, base, model, config(5));
    }

    private static TrainingResult stoppedAndResumed(CxrEngine engine, XrayDataset data, BaseWeights base,
            Path model, TrainingConfig config) throws IOException {
        TrainingConfig three = config.toBuilder().optEpochs(3).build();
        engine.train(TrainingRequest.of(data, data, three.toBuilder().optEpochs(2).build(), model)
                .withBaseWeights(base));
        return engine.train(TrainingRequest.of(data, data, three, model).withBaseWeights(base).resuming());
    }

    private static void restoreProperty(String previous) {
        if (previous == null) {
            System.clearProperty(TrainingPlan.BASE_FEATURE_CACHE_PROPERTY);
        } else {
            System.setProperty(TrainingPlan.BASE_FEATURE_CACHE_PROPERTY, previous);
        }
    }

    private static void assertSameWeights(NeutralWeights actual, NeutralWeights expected) {
        assertThat(actual.tensors()).hasSameSizeAs(expected.tensors());
        for (NeutralWeights.Tensor tensor : expected.tensors()) {
            float[] values = actual.find(tensor.layer(), tensor.role()).orElseThrow().values();
            assertThat(Arrays.equals(values, tensor.values()))
                    .as("layer %d %s is the same bit for bit with and without the cache", tensor.layer(), tensor.role())
                    .isTrue();
        }
    }

    /** Each epoch's losses and accuracies, without its time. */
    private static List<List<Double>> scores(TrainingResult result) {
        return result.history().epochs().stream().map(e -> List.of(e.trainLoss(), e.trainAccuracy(),
                e.validationLoss(), e.validationAccuracy())).toList();
    }

    /** model.json without the two values that differ from one run to the next: when and how long. */
    private static String withoutTimes(Path modelDirectory) throws IOException {
        return Files.readString(modelDirectory.resolve(ModelDirectory.MANIFEST_FILE))
                .replaceAll("\"createdAt\"\\s*:\\s*\"[^\"]*\"", "\"createdAt\": -")
                .replaceAll("\"trainingSeconds\"\\s*:\\s*[-+.0-9eE]+", "\"trainingSeconds\": -");
    }

    /**
     * Base weights made for one input channel do not fit a three-channel vgg16: training is refused
     * before any epoch, with the layer, its name in the file and both shapes in the message; and a
     * configuration that freezes blocks without base weights is refused as well.
     *
     * @param engine the engine under test
     * @param temp a folder for images and the model
     */
    public static void aBaseOfAnotherShapeIsRefusedNamingTheLayer(CxrEngine engine, Path temp) {
        assertThatThrownBy(() -> train(engine, temp.resolve("gray"), randomVgg16(1), 5))
                .hasStackTraceContaining("Layer 1 (block1_conv1, conv weight) of the base weights from "
                        + FILE.name() + " has shape [64, 1, 3, 3], but the network needs [64, 3, 3, 3]");
        XrayDataset data = images(temp.resolve("none"));
        assertThatThrownBy(() -> engine.train(TrainingRequest.of(data, null, config(5), temp.resolve("none/model"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("frozenBlocks is 5 but the request has no base weights");
    }

    private static NeutralWeights train(CxrEngine engine, Path temp, BaseWeights base, int frozenBlocks)
            throws IOException {
        TrainingResult result = engine.train(TrainingRequest.of(images(temp), null, config(frozenBlocks),
                temp.resolve("model")).withBaseWeights(base));
        assertThat(result.manifest().provenance().baseWeights()).isEqualTo(FILE);
        assertThat(result.manifest().training().frozenBlocks()).isEqualTo(frozenBlocks);
        return engine.exportWeights(result.manifest(), result.modelDirectory());
    }

    private static TrainingConfig config(int frozenBlocks) {
        return TrainingConfig.builder()
                .optArchitecture(Networks.VGG16)
                .optEpochs(1)
                .optBatchSize(2)
                .optPreprocessing(new PreprocessingSpec(Networks.minimumImageSize(Networks.VGG16), 3,
                        ResizeMode.STRETCH, 0f, 1f))
                .optAugmentation(AugmentationSpec.none())
                .optFrozenBlocks(frozenBlocks)
                .build();
    }

    private static XrayDataset images(Path temp) {
        Path folder = SyntheticImages.writeTwoClassFolder(temp.resolve("images"), 2);
        List<Sample> samples = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            samples.add(Sample.of(folder.resolve("covid/c" + i + ".png"), "covid"));
            samples.add(Sample.of(folder.resolve("normal/n" + i + ".png"), "normal"));
        }
        return new XrayDataset("two-class", List.of("covid", "normal"), samples);
    }

    private static void assertUnchanged(NeutralWeights trained, BaseWeights base, int layer) {
        for (Role role : new Role[] {Role.CONV_WEIGHT, Role.CONV_BIAS}) {
            float[] expected = base.weights().find(layer, role).orElseThrow().values();
            float[] actual = trained.find(layer, role).orElseThrow().values();
            // Arrays.equals compares the floats' bits: frozen means bit-identical.
            assertThat(Arrays.equals(actual, expected)).as("layer %d %s is the base's, bit for bit", layer, role)
                    .isTrue();
        }
    }

    private static void assertHeadTrained(NeutralWeights trained) {
        for (int layer = BASE_LAYERS + 1; layer <= BASE_LAYERS + 2; layer++) {
            float[] bias = trained.find(layer, Role.DENSE_BIAS).orElseThrow().values();
            float[] zeros = new float[bias.length];
            assertThat(bias).as("the head's dense layer %d trains (its bias starts at zero)", layer)
                    .isNotEqualTo(zeros);
        }
    }
}
