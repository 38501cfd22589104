package io.cxr4j.core.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A trained network's weights in one engine-independent layout, so that a model written by one
 * engine can be rewritten for another ({@link io.cxr4j.core.engine.ModelConverter}).
 *
 * <p>The network is seen as its layers that hold values, numbered from 1 in the order the
 * architecture applies them: every convolution, batch norm and dense layer counts, activations,
 * pooling, dropout and flattening do not. Each tensor belongs to one such layer and has a {@link
 * Role}. The canonical layout is channel-first, as DJL and PyTorch store it:
 *
 * <ul>
 *   <li>convolution weight: {@code (out, in, kernelHeight, kernelWidth)}
 *   <li>dense weight: {@code (out, in)}, where the inputs of a dense layer after a flattened
 *       feature map are ordered channel, then row, then column (channel-first flattening)
 *   <li>biases, batch-norm scale (gamma), shift (beta), moving mean and moving variance: {@code
 *       (channels)}; the moving variance is that of the inference formula {@code (x - mean) /
 *       sqrt(var + eps)}
 * </ul>
 *
 * <p>Values are row-major in that shape. An engine with another layout (TensorFlow keeps
 * convolutions as {@code (h, w, in, out)} and dense weights as {@code (in, out)}) transposes when it
 * exports and imports.
 *
 * @param architecture the network's name, such as {@code darkcovidnet}
 * @param tensors every value-holding tensor, ordered by layer and, within a layer, by role
 */
public record NeutralWeights(String architecture, List<Tensor> tensors) {

    /** What a tensor is within its layer. Declaration order is the order within a layer. */
    public enum Role {
        /** Convolution kernel, {@code (out, in, kh, kw)}. */
        CONV_WEIGHT("conv", "weight", 4),
        /** Convolution bias, {@code (out)}. */
        CONV_BIAS("conv", "bias", 1),
        /** Batch-norm scale. */
        BN_GAMMA("batchnorm", "gamma", 1),
        /** Batch-norm shift. */
        BN_BETA("batchnorm", "beta", 1),
        /** Batch-norm moving mean. */
        BN_MOVING_MEAN("batchnorm", "moving_mean", 1),
        /** Batch-norm moving variance. */
        BN_MOVING_VAR("batchnorm", "moving_var", 1),
        /** Dense weight, {@code (out, in)}. */
        DENSE_WEIGHT("dense", "weight", 2),
        /** Dense bias, {@code (out)}. */
        DENSE_BIAS("dense", "bias", 1);

        private final String layerKind;
        private final String parameter;
        private final int rank;

        Role(String layerKind, String parameter, int rank) {
            this.layerKind = layerKind;
            this.parameter = parameter;
            this.rank = rank;
        }

        /** @return the kind of layer the tensor belongs to: {@code conv}, {@code batchnorm} or {@code dense} */
        public String layerKind() {
            return layerKind;
        }

        /** @return the tensor's name within its layer, such as {@code weight} or {@code moving_mean} */
        public String parameter() {
            return parameter;
        }

        /** @return the number of dimensions of the tensor */
        public int rank() {
            return rank;
        }
    }

    /**
     * One tensor in the canonical layout.
     *
     * @param layer the layer number, from 1
     * @param role what the tensor is
     * @param shape the canonical shape
     * @param values the values, row-major in {@code shape}
     */
    public record Tensor(int layer, Role role, long[] shape, float[] values) {

        /**
         * Checks the shape against the role and the values, and copies both arrays.
         *
         * @param layer the layer number, from 1
         * @param role what the tensor is; not null
         * @param shape the canonical shape, with as many dimensions as the role has; copied
         * @param values the values, row-major in {@code shape}, as many as the shape holds; copied
         * @throws IllegalArgumentException when the layer is below 1, or the shape does not fit the role or
         *     the number of values
         */
        public Tensor {
            Objects.requireNonNull(role, "role");
            if (layer < 1) {
                throw new IllegalArgumentException("Layers are numbered from 1, got " + layer);
            }
            shape = shape.clone();
            values = values.clone();
            if (shape.length != role.rank()) {
                throw new IllegalArgumentException("A " + role + " tensor has " + role.rank() + " dimensions, got "
                        + Arrays.toString(shape) + " for layer " + layer);
            }
            long size = 1;
            for (long dimension : shape) {
                size *= dimension;
            }
            if (size != values.length) {
                throw new IllegalArgumentException("Shape " + Arrays.toString(shape) + " of " + name(layer, role)
                        + " needs " + size + " values, got " + values.length);
            }
        }

