package io.cxr4j.engine.tensorflow;

import io.cxr4j.core.model.BaseWeights;
import io.cxr4j.core.model.ModelManifest;
import io.cxr4j.core.model.ModelStaging;
import io.cxr4j.core.model.NeutralWeights;
import io.cxr4j.core.model.NeutralWeights.Role;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Graph;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/**
 * Moves the TensorFlow engine's weights to and from {@link NeutralWeights}. TensorFlow keeps
 * convolution kernels as {@code (h, w, in, out)} and dense weights as {@code (in, out)}; the
 * canonical layout is {@code (out, in, h, w)} and {@code (out, in)}, so those two are transposed.
 * Biases and batch-norm tensors are the same in both. Dense inputs need no reordering because the
 * network flattens channel-first, as the canonical layout does.
 */
final class TensorFlowWeights {

    /** TensorFlow's {@code (h, w, in, out)} from canonical {@code (out, in, h, w)}. */
    private static final int[] CONV_TO_TF = {2, 3, 1, 0};
    /** Canonical {@code (out, in, h, w)} from TensorFlow's {@code (h, w, in, out)}. */
    private static final int[] CONV_FROM_TF = {3, 2, 0, 1};
    /** Swaps the two axes of a dense weight, either way. */
    private static final int[] DENSE_SWAP = {1, 0};

    private TensorFlowWeights() {}

    static NeutralWeights export(ModelManifest manifest, Path directory) throws IOException {
        Path folder = SavedModels.folder(manifest, directory);
        TensorFlowRuntime.loadNatives();
        List<SavedModels.SlotValue> values;
        try {
            values = SavedModels.read(manifest.architecture(), manifest.preprocessing(), manifest.classNames().size(),
                    folder);
        } catch (RuntimeException e) {
            // TensorFlow reports unreadable variables as unchecked exceptions.
            throw new IOException("Cannot read the variables of the SavedModel in " + folder + ": " + e.getMessage()
                    + ". The folder may be damaged; retrain the model or restore the directory.", e);
        }
        NeutralWeights.Builder builder = NeutralWeights.builder(manifest.architecture());
        for (SavedModels.SlotValue v : values) {
            int[] order = permutation(v.role(), false);
            builder.add(v.layer(), v.role(), permute(v.shape(), order), permute(v.values(), v.shape(), order));
        }
        return builder.build();
    }

    /** Writes the weights as a SavedModel into a staged model directory; returns the manifest's weights file. */
    static String write(ModelManifest source, NeutralWeights weights, Path staging) throws IOException {
        TensorFlowRuntime.loadNatives();
        // The slots (layer, role and TensorFlow shape of each variable) come from the network itself.
        try (Graph graph = new Graph()) {
            List<Network.Slot> slots = Architectures.build(Ops.create(graph), source.architecture(),
                    source.preprocessing(), source.classNames().size(), 0).slots();
            if (slots.size() != weights.tensors().size()) {
                throw new IllegalArgumentException("The '" + weights.architecture() + "' weights have "
                        + weights.tensors().size() + " tensors, but the TensorFlow '" + source.architecture()
                        + "' network has " + slots.size() + ". Convert only between the same architecture and classes.");
            }
            List<TFloat32> values = new ArrayList<>();
            try {
                for (Network.Slot slot : slots) {
                    long[] tfShape = slot.variable().shape().asArray();
                    int[] toTf = permutation(slot.role(), true);
                    long[] canonicalShape = permute(tfShape, permutation(slot.role(), false));
                    NeutralWeights.Tensor tensor = weights.require(slot.layer(), slot.role(), canonicalShape);
                    values.add(TFloat32.tensorOf(Shape.of(tfShape),
                            DataBuffers.of(permute(tensor.values(), canonicalShape, toTf), true, false)));
                }
                SavedModels.write(source.architecture(), source.preprocessing(), source.classNames().size(),
                        values, staging.resolve(SavedModels.FOLDER));
                return SavedModels.GRAPH_FILE;
            } finally {
                values.forEach(TFloat32::close);
            }
        }
    }

    /**
     * Ops that set a network's first layers to base weights, built into its graph before the
     * session first runs, and the values they take, already in TensorFlow's layout.
     */
    static final class BaseImport {
        private final List<Placeholder<TFloat32>> inputs;
        private final List<Op> assignments;
        private final List<float[]> values;
        private final List<Shape> shapes;

