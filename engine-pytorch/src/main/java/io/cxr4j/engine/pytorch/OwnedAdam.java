package io.cxr4j.engine.pytorch;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.optimizer.Adam;
import ai.djl.training.tracker.Tracker;
import ai.djl.util.Pair;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * DJL's Adam whose state belongs to the run: its moment estimates belong to the model's manager
 * and are freed with the model, and its moments and update counts can be saved with a checkpoint
 * and restored on resume, so that a resumed run takes the very steps the interrupted one would
 * have taken. The update itself is DJL's, unchanged.
 *
 * <p>DJL 0.36 detaches each moment array from every manager when it creates it ({@code
 * Optimizer.withDefaultState}) and nothing frees a detached PyTorch array, so every training run
 * would otherwise leave twice its weights in native memory (about 9 MB for DarkCovidNet) until the
 * JVM exits. DJL keeps the moments in private maps and the counts in private fields; both pass
 * through the two protected methods overridden here, which is where this class keeps its copy.
 */
final class OwnedAdam extends Adam {

    /** The two moment estimates, in the order DJL's {@code Adam.update} asks for them. */
    private enum Moment {
        MEAN, VARIANCE
    }

    private static final String UPDATES = "updates:";

    private final NDManager owner;
    /** Adam's private state maps, told apart by the order of their first request. */
    private Map<String, Map<Device, NDArray>> means;
    private Map<String, Map<Device, NDArray>> variances;
    private final Map<String, Integer> updates = new ConcurrentHashMap<>();
    /** Restored moments by parameter id, handed to Adam when it first asks for them. */
    private final Map<String, Map<Moment, NDArray>> restored = new ConcurrentHashMap<>();
    private int highestUpdate;

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

    /**
     * Counts the updates of each parameter as DJL does and returns the highest count of any
     * parameter, which Adam uses as its step number for bias correction and the learning rate.
     */
    @Override
    protected synchronized int updateCount(String parameterId) {
        int count = updates.merge(parameterId, 1, Integer::sum);
        highestUpdate = Math.max(highestUpdate, count);
        return highestUpdate;
    }

    @Override
    protected NDArray withDefaultState(Map<String, Map<Device, NDArray>> state, String key, Device device,
            Function<String, NDArray> defaultFunction) {
        Moment moment = moment(state);
        Map<Moment, NDArray> saved = restored.get(key);
        NDArray value = super.withDefaultState(state, key, device,
                saved == null ? defaultFunction : k -> saved.get(moment));
        if (value.getManager() != owner) {
            value.attach(owner);
        }
        return value;
    }

    private synchronized Moment moment(Map<String, Map<Device, NDArray>> state) {
        if (means == null || means == state) {
            means = state;
            return Moment.MEAN;
        }
        if (variances == null) {
            variances = state;
        }
        if (variances != state) {
            throw new IllegalStateException("DJL's Adam keeps more than two state maps; this version of DJL is"
                    + " not the one cxr4j was built for");
        }
        return Moment.VARIANCE;
    }

    /**
     * Writes the moments and update counts of every parameter updated so far, by the parameter's
     * name in the network (parameter ids are drawn afresh in each JVM).
     *
     * @param network the network being trained
     * @param file the file to write
     * @throws IOException when writing fails
     */
    void save(Block network, Path file) throws IOException {
        Map<Moment, Map<String, Map<Device, NDArray>>> maps = Map.of(Moment.MEAN, means, Moment.VARIANCE, variances);
        try (NDManager scratch = owner.newSubManager(); OutputStream out = new BufferedOutputStream(
                Files.newOutputStream(file))) {
            NDList state = new NDList();
            for (Pair<String, Parameter> parameter : network.getParameters()) {
                String id = parameter.getValue().getId();
                Integer count = updates.get(id);
                if (count == null) {
                    continue;
                }
                for (Moment moment : Moment.values()) {
                    NDArray value = maps.get(moment).get(id).values().iterator().next();
                    value.setName(moment + ":" + parameter.getKey());
                    state.add(value);
                }
                NDArray counted = scratch.create(new int[] {count});
                counted.setName(UPDATES + parameter.getKey());
                state.add(counted);
            }
            state.encode(out);
        }
    }

    /**
     * Reads the state {@link #save} wrote, before the first update: the next update continues the
     * saved ones, with their moments and step number.
     *
     * @param network the network being trained, with the same parameter names
     * @param file the file {@link #save} wrote
     * @throws IOException when it cannot be read or does not fit the network
     */
    void restore(Block network, Path file) throws IOException {
        Map<String, NDArray> byName = new HashMap<>();
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
            NDList state = NDList.decode(owner, in);
            state.forEach(array -> byName.put(array.getName(), array));
        } catch (RuntimeException e) {
            throw new IOException("Cannot read the optimizer state " + file + ": " + e.getMessage(), e);
        }
        for (Pair<String, Parameter> parameter : network.getParameters()) {
            NDArray counted = byName.get(UPDATES + parameter.getKey());
            if (counted == null) {
                continue;
            }
            Map<Moment, NDArray> moments = new HashMap<>();
            for (Moment moment : Moment.values()) {
                NDArray value = byName.get(moment + ":" + parameter.getKey());
                NDArray weights = parameter.getValue().getArray();
                if (value == null || !value.getShape().equals(weights.getShape())
                        || value.getDataType() != DataType.FLOAT32) {
                    throw new IOException("The optimizer state " + file + " does not fit parameter "
                            + parameter.getKey() + " of the network");
                }
                moments.put(moment, value);
            }
            String id = parameter.getValue().getId();
            restored.put(id, moments);
            int count = counted.toIntArray()[0];
            updates.put(id, count);
            synchronized (this) {
                highestUpdate = Math.max(highestUpdate, count);
            }
        }
    }
}