        /** @return the canonical name, such as {@code 03.batchnorm.moving_mean} */
        public String name() {
            return name(layer, role);
        }

        /** @return a copy of the shape */
        @Override
        public long[] shape() {
            return shape.clone();
        }

        /** @return a copy of the values */
        @Override
        public float[] values() {
            return values.clone();
        }

        private static String name(int layer, Role role) {
            return String.format(Locale.ROOT, "%02d.%s.%s", layer, role.layerKind(), role.parameter());
        }
    }

    /**
     * Checks the order and uniqueness of the tensors and freezes the list.
     *
     * @param architecture the network's name; not null
     * @param tensors every value-holding tensor, ordered by layer and, within a layer, by role, each
     *     name once and one layer kind per layer; copied
     * @throws IllegalArgumentException when a tensor appears twice, is out of order, or a layer mixes
     *     tensors of different layer kinds
     */
    public NeutralWeights {
        Objects.requireNonNull(architecture, "architecture");
        tensors = List.copyOf(tensors);
        Set<String> names = new HashSet<>();
        Tensor previous = null;
        for (Tensor t : tensors) {
            if (!names.add(t.name())) {
                throw new IllegalArgumentException("Tensor " + t.name() + " appears twice");
            }
            if (previous != null && (t.layer() < previous.layer()
                    || (t.layer() == previous.layer() && t.role().compareTo(previous.role()) < 0))) {
                throw new IllegalArgumentException("Tensors must be ordered by layer and role: " + t.name()
                        + " comes after " + previous.name());
            }
            if (previous != null && t.layer() == previous.layer()
                    && !t.role().layerKind().equals(previous.role().layerKind())) {
                throw new IllegalArgumentException("Layer " + t.layer() + " mixes " + previous.role().layerKind()
                        + " and " + t.role().layerKind() + " tensors");
            }
            previous = t;
        }
    }

    /**
     * The tensor of a layer and role.
     *
     * @param layer the layer number, from 1
     * @param role the role
     * @return the tensor, or empty when the network has none there
     */
    public Optional<Tensor> find(int layer, Role role) {
        return tensors.stream().filter(t -> t.layer() == layer && t.role() == role).findFirst();
    }

    /**
     * The tensor of a layer and role that an engine needs to fill its network.
     *
     * @param layer the layer number, from 1
     * @param role the role
     * @param shape the shape the engine's network expects, in the canonical layout
     * @return the tensor
     * @throws IllegalArgumentException when it is missing or shaped differently, which means the
     *     weights come from another architecture or class count
     */
    public Tensor require(int layer, Role role, long[] shape) {
        Tensor tensor = find(layer, role).orElseThrow(() -> new IllegalArgumentException("The '" + architecture
                + "' weights have no tensor " + Tensor.name(layer, role)
                + ". They do not fit this network: convert only between the same architecture and classes."));
        if (!Arrays.equals(tensor.shape, shape)) {
            throw new IllegalArgumentException("Tensor " + tensor.name() + " has shape " + Arrays.toString(tensor.shape)
                    + ", but the network needs " + Arrays.toString(shape) + ". Convert only between the same"
                    + " architecture, class count and input size.");
        }
        return tensor;
    }

    /** @return the number of values in all tensors, moving statistics included */
    public long valueCount() {
        return tensors.stream().mapToLong(t -> t.values.length).sum();
    }

    /**
     * A builder that collects tensors in network order.
     *
     * @param architecture the network's name, such as {@code darkcovidnet}
     * @return an empty builder for weights of that architecture
     */
    public static Builder builder(String architecture) {
        return new Builder(architecture);
    }

    /** Collects tensors in network order. */
    public static final class Builder {
        private final String architecture;
        private final List<Tensor> tensors = new ArrayList<>();

        private Builder(String architecture) {
            this.architecture = architecture;
        }

        /**
         * Adds a tensor after those added so far.
         *
         * @param layer the layer number, from 1
         * @param role the role
         * @param shape the canonical shape
         * @param values the values, row-major in {@code shape}
         * @return this builder
         */
        public Builder add(int layer, Role role, long[] shape, float[] values) {
            tensors.add(new Tensor(layer, role, shape, values));
            return this;
        }

        /** @return the weights */
        public NeutralWeights build() {
            return new NeutralWeights(architecture, tensors);
        }
    }
}
