package io.cxr4j.engine.tensorflow;

import io.cxr4j.core.engine.Networks;
import io.cxr4j.core.image.PreprocessingSpec;
import io.cxr4j.core.model.NeutralWeights.Role;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.op.nn.FusedBatchNorm;
import org.tensorflow.op.nn.LeakyRelu;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

/**
 * The networks of {@link Networks}, built into a TensorFlow graph layer for layer as the PyTorch engine
 * builds them from DJL blocks, so that a name means the same network, with the same parameters,
 * in both engines.
 *
 * <p>The graph takes channel-first input like every cxr4j engine and transposes it once to
 * channel-last, the layout TensorFlow's CPU kernels support for convolution and pooling. Before
 * the dense layers the maps are transposed back, so that flattening orders the values as DJL's
 * {@code batchFlatten} does on channel-first maps. The inference branch passes through the output
 * of the last convolution block, the maps Grad-CAM weights ({@link Network.LastBlock}).
 *
 * <p>Initial values follow DJL's defaults, seeded: weights from a normal distribution with
 * standard deviation {@code sqrt(2 / fanIn)} (DJL's {@code XavierInitializer(GAUSSIAN, IN, 2)}),
 * biases and batch-norm shifts zero, batch-norm scales one, moving means zero and moving variances
 * one. Batch norm uses DJL's defaults too: momentum 0.9, epsilon 1e-5.
 */
public final class Architectures {

    private static final float LEAKY_SLOPE = 0.1f;
    private static final float BN_MOMENTUM = 0.9f;
    private static final float BN_EPSILON = 1e-5f;
    private static final float DROPOUT_RATE = 0.2f;

    private Architectures() {}

    /**
     * Builds an untrained network into a graph.
     *
     * @param tf the graph's op factory
     * @param name an architecture name
     * @param spec the input the network takes
     * @param classes the number of output classes
     * @param seed seeds the initial values
     * @return the network
     */
    static Network build(Ops tf, String name, PreprocessingSpec spec, int classes, long seed) {
        return build(tf, name, spec, classes, seed, false);
    }

    /**
     * Builds an untrained network into a graph, with or without a second way into its dense head
     * ({@link Network.Head}).
     *
     * @param tf the graph's op factory
     * @param name an architecture name
     * @param spec the input the network takes
     * @param classes the number of output classes
     * @param seed seeds the initial values
     * @param head whether to add the ops that compute the head's input and the head alone on it
     * @return the network
     */
    static Network build(Ops tf, String name, PreprocessingSpec spec, int classes, long seed, boolean head) {
        Builder b = new Builder(tf, spec, seed, head);
        switch (name.toLowerCase(Locale.ROOT)) {
            case Networks.DARKCOVIDNET -> darkCovidNet(b, classes);
            case Networks.DARKCOVIDNET_GAP -> darkCovidNetConvolutions(b).globalAveragePool().dense(classes);
            case Networks.SEED_VGG -> seedVgg(b, classes);
            case Networks.VGG16 -> vgg16(b, classes);
            default -> throw new IllegalArgumentException("Unknown architecture '" + name
                    + "'. Choose one of " + new TreeSet<>(Networks.names()) + ".");
        }
        return b.network();
    }

    /** DarkCovidNet exactly as the PyTorch engine's {@code Architectures.darkCovidNet}. */
    private static void darkCovidNet(Builder b, int classes) {
        darkCovidNetConvolutions(b)
                // fastai's conv_layer: convolution, ReLU, then batch norm.
                .conv(classes, 3, false).relu().batchNorm()
                .flatten()
                .dense(classes);
    }

    /** DarkCovidNet up to and including its last 256-filter block, the part both heads share. */
    private static Builder darkCovidNetConvolutions(Builder b) {
        return b.convBnLeaky(8, 3).maxPool(2, 2)
                .convBnLeaky(16, 3).maxPool(2, 2)
                .tripleConv(16, 32).maxPool(2, 2)
                .tripleConv(32, 64).maxPool(2, 2)
                .tripleConv(64, 128).maxPool(2, 2)
                .tripleConv(128, 256)
                .convBnLeaky(128, 1)
                .convBnLeaky(256, 3);
    }

    /** The seed project's VGG-style network exactly as the PyTorch engine's {@code seedVgg}. */
    private static void seedVgg(Builder b, int classes) {
        for (int filters : new int[] {16, 32, 64, 128, 128}) {
            b.convRelu(filters).convRelu(filters).maxPool(2, 2);
        }
        seedHead(b, classes);
    }

