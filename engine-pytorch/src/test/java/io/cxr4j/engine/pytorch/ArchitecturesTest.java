package io.cxr4j.engine.pytorch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cxr4j.core.engine.Networks;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import io.cxr4j.core.testing.LayerArithmetic;
import org.junit.jupiter.api.Test;

class ArchitecturesTest {

    private static long trainableParameters(Block block, Shape input) {
        try (NDManager manager = NDManager.newBaseManager(PyTorchEngine.djlEngine().getEngineName())) {
            block.initialize(manager, DataType.FLOAT32, input);
            long total = 0;
            for (Pair<String, Parameter> p : block.getParameters()) {
                if (p.getValue().requiresGradient()) {
                    total += p.getValue().getArray().size();
                }
            }
            return total;
        }
    }

    @Test
    void darkCovidNetMatchesThePapersLayerArithmetic() {
        long expected = LayerArithmetic.darkCovidNet(3, 256, 3);
        // 17 convolutions, 5 max-pools, three classes on 3x256x256: about 1.16 M as published.
        assertThat(expected).isEqualTo(1_166_641L);
        assertThat(trainableParameters(Architectures.build("darkcovidnet", 3), new Shape(1, 3, 256, 256)))
                .isEqualTo(expected);
    }

    @Test
    void darkCovidNetDefaultInputIsOneChannel224() {
        assertThat(trainableParameters(Architectures.build("darkcovidnet", 2), new Shape(1, 1, 224, 224)))
                .isEqualTo(LayerArithmetic.darkCovidNet(1, 224, 2));
    }

    @Test
    void darkCovidNetGapMatchesItsLayerArithmeticAtEverySize() {
        for (int size : new int[] {128, 256}) {
            assertThat(trainableParameters(Architectures.build("darkcovidnet-gap", 3), new Shape(1, 1, size, size)))
                    .isEqualTo(LayerArithmetic.darkCovidNetGap(1, 3));
        }
    }

    @Test
    void vgg16IsKerasVgg16BaseWithTheSeedHead() {
        // Keras: VGG16(include_top=False).count_params() == 14,714,688; the head flattens 512 x 1 x 1 at 224.
        long head = 512L * 64 + 64 + 64L * 2 + 2;
        assertThat(trainableParameters(Architectures.build("vgg16", 2), new Shape(1, 3, 224, 224)))
                .isEqualTo(14_714_688L + head);
    }

    @Test
    void networksProduceOneLogitPerClass() {
        for (String name : Networks.names()) {
            Block block = Architectures.build(name, 3);
            try (NDManager manager = NDManager.newBaseManager(PyTorchEngine.djlEngine().getEngineName())) {
                block.initialize(manager, DataType.FLOAT32, new Shape(2, 1, 224, 224));
                NDArray x = manager.randomUniform(0, 1, new Shape(2, 1, 224, 224));
                NDList out = block.forward(new ParameterStore(manager, false), new NDList(x), false);
                assertThat(out.singletonOrThrow().getShape()).as(name).isEqualTo(new Shape(2, 3));
            }
        }
    }

    @Test
    void minimumImageSizeIsTheSmallestInputEachNetworkTakes() {
        for (String name : Networks.names()) {
            int minimum = Networks.minimumImageSize(name);
            try (NDManager manager = NDManager.newBaseManager(PyTorchEngine.djlEngine().getEngineName())) {
                Block block = Architectures.build(name, 2);
                Shape input = new Shape(1, 1, minimum, minimum);
                block.initialize(manager, DataType.FLOAT32, input);
                NDList out = block.forward(new ParameterStore(manager, false),
                        new NDList(manager.randomUniform(0, 1, input)), false);
                assertThat(out.singletonOrThrow().getShape()).as(name + " at " + minimum).isEqualTo(new Shape(1, 2));

                Block smaller = Architectures.build(name, 2);
                Shape tooSmall = new Shape(1, 1, minimum - 1, minimum - 1);
                assertThatThrownBy(() -> {
                    smaller.initialize(manager, DataType.FLOAT32, tooSmall);
                    smaller.forward(new ParameterStore(manager, false),
                            new NDList(manager.randomUniform(0, 1, tooSmall)), false);
                }).as(name + " at " + (minimum - 1)).isInstanceOf(RuntimeException.class);
            }
        }
    }

    @Test
    void unknownArchitectureListsTheKnownOnes() {
        assertThatThrownBy(() -> Architectures.build("resnet-9000", 2))
                .hasMessageContaining("resnet-9000")
                .hasMessageContaining("darkcovidnet");
    }
}
