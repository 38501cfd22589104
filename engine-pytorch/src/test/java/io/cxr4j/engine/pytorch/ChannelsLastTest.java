package io.cxr4j.engine.pytorch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.cxr4j.core.engine.Networks;
import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Channels-last weights change only the order in memory: same values, same outputs. */
class ChannelsLastTest {

    @Test
    void channelsLastNetworkHoldsTheSameWeightsAndComputesTheSameOutputs() {
        Engine engine = PyTorchEngine.djlEngine();
        Shape input = new Shape(2, 1, 64, 64);
        try (NDManager manager = NDManager.newBaseManager(Device.cpu(), PyTorchEngine.DJL_ENGINE)) {
            engine.setRandomSeed(7);
            Block plain = Architectures.build(Networks.DARKCOVIDNET, 3);
            plain.initialize(manager, DataType.FLOAT32, input);
            engine.setRandomSeed(7);
            Block channelsLast = Architectures.build(Networks.DARKCOVIDNET, 3);
            ChannelsLast.apply(channelsLast);
            channelsLast.initialize(manager, DataType.FLOAT32, input);

            List<Parameter> expected = parameters(plain);
            List<Parameter> actual = parameters(channelsLast);
            assertThat(actual).hasSameSizeAs(expected);
            int fourDimensional = 0;
            for (int i = 0; i < expected.size(); i++) {
                NDArray want = expected.get(i).getArray();
                NDArray got = actual.get(i).getArray();
                assertThat(got.getShape()).isEqualTo(want.getShape());
                assertThat(got.toFloatArray()).containsExactly(want.toFloatArray());
                fourDimensional += want.getShape().dimension() == 4 ? 1 : 0;
            }
            assertThat(fourDimensional).isEqualTo(17); // DarkCovidNet's convolutions

            NDArray x = manager.randomUniform(0, 1, input);
            float[] plainOut = forward(plain, manager, x);
            float[] channelsLastOut = forward(channelsLast, manager, x);
            for (int i = 0; i < plainOut.length; i++) {
                assertThat(channelsLastOut[i]).isCloseTo(plainOut[i], within(1e-3f));
            }
        }
    }

    private static List<Parameter> parameters(Block block) {
        List<Parameter> parameters = new ArrayList<>();
        for (Pair<String, Parameter> pair : block.getParameters()) {
            parameters.add(pair.getValue());
        }
        return parameters;
    }

    private static float[] forward(Block block, NDManager manager, NDArray x) {
        ParameterStore store = new ParameterStore(manager, false);
        return block.forward(store, new NDList(x), false).singletonOrThrow().toFloatArray();
    }
}