    /** Keras's VGG16 base with the seed project's head, exactly as the PyTorch engine's {@code vgg16}. */
    private static void vgg16(Builder b, int classes) {
        for (List<Integer> block : Networks.VGG16_BLOCKS) {
            block.forEach(b::convRelu);
            b.maxPool(2, 2);
        }
        seedHead(b, classes);
    }

    /** The seed project's head: 4x4 max-pool, dense 64 with ReLU, dropout 0.2, dense per class. */
    private static void seedHead(Builder b, int classes) {
        b.maxPool(4, 4).flatten().dense(64).relu().dropout(DROPOUT_RATE).dense(classes);
    }

    /** One step of the network, applied once per branch to the same variables. */
    @FunctionalInterface
    private interface Layer {
        Operand<TFloat32> apply(Operand<TFloat32> x, boolean training);
    }

    /**
     * Creates variables layer by layer, tracking the shape of the maps, and applies the layers to
     * build both branches.
     */
    private static final class Builder {
        private final Ops tf;
        private final PreprocessingSpec spec;
        private final long seed;
        private final Placeholder<TInt64> dropoutSeed;
        private final List<Layer> layers = new ArrayList<>();
        private final List<Variable<TFloat32>> parameters = new ArrayList<>();
        private final List<Variable<TFloat32>> movingStatistics = new ArrayList<>();
        private final List<Network.Slot> slots = new ArrayList<>();
        private final List<Op> statisticUpdates = new ArrayList<>();
        private final List<Op> initializers = new ArrayList<>();
        /** Channels, height and width of the maps after the layers added so far (or features once flat). */
        private long channels;
        private long side;
        private boolean flat;
        private int layerCount;
        private int randomCount;
        private int convolutions;
        /** The number of layers up to the end of the last convolution block so far, and its convolution. */
        private int lastBlockEnd = -1;
        private int lastBlockConvolution;
        /** The number of layers before the first dense layer, or -1 before there is one. */
        private int headStart = -1;
        private long headFeatures;
        private final boolean withHead;

        Builder(Ops tf, PreprocessingSpec spec, long seed, boolean withHead) {
            this.tf = tf;
            this.withHead = withHead;
            this.spec = spec;
            this.seed = seed;
            this.channels = spec.channels();
            this.side = spec.imageSize();
            this.dropoutSeed = tf.withName("dropout_seed").placeholder(TInt64.class,
                    Placeholder.shape(Shape.of(2)));
        }

        /** A convolution block, as the PyTorch engine's {@code conv}: Grad-CAM may end its features here. */
        Builder convBnLeaky(int filters, int kernel) {
            return conv(filters, kernel, false).batchNorm().leakyRelu().endBlock();
        }

        /** A convolution block, as the PyTorch engine's {@code vggConv}: Grad-CAM may end its features here. */
        Builder convRelu(int filters) {
            return conv(filters, 3, true).relu().endBlock();
        }

        /**
         * Marks the end of a convolution block. Bare convolutions, such as DarkCovidNet's per-class
         * one, are the classifier's and end none, as in the PyTorch engine, where only sequential
         * blocks that start with a convolution count.
         */
        private Builder endBlock() {
            lastBlockEnd = layers.size();
            lastBlockConvolution = convolutions;
            return this;
        }

        Builder tripleConv(int in, int out) {
            return convBnLeaky(out, 3).convBnLeaky(in, 1).convBnLeaky(out, 3);
        }

        /** A stride-1 convolution padded to keep the size, as DJL's with padding (k - 1) / 2. */
        Builder conv(int filters, int kernel, boolean bias) {
            Ops scope = scope("conv");
            long fanIn = channels * kernel * kernel;
            Variable<TFloat32> weight = heNormal(scope, Role.CONV_WEIGHT, Shape.of(kernel, kernel, channels, filters),
                    fanIn);
            Variable<TFloat32> shift = bias ? constant(scope, Role.CONV_BIAS, Shape.of(filters), 0f, true) : null;
            List<Long> strides = Arrays.asList(1L, 1L, 1L, 1L);
            convolutions++;
            layers.add((x, training) -> {
                Operand<TFloat32> y = tf.nn.conv2d(x, weight, strides, "SAME");
                return shift == null ? y : tf.nn.biasAdd(y, shift);
            });
            channels = filters;
            return this;
        }

