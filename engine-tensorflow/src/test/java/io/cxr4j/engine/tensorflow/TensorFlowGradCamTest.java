package io.cxr4j.engine.tensorflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.cxr4j.core.engine.Networks;
import io.cxr4j.core.engine.CxrEngine;
import io.cxr4j.core.explain.ClassActivationMap;
import io.cxr4j.core.explain.Explanation;
import io.cxr4j.core.image.PreprocessingSpec;
import io.cxr4j.core.image.ResizeMode;
import io.cxr4j.core.inference.XrayClassifier;
import io.cxr4j.core.model.ModelDirectory;
import io.cxr4j.core.model.ModelManifest;
import io.cxr4j.core.testing.InferenceContracts;
import io.cxr4j.core.testing.TinyModel;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.math.Mean;
import org.tensorflow.types.TFloat32;

/**
 * Grad-CAM on TensorFlow: the case checked by hand in the PyTorch engine's GradCamTest, the
 * blocks it weights in both architectures, class choice, thread safety and a trained model.
 */
class TensorFlowGradCamTest {

    @BeforeAll
    static void natives() {
        TensorFlowRuntime.loadNatives();
    }

    /**
     * The PyTorch engine's hand-checked network. Features: a 1x1 convolution with weights 1 and 2,
     * so A0 = x and A1 = 2x. Head: global average pool and a linear layer with weights [[1, 0], [0,
     * -1]], so logit0 = mean(A0) and logit1 = -mean(A1). On a 2x2 image the gradients are d
     * logit0/dA0 = 1/4 (A1: 0) and d logit1/dA1 = -1/4 (A0: 0), so the maps are ReLU(x / 4) and
     * ReLU(-2x / 4).
     */
    private static TensorFlowGradCam handCheckedGradCam() {
        Graph graph = new Graph();
        Ops tf = Ops.create(graph);
        Placeholder<TFloat32> input = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, 1, 2, 2)));
        Operand<TFloat32> channelLast = tf.linalg.transpose(input, tf.constant(new int[] {0, 2, 3, 1}));
        Operand<TFloat32> kernel = tf.constant(new float[][][][] {{{{1f, 2f}}}});
        Operand<TFloat32> maps = tf.nn.conv2d(channelLast, kernel, List.of(1L, 1L, 1L, 1L), "VALID");
        Operand<TFloat32> pooled = tf.math.mean(maps, tf.constant(new int[] {1, 2}), Mean.keepDims(false));
        Operand<TFloat32> logits = tf.linalg.matMul(pooled, tf.constant(new float[][] {{1f, 0f}, {0f, -1f}}));
        return new TensorFlowGradCam(graph, new Session(graph), input, maps, logits, "hand convolution 1 of 1");
    }

    @Test
    void matchesTheHandComputedMaps() throws Exception {
        try (TensorFlowGradCam gradCam = handCheckedGradCam()) {
            float[] x = {1f, -2f, 3f, -4f};

            ClassActivationMap first = gradCam.compute(x, 0);
            ClassActivationMap second = gradCam.compute(x, 1);

            assertThat(first.map().width()).isEqualTo(2);
            assertThat(first.map().height()).isEqualTo(2);
            assertThat(first.map().values()).containsExactly(new float[] {0.25f, 0f, 0.75f, 0f}, within(1e-6f));
            assertThat(second.map().values()).containsExactly(new float[] {0f, 1f, 0f, 2f}, within(1e-6f));
            assertThat(first.targetLayer())
                    .isEqualTo("hand convolution 1 of 1 (last convolution block, 2 feature maps of 2x2)");
            assertThatThrownBy(() -> gradCam.compute(x, 2)).hasMessageContaining("Class index 2");
            assertThatThrownBy(() -> gradCam.compute(x, -1)).hasMessageContaining("Class index -1");
            assertThatThrownBy(() -> gradCam.compute(new float[3], 0)).hasMessageContaining("got 3");
        }
    }

    @Test
    void weightsTheSameBlockAsThePyTorchEngine() {
        // DarkCovidNet: 16 convolutions in blocks, then the bare per-class one; the maps are those of
        // the 256-filter block, 224 / 32 = 7 cells a side; darkcovidnet-gap has no per-class one.
        // seed-vgg: the tenth convolution, before
        // the last 2x2 pool, so 128 / 16 = 8 cells.
        assertLastBlock(Networks.DARKCOVIDNET, 224, "convolution 16 of 17", 7, 256);
        assertLastBlock(Networks.DARKCOVIDNET_GAP, 224, "convolution 16 of 16", 7, 256);
        assertLastBlock(Networks.SEED_VGG, 128, "convolution 10 of 10", 8, 128);
    }

    private static void assertLastBlock(String architecture, int size, String name, long side, long maps) {
        try (Graph graph = new Graph()) {
            Network network = Architectures.build(Ops.create(graph), architecture,
                    new PreprocessingSpec(size, 1, ResizeMode.STRETCH, 0f, 1f), 2, 1);
            assertThat(network.lastBlock().name()).as(architecture).isEqualTo(name);
            // Shapes with an unknown batch size never compare equal, so compare their sizes.
            assertThat(network.lastBlock().maps().shape().asArray()).as(architecture)
                    .containsExactly(Shape.UNKNOWN_SIZE, side, side, maps);
        }
    }

    @Test
    void explainsTheRequestedClassOfATrainedModel() throws Exception {
        TinyModel tiny = TinyModel.of(CxrEngine.of(new TensorFlowEngineProvider()));
        try (XrayClassifier classifier = XrayClassifier.load(tiny.directory())) {
            assertThat(classifier.canExplain()).isTrue();
            Path image = tiny.images().get(0);
            Explanation predicted = classifier.explain(image);
            Explanation b = classifier.explain(image, "b");

            assertThat(predicted.classIndex()).isEqualTo(predicted.prediction().predictedIndex());
            assertThat(predicted.explainsPrediction()).isTrue();
            assertThat(b.className()).isEqualTo("b");
            assertThat(b.classIndex()).isEqualTo(1);
            assertThat(predicted.metadata().engine()).isEqualTo("tensorflow");
            // The tiny model's 32-pixel input leaves DarkCovidNet's last block a single cell.
            assertThat(predicted.metadata().targetLayer()).isEqualTo(
                    "darkcovidnet convolution 16 of 17 (last convolution block, 256 feature maps of 1x1)");
            assertThat(predicted.metadata().featureMapWidth()).isEqualTo(1);
            assertThat(predicted.inputHeatMap().width()).isEqualTo(32);
            assertThat(predicted.heatMap().width()).isEqualTo(48);
            assertThat(predicted.heatMap().height()).isEqualTo(48);
        }
    }

    @Test
    void weightsThatDoNotFitTheNetworkGiveAnActionableError() throws Exception {
        Path directory = TinyModel.of(CxrEngine.of(new TensorFlowEngineProvider())).directory();
        ModelManifest m = ModelDirectory.readManifest(directory);
        ModelManifest threeClasses = new ModelManifest(m.formatVersion(), m.engine(), m.architecture(),
                List.of("a", "b", "c"), m.preprocessing(), m.training(), m.provenance(), m.weightsFile());
        Path savedModel = SavedModels.folder(m, directory);

        assertThatThrownBy(() -> TensorFlowGradCam.load(threeClasses, savedModel))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("Cannot restore the variables of the SavedModel in " + savedModel)
                .hasMessageContaining("into a darkcovidnet network for 3 classes and 32x32 images")
                .hasMessageContaining("retrain the model or restore the directory");
    }

    @Test
    void concurrentExplanationsEqualSequentialOnes() throws Exception {
        TinyModel tiny = TinyModel.of(CxrEngine.of(new TensorFlowEngineProvider()));
        try (XrayClassifier classifier = XrayClassifier.load(tiny.directory())) {
            List<Explanation> sequential = InferenceContracts.concurrentExplanationsMatchSequential(classifier,
                    tiny.images().subList(0, 8), 4);
            assertThat(sequential).allSatisfy(e -> assertThat(e.metadata().engine()).isEqualTo("tensorflow"));
        }
    }
}
