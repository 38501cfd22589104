package io.cxr4j.engine.pytorch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.cxr4j.core.engine.Networks;
import io.cxr4j.core.engine.CxrEngine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Blocks;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.pooling.Pool;
import io.cxr4j.core.explain.ClassActivationMap;
import io.cxr4j.core.explain.Explanation;
import io.cxr4j.core.inference.XrayClassifier;
import io.cxr4j.core.testing.InferenceContracts;
import io.cxr4j.core.testing.SyntheticImages;
import io.cxr4j.core.testing.TinyModel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Grad-CAM on PyTorch: a case checked by hand, the split points, thread safety and array scoping. */
class GradCamTest {

    /**
     * Features: a 1x1 convolution with weights 1 and 2, so A0 = x and A1 = 2x. Head: global
     * average pool and a linear layer with weights [[1, 0], [0, -1]], so logit0 = mean(A0) and
     * logit1 = -mean(A1). On a 2x2 image the gradients are d logit0/dA0 = 1/4 (A1: 0) and d
     * logit1/dA1 = -1/4 (A0: 0), so the maps are ReLU(x / 4) and ReLU(-2x / 4).
     */
    private static SequentialBlock handCheckedNetwork() {
        Conv2d conv = Conv2d.builder().setFilters(2).setKernelShape(new Shape(1, 1)).optBias(false).build();
        conv.setInitializer((manager, shape, type) -> manager.create(new float[] {1f, 2f}, shape),
                Parameter.Type.WEIGHT);
        Linear linear = Linear.builder().setUnits(2).build();
        linear.setInitializer((manager, shape, type) -> manager.create(new float[] {1f, 0f, 0f, -1f}, shape),
                Parameter.Type.WEIGHT);
        linear.setInitializer((manager, shape, type) -> manager.zeros(shape), Parameter.Type.BIAS);
        return new SequentialBlock()
                .add(new SequentialBlock().add(conv))
                .add(Pool.globalAvgPool2dBlock())
                .add(Blocks.batchFlattenBlock())
                .add(linear);
    }

    @Test
    void matchesTheHandComputedMaps() {
        PyTorchEngine.djlEngine();
        try (NDManager manager = NDManager.newBaseManager(PyTorchEngine.DJL_ENGINE)) {
            SequentialBlock network = handCheckedNetwork();
            Shape input = new Shape(1, 2, 2);
            network.initialize(manager, DataType.FLOAT32, new Shape(1).addAll(input));
            assertThat(Architectures.lastConvolutionBlock(network)).isZero();
            PyTorchGradCam gradCam = new PyTorchGradCam(network, 0, input, "hand");
            float[] x = {1f, -2f, 3f, -4f};

            ClassActivationMap first = gradCam.compute(manager, x, 0);
            ClassActivationMap second = gradCam.compute(manager, x, 1);

            assertThat(first.map().width()).isEqualTo(2);
            assertThat(first.map().height()).isEqualTo(2);
            assertThat(first.map().values()).containsExactly(new float[] {0.25f, 0f, 0.75f, 0f}, within(1e-6f));
            assertThat(second.map().values()).containsExactly(new float[] {0f, 1f, 0f, 2f}, within(1e-6f));
            assertThat(first.targetLayer()).contains("hand convolution 1 of 1").contains("2 feature maps of 2x2");
            assertThatThrownBy(() -> gradCam.compute(manager, x, 2)).hasMessageContaining("Class index 2");
            assertThatThrownBy(() -> gradCam.compute(manager, new float[3], 0)).hasMessageContaining("got 3");
        }
    }

    @Test
    void leavesNoArraysOnTheModelsManager() {
        PyTorchEngine.djlEngine();
        try (NDManager manager = NDManager.newBaseManager(PyTorchEngine.DJL_ENGINE)) {
            SequentialBlock network = handCheckedNetwork();
            Shape input = new Shape(1, 2, 2);
            network.initialize(manager, DataType.FLOAT32, new Shape(1).addAll(input));
            PyTorchGradCam gradCam = new PyTorchGradCam(network, 0, input, "hand");
            gradCam.compute(manager, new float[] {1f, 2f, 3f, 4f}, 0);
            int before = manager.getManagedArrays().size();
            for (int i = 0; i < 200; i++) {
                gradCam.compute(manager, new float[] {1f, 2f, 3f, 4f}, i % 2);
            }
            assertThat(manager.getManagedArrays()).hasSize(before);
        }
    }

    @Test
    void splitsEveryArchitectureAfterItsLastConvolutionBlock() {
        // DarkCovidNet: 5 conv/pool pairs (10), 4 more blocks, then class conv, ReLU, BN, flatten, linear.
        SequentialBlock dark = Architectures.build(Networks.DARKCOVIDNET, 2);
        assertThat(Architectures.lastConvolutionBlock(dark)).isEqualTo(12);
        assertThat(dark.getChildren().get(13).getValue()).isInstanceOf(Conv2d.class);
        // darkcovidnet-gap: the same 13 children, then global average pooling and the linear layer.
        SequentialBlock gap = Architectures.build(Networks.DARKCOVIDNET_GAP, 2);
        assertThat(Architectures.lastConvolutionBlock(gap)).isEqualTo(12);
        assertThat(gap.getChildren().size()).isEqualTo(15);
        // seed-vgg: 5 x (conv, conv, pool) = 15 children; the last conv is number 13.
        assertThat(Architectures.lastConvolutionBlock(Architectures.build(Networks.SEED_VGG, 2))).isEqualTo(13);
    }

    @Test
    void concurrentExplanationsEqualSequentialOnes(@TempDir Path temp) throws Exception {
        List<Path> images = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            int edge = 10 + 3 * i;
            images.add(SyntheticImages.writePng(SyntheticImages.gray8(48, 40,
                    (x, y, b) -> x > edge ? 200 : 40 + (x * y) % 13), temp.resolve("image-" + i + ".png")));
        }
        try (XrayClassifier classifier = XrayClassifier.load(TinyModel.of(CxrEngine.of(new PyTorchEngineProvider())).directory())) {
            assertThat(classifier.canExplain()).isTrue();
            List<Explanation> sequential = InferenceContracts.concurrentExplanationsMatchSequential(classifier,
                    images, 4);
            assertThat(sequential).allSatisfy(e -> {
                assertThat(e.metadata().engine()).isEqualTo("pytorch");
                assertThat(e.metadata().targetLayer()).contains("darkcovidnet convolution 16 of 17");
            });
        }
    }
}
