package io.cxr4j.engine.tensorflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cxr4j.core.engine.Networks;
import io.cxr4j.core.image.PreprocessingSpec;
import io.cxr4j.core.image.ResizeMode;
import io.cxr4j.core.testing.LayerArithmetic;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/** {@link LayerArithmetic}'s parameter counts, as the PyTorch engine's ArchitecturesTest, against the TensorFlow graphs. */
class ArchitecturesTest {

    @BeforeAll
    static void natives() {
        TensorFlowRuntime.loadNatives();
    }

    /** Ten 3x3 convolutions with bias, a 4x4 pool after five 2x2 pools, dense 64, dense per class. */
    private static long seedVggParameters(int channels, int size, int classes) {
        long total = 0;
        int in = channels;
        for (int filters : new int[] {16, 32, 64, 128, 128}) {
            total += (long) in * filters * 9 + filters + (long) filters * filters * 9 + filters;
            in = filters;
        }
        int side = (size / 32 - 4) / 4 + 1;
        long features = 128L * side * side;
        return total + features * 64 + 64 + 64L * classes + classes;
    }

    private static long parameters(String name, int channels, int size, int classes) {
        try (Graph graph = new Graph()) {
            return Architectures.build(Ops.create(graph), name, spec(channels, size), classes, 42).parameterCount();
        }
    }

    private static PreprocessingSpec spec(int channels, int size) {
        return new PreprocessingSpec(size, channels, ResizeMode.STRETCH, 0f, 1f);
    }

    @Test
    void darkCovidNetHasThePapersParameterCount() {
        assertThat(LayerArithmetic.darkCovidNet(3, 256, 3)).isEqualTo(1_166_641L);
        assertThat(parameters("darkcovidnet", 3, 256, 3)).isEqualTo(1_166_641L);
    }

    @Test
    void darkCovidNetDefaultInputIsOneChannel224() {
        assertThat(parameters("darkcovidnet", 1, 224, 2)).isEqualTo(LayerArithmetic.darkCovidNet(1, 224, 2));
    }

    @Test
    void darkCovidNetGapMatchesItsLayerArithmeticAtEverySize() {
        assertThat(parameters("darkcovidnet-gap", 1, 128, 3)).isEqualTo(LayerArithmetic.darkCovidNetGap(1, 3));
        assertThat(parameters("darkcovidnet-gap", 1, 256, 3)).isEqualTo(LayerArithmetic.darkCovidNetGap(1, 3));
        assertThat(parameters("darkcovidnet-gap", 3, 224, 2)).isEqualTo(LayerArithmetic.darkCovidNetGap(3, 2));
    }

    @Test
    void seedVggMatchesItsLayerArithmetic() {
        assertThat(parameters("seed-vgg", 1, 224, 2)).isEqualTo(seedVggParameters(1, 224, 2));
        assertThat(parameters("seed-vgg", 3, 256, 3)).isEqualTo(seedVggParameters(3, 256, 3));
    }

    @Test
    void vgg16IsKerasVgg16BaseWithTheSeedHead() {
        // Keras: VGG16(include_top=False).count_params() == 14,714,688; the head flattens 512 x 1 x 1 at 224.
        long head = 512L * 64 + 64 + 64L * 2 + 2;
        assertThat(parameters("vgg16", 3, 224, 2)).isEqualTo(14_714_688L + head);
    }

    @Test
    void bothBranchesProduceOneLogitPerClass() {
        for (String name : Networks.names()) {
            try (Graph graph = new Graph(); Session session = new Session(graph)) {
                Network network = Architectures.build(Ops.create(graph), name, spec(1, 224), 3, 7);
                Session.Runner init = session.runner();
                network.initializers().forEach((Op op) -> init.addTarget(op));
                init.run().close();
                try (TFloat32 x = TFloat32.tensorOf(Shape.of(2, 1, 224, 224));
                        org.tensorflow.types.TInt64 seed = org.tensorflow.types.TInt64.vectorOf(1, 2);
                        Result out = session.runner().feed(network.input(), x).feed(network.dropoutSeed(), seed)
                                .fetch(network.inferenceLogits()).fetch(network.trainingLogits()).run()) {
                    assertThat(out.get(0).shape()).as(name).isEqualTo(Shape.of(2, 3));
                    assertThat(out.get(1).shape()).as(name).isEqualTo(Shape.of(2, 3));
                }
            }
        }
    }

    @Test
    void initialWeightsDependOnlyOnTheSeed() {
        assertThat(firstWeights(42)).containsExactly(firstWeights(42));
        assertThat(firstWeights(42)).isNotEqualTo(firstWeights(43));
    }

    private static float[] firstWeights(long seed) {
        try (Graph graph = new Graph(); Session session = new Session(graph)) {
            Network network = Architectures.build(Ops.create(graph), "darkcovidnet", spec(1, 64), 2, seed);
            Session.Runner init = session.runner();
            network.initializers().forEach((Op op) -> init.addTarget(op));
            init.run().close();
            try (Result out = session.runner().fetch(network.parameters().get(0)).run()) {
                TFloat32 w = (TFloat32) out.get(0);
                float[] values = new float[(int) w.shape().size()];
                w.copyTo(org.tensorflow.ndarray.buffer.DataBuffers.of(values, false, false));
                return values;
            }
        }
    }

    @Test
    void minimumImageSizeIsTheSmallestInputEachNetworkTakes() {
        for (String name : Networks.names()) {
            int minimum = Networks.minimumImageSize(name);
            try (Graph graph = new Graph(); Session session = new Session(graph)) {
                Network network = Architectures.build(Ops.create(graph), name, spec(1, minimum), 2, 7);
                Session.Runner init = session.runner();
                network.initializers().forEach((Op op) -> init.addTarget(op));
                init.run().close();
                try (TFloat32 x = TFloat32.tensorOf(Shape.of(1, 1, minimum, minimum));
                        Result out = session.runner().feed(network.input(), x).fetch(network.inferenceLogits()).run()) {
                    assertThat(out.get(0).shape()).as(name + " at " + minimum).isEqualTo(Shape.of(1, 2));
                }
            }
            try (Graph graph = new Graph()) {
                assertThatThrownBy(() -> Architectures.build(Ops.create(graph), name, spec(1, minimum - 1), 2, 7))
                        .as(name + " at " + (minimum - 1)).isInstanceOf(IllegalStateException.class);
            }
        }
    }

    @Test
    void unknownArchitectureListsTheKnownOnes() {
        try (Graph graph = new Graph()) {
            assertThatThrownBy(() -> Architectures.build(Ops.create(graph), "resnet-9000", spec(1, 224), 2, 1))
                    .hasMessageContaining("resnet-9000")
                    .hasMessageContaining("darkcovidnet");
        }
    }
}