        Builder batchNorm() {
            Ops scope = scope("batchnorm");
            Shape shape = Shape.of(channels);
            Variable<TFloat32> gamma = constant(scope, Role.BN_GAMMA, shape, 1f, true);
            Variable<TFloat32> beta = constant(scope, Role.BN_BETA, shape, 0f, true);
            Variable<TFloat32> movingMean = constant(scope, Role.BN_MOVING_MEAN, shape, 0f, false);
            Variable<TFloat32> movingVariance = constant(scope, Role.BN_MOVING_VAR, shape, 1f, false);
            Operand<TFloat32> empty = tf.constant(new float[0]);
            layers.add((x, training) -> {
                if (!training) {
                    return tf.nn.fusedBatchNorm(x, gamma, beta, movingMean, movingVariance,
                            FusedBatchNorm.epsilon(BN_EPSILON), FusedBatchNorm.isTraining(false)).y();
                }
                FusedBatchNorm<TFloat32, TFloat32> bn = tf.nn.fusedBatchNorm(x, gamma, beta, empty, empty,
                        FusedBatchNorm.epsilon(BN_EPSILON), FusedBatchNorm.isTraining(true));
                // batchVariance is the unbiased variance, as PyTorch folds into its running variance.
                statisticUpdates.add(tf.assign(movingMean, movingAverage(movingMean, bn.batchMean())));
                statisticUpdates.add(tf.assign(movingVariance, movingAverage(movingVariance, bn.batchVariance())));
                return bn.y();
            });
            return this;
        }

        Builder leakyRelu() {
            layers.add((x, training) -> tf.nn.leakyRelu(x, LeakyRelu.alpha(LEAKY_SLOPE)));
            return this;
        }

        Builder relu() {
            layers.add((x, training) -> tf.nn.relu(x));
            return this;
        }

        /** Max-pooling without padding, which like DJL's drops a remainder row and column. */
        Builder maxPool(int kernel, int stride) {
            Operand<org.tensorflow.types.TInt32> size = tf.constant(new int[] {1, kernel, kernel, 1});
            Operand<org.tensorflow.types.TInt32> strides = tf.constant(new int[] {1, stride, stride, 1});
            if (side < kernel) {
                // The engine's checkTrainable refuses such inputs first; reaching this is a bug.
                throw new IllegalStateException("Maps of side " + side + " cannot take a " + kernel + " x " + kernel
                        + " pool: minimumImageSize is out of step with the network for input " + spec.imageSize());
            }
            layers.add((x, training) -> tf.nn.maxPool(x, size, strides, "VALID"));
            side = (side - kernel) / stride + 1;
            return this;
        }

        /** Flattens channel-first, as DJL's batchFlatten, so dense weights line up across engines. */
        Builder flatten() {
            long features = channels * side * side;
            Operand<org.tensorflow.types.TInt32> toChannelFirst = tf.constant(new int[] {0, 3, 1, 2});
            Operand<org.tensorflow.types.TInt32> flatShape = tf.constant(new int[] {-1, Math.toIntExact(features)});
            layers.add((x, training) -> tf.reshape(tf.linalg.transpose(x, toChannelFirst), flatShape));
            channels = features;
            flat = true;
            return this;
        }

        /** The mean of each map, as DJL's {@code globalAvgPool2dBlock}: one feature per channel. */
        Builder globalAveragePool() {
            Operand<org.tensorflow.types.TInt32> spatialAxes = tf.constant(new int[] {1, 2});
            layers.add((x, training) -> tf.math.mean(x, spatialAxes));
            flat = true;
            return this;
        }

        Builder dense(int units) {
            if (!flat) {
                throw new IllegalStateException("dense() needs flatten() or globalAveragePool() first");
            }
            if (headStart < 0) {
                headStart = layers.size();
                headFeatures = channels;
            }
            Ops scope = scope("dense");
            Variable<TFloat32> weight = heNormal(scope, Role.DENSE_WEIGHT, Shape.of(channels, units), channels);
            Variable<TFloat32> bias = constant(scope, Role.DENSE_BIAS, Shape.of(units), 0f, true);
            layers.add((x, training) -> tf.nn.biasAdd(tf.linalg.matMul(x, weight), bias));
            channels = units;
            return this;
        }

