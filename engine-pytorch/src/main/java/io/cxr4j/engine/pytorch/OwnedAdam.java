package io.cxr4j.engine.pytorch;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.optimizer.Adam;
import ai.djl.training.tracker.Tracker;
import java.util.Map;
import java.util.function.Function;

/**
 * DJL's Adam whose moment estimates belong to the model's manager and are freed with the model.
 * DJL 0.36 detaches each moment array from every manager when it creates it ({@code
 * Optimizer.withDefaultState}) and nothing frees a detached PyTorch array, so every training run
 * would otherwise leave twice its weights in native memory (about 9 MB for DarkCovidNet) until the
 * JVM exits. The update itself is DJL's, unchanged.
 */
final class OwnedAdam extends Adam {

    private final NDManager owner;

    private OwnedAdam(Adam.Builder builder, NDManager owner) {
        super(builder);
        this.owner = owner;
    }

    /**
     * Adam with DJL's defaults (beta1 0.9, beta2 0.999, epsilon 1e-8).
     *
     * @param learningRate the learning rate of each update
     * @param weightDecay the weight decay, 0 for none
     * @param owner the manager that frees the moment estimates when it closes, normally the model's
     * @return the optimizer
     */
    static OwnedAdam create(Tracker learningRate, float weightDecay, NDManager owner) {
        return new OwnedAdam(Adam.builder().optLearningRateTracker(learningRate).optWeightDecays(weightDecay), owner);
    }

    @Override
    protected NDArray withDefaultState(Map<String, Map<Device, NDArray>> state, String key, Device device,
            Function<String, NDArray> defaultFunction) {
        NDArray value = super.withDefaultState(state, key, device, defaultFunction);
        if (value.getManager() != owner) {
            value.attach(owner);
        }
        return value;
    }
}