        private BaseImport(List<Placeholder<TFloat32>> inputs, List<Op> assignments, List<float[]> values,
                List<Shape> shapes) {
            this.inputs = inputs;
            this.assignments = assignments;
            this.values = values;
            this.shapes = shapes;
        }

        /**
         * Assigns the values, after the variables' initialisers have run.
         *
         * @param session the session over the graph
         */
        void run(Session session) {
            List<TFloat32> tensors = new ArrayList<>();
            try {
                Session.Runner runner = session.runner();
                for (int i = 0; i < inputs.size(); i++) {
                    TFloat32 tensor = TFloat32.tensorOf(shapes.get(i), DataBuffers.of(values.get(i), true, false));
                    tensors.add(tensor);
                    runner.feed(inputs.get(i), tensor);
                    runner.addTarget(assignments.get(i));
                }
                runner.run().close();
            } finally {
                tensors.forEach(TFloat32::close);
            }
        }
    }

    /**
     * Checks base weights against a network's first layers, tensor by tensor in the canonical
     * numbering, and builds the ops that set those layers to them.
     *
     * @param tf the graph's op factory
     * @param network the network
     * @param base the weights of layers 1 to {@link BaseWeights#layerCount()}
     * @param architecture the network's architecture, for messages
     * @return the ops and values, to run once the variables are initialised
     * @throws IllegalArgumentException naming the layer when a tensor is missing or shaped
     *     differently, or when the weights have tensors the network has no place for
     */
    static BaseImport baseImport(Ops tf, Network network, BaseWeights base, String architecture) {
        List<Placeholder<TFloat32>> inputs = new ArrayList<>();
        List<Op> assignments = new ArrayList<>();
        List<float[]> values = new ArrayList<>();
        List<Shape> shapes = new ArrayList<>();
        Ops scope = tf.withSubScope("base_weights");
        for (Network.Slot slot : network.slots()) {
            if (slot.layer() > base.layerCount()) {
                continue;
            }
            long[] tfShape = slot.variable().shape().asArray();
            long[] canonicalShape = permute(tfShape, permutation(slot.role(), false));
            NeutralWeights.Tensor tensor = base.require(slot.layer(), slot.role(), canonicalShape);
            Placeholder<TFloat32> input = scope.placeholder(TFloat32.class, Placeholder.shape(Shape.of(tfShape)));
            inputs.add(input);
            assignments.add(scope.assign(slot.variable(), input));
            values.add(permute(tensor.values(), canonicalShape, permutation(slot.role(), true)));
            shapes.add(Shape.of(tfShape));
        }
        base.checkAllUsed(inputs.size(), "TensorFlow '" + architecture + "'");
        return new BaseImport(inputs, assignments, values, shapes);
    }

    /** The axis order that takes a tensor of this role into TensorFlow's layout, or out of it; null for none. */
    private static int[] permutation(Role role, boolean toTensorFlow) {
        return switch (role) {
            case CONV_WEIGHT -> toTensorFlow ? CONV_TO_TF : CONV_FROM_TF;
            case DENSE_WEIGHT -> DENSE_SWAP;
            default -> null;
        };
    }

    /** The shape with axis {@code i} taken from axis {@code order[i]}. */
    static long[] permute(long[] shape, int[] order) {
        if (order == null) {
            return shape.clone();
        }
        long[] result = new long[shape.length];
        for (int i = 0; i < order.length; i++) {
            result[i] = shape[order[i]];
        }
        return result;
    }

    /**
     * Row-major values of a tensor of shape {@code shape} rearranged so that output axis {@code i}
     * is input axis {@code order[i]}.
     */
    static float[] permute(float[] values, long[] shape, int[] order) {
        if (order == null) {
            return values.clone();
        }
        int rank = shape.length;
        long[] inStrides = new long[rank];
        long stride = 1;
        for (int a = rank - 1; a >= 0; a--) {
            inStrides[a] = stride;
            stride *= shape[a];
        }
        long[] outShape = permute(shape, order);
        long[] strideOfOutAxis = new long[rank];
        for (int i = 0; i < rank; i++) {
            strideOfOutAxis[i] = inStrides[order[i]];
        }
        float[] result = new float[values.length];
        long[] index = new long[rank];
        for (int out = 0; out < result.length; out++) {
            long in = 0;
            for (int i = 0; i < rank; i++) {
                in += index[i] * strideOfOutAxis[i];
            }
            result[out] = values[Math.toIntExact(in)];
            for (int i = rank - 1; i >= 0; i--) {
                if (++index[i] < outShape[i]) {
                    break;
                }
                index[i] = 0;
            }
        }
        return result;
    }
}