        /** Inverted dropout like DJL's: drop with probability {@code rate}, scale the rest up. */
        Builder dropout(float rate) {
            Operand<TFloat32> threshold = tf.constant(rate);
            Operand<TFloat32> scale = tf.constant(1f / (1f - rate));
            layers.add((x, training) -> {
                if (!training) {
                    return x;
                }
                Operand<TFloat32> uniform = tf.random.statelessRandomUniform(tf.shape(x), dropoutSeed);
                Operand<TFloat32> keep = tf.dtypes.cast(tf.math.greaterEqual(uniform, threshold), TFloat32.class);
                return tf.math.mul(tf.math.mul(x, keep), scale);
            });
            return this;
        }

        Network network() {
            if (lastBlockEnd < 0) {
                throw new IllegalStateException("The network has no convolution block for Grad-CAM");
            }
            Operand<org.tensorflow.types.TInt32> toChannelLast = tf.constant(new int[] {0, 2, 3, 1});
            Placeholder<TFloat32> input = tf.withName("input").placeholder(TFloat32.class, Placeholder.shape(
                    Shape.of(Shape.UNKNOWN_SIZE, spec.channels(), spec.imageSize(), spec.imageSize())));
            Operand<TFloat32> trainingLogits = apply(tf.linalg.transpose(input, toChannelLast), true, layers);
            Operand<TFloat32> lastMaps = apply(tf.linalg.transpose(input, toChannelLast), false,
                    layers.subList(0, lastBlockEnd));
            Operand<TFloat32> inferenceLogits = tf.withName("logits")
                    .identity(apply(lastMaps, false, layers.subList(lastBlockEnd, layers.size())));
            // Built after everything else, so that the network's own ops keep their names.
            Network.Head head = withHead ? head(lastMaps) : null;
            return new Network(input, dropoutSeed, trainingLogits, inferenceLogits,
                    new Network.LastBlock(lastMaps, lastBlockConvolution, convolutions), parameters,
                    movingStatistics, slots, statisticUpdates, initializers, head);
        }

        /** The inference branch up to the first dense layer, and both branches from there on a placeholder. */
        private Network.Head head(Operand<TFloat32> lastMaps) {
            if (headStart < lastBlockEnd) {
                throw new IllegalStateException("The network has no dense layer after its convolutions");
            }
            Operand<TFloat32> features = apply(lastMaps, false, layers.subList(lastBlockEnd, headStart));
            Placeholder<TFloat32> headInput = tf.withName("head_input").placeholder(TFloat32.class,
                    Placeholder.shape(Shape.of(Shape.UNKNOWN_SIZE, headFeatures)));
            List<Layer> dense = layers.subList(headStart, layers.size());
            return new Network.Head(features, headInput, apply(headInput, true, dense), apply(headInput, false, dense));
        }

        private static Operand<TFloat32> apply(Operand<TFloat32> x, boolean training, List<Layer> layers) {
            Operand<TFloat32> y = x;
            for (Layer layer : layers) {
                y = layer.apply(y, training);
            }
            return y;
        }

        private Ops scope(String kind) {
            return tf.withSubScope(String.format(Locale.ROOT, "layer%02d_%s", ++layerCount, kind));
        }

        private Variable<TFloat32> heNormal(Ops scope, Role role, Shape shape, long fanIn) {
            Variable<TFloat32> variable = variable(scope, role, shape);
            Operand<TFloat32> normal = tf.random.statelessRandomNormal(
                    tf.constant(shape), tf.constant(new long[] {seed, ++randomCount}));
            Operand<TFloat32> value = tf.math.mul(normal, tf.constant((float) Math.sqrt(2.0 / fanIn)));
            initializers.add(tf.assign(variable, value));
            parameters.add(variable);
            return variable;
        }

        private Variable<TFloat32> constant(Ops scope, Role role, Shape shape, float value, boolean trainable) {
            Variable<TFloat32> variable = variable(scope, role, shape);
            initializers.add(tf.assign(variable, tf.fill(tf.constant(shape), tf.constant(value))));
            (trainable ? parameters : movingStatistics).add(variable);
            return variable;
        }

        /** A variable named after its role, such as {@code layer03_batchnorm/moving_mean}. */
        private Variable<TFloat32> variable(Ops scope, Role role, Shape shape) {
            Variable<TFloat32> variable = scope.withName(role.parameter()).variable(shape, TFloat32.class);
            slots.add(new Network.Slot(layerCount, role, variable));
            return variable;
        }

        private Operand<TFloat32> movingAverage(Operand<TFloat32> moving, Operand<TFloat32> batch) {
            return tf.math.add(tf.math.mul(moving, tf.constant(BN_MOMENTUM)),
                    tf.math.mul(batch, tf.constant(1f - BN_MOMENTUM)));
        }
    }
}
