package io.cxr4j.engine.pytorch;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.initializer.Initializer;
import ai.djl.util.Pair;

/**
 * Lays convolution weights out channels-last (PyTorch's {@code torch.channels_last}), which makes
 * libtorch's oneDNN convolutions and everything after them compute in NHWC: a DarkCovidNet
 * training step at 1x224, batch 32, took 0.73-0.77x the time of the default layout, as in Python
 * PyTorch. DJL 0.36 has no memory-format setting, but libtorch picks the layout from the weights'
 * strides, and a permuted view of an NHWC copy has an NCHW shape with channels-last strides. Shape,
 * values and every reader of the weights (saving, Grad-CAM, conversion) are unaffected; only the
 * order in memory changes.
 *
 * <p>It is applied through the weights' initializers, because DJL lets a parameter's array be set
 * only once; weights loaded from a checkpoint are laid out anew by {@link #relayout}. A resumed run
 * must train in the layout of the run it continues: the layouts sum in other orders, and in the
 * default layout libtorch 2.7.1 intermittently returned non-finite gradients for every layer below
 * DarkCovidNet's per-class convolution on this project's CPUs (a fresh run without channels-last
 * diverged in its first epoch in 2 of 4 tries), which made resumed runs diverge.
 */
final class ChannelsLast implements Initializer {

    private final Initializer initializer;

    private ChannelsLast(Initializer initializer) {
        this.initializer = initializer;
    }

    /**
     * Makes every 4-dimensional parameter of a network that is not initialized yet start out
     * channels-last; the random values are the parameters' own initializers'.
     *
     * @param network an uninitialized network
     */
    static void apply(Block network) {
        for (Pair<String, Parameter> parameter : network.getParameters()) {
            Parameter value = parameter.getValue();
            if (!value.isInitialized() && !(value.getInitializer() instanceof ChannelsLast)) {
                value.setInitializer(new ChannelsLast(value.getInitializer()));
            }
        }
    }

    /**
     * Lays the 4-dimensional weights of a network whose parameters were loaded (from a checkpoint)
     * out channels-last, as {@link #apply} does for fresh ones; values are unchanged.
     *
     * @param network a network with loaded parameters, before a trainer uses them
     */
    static void relayout(Block network) {
        for (Pair<String, Parameter> parameter : network.getParameters()) {
            NDArray weights = parameter.getValue().getArray();
            if (weights.getShape().dimension() == 4) {
                // intern: the parameter's own array object takes the new tensor; DJL allows no second array.
                weights.intern(of(weights));
            }
        }
    }

    @Override
    public NDArray initialize(NDManager manager, Shape shape, DataType dataType) {
        NDArray weights = initializer.initialize(manager, shape, dataType);
        if (shape.dimension() != 4) {
            return weights;
        }
        NDArray channelsLast = of(weights);
        weights.close();
        return channelsLast;
    }

    /**
     * A channels-last copy of convolution weights: the same OIHW shape and values, laid out OHWI.
     *
     * @param weights 4-dimensional weights, OIHW; left open
     * @return the copy, owned by the weights' manager
     */
    static NDArray of(NDArray weights) {
        Shape shape = weights.getShape();
        // OIHW -> an OHWI copy (flattening a permuted view copies) -> an OIHW view of that copy.
        // The view keeps the copy's storage alive; the other handles can go.
        NDArray permuted = weights.transpose(0, 2, 3, 1);
        NDArray flat = permuted.reshape(-1);
        NDArray nhwc = flat.reshape(shape.get(0), shape.get(2), shape.get(3), shape.get(1));
        NDArray channelsLast = nhwc.transpose(0, 3, 1, 2);
        for (NDArray intermediate : new NDArray[] {permuted, flat, nhwc}) {
            intermediate.close();
        }
        return channelsLast;
    }
}
