package io.cxr4j.engine.tensorflow;

import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Gradients;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * The loss and the Adam step added to a {@link Network}'s graph.
 *
 * <p>The loss is softmax cross-entropy with a weight per class, averaged like PyTorch's {@code
 * CrossEntropyLoss(weight=...)} and the PyTorch engine: the sum of the weighted losses divided by
 * the sum of the weights of the batch's labels. Gradients come from {@code tf.gradients}; each
 * parameter is updated by TensorFlow's {@code ApplyAdam} with DJL's Adam defaults (beta1 0.9,
 * beta2 0.999, epsilon 1e-8) and the same bias correction. Weight decay, when set, adds {@code
 * decay * weight} to each gradient as DJL's Adam does. The learning rate and the bias-correction
 * powers are fed per step, so the schedule is computed in Java exactly as for the PyTorch engine.
 */
final class TrainingGraph {

    static final float BETA1 = 0.9f;
    static final float BETA2 = 0.999f;
    private static final float EPSILON = 1e-8f;

    private final Placeholder<TInt32> labels;
    private final Placeholder<TFloat32> learningRate;
    private final Placeholder<TFloat32> beta1Power;
    private final Placeholder<TFloat32> beta2Power;
    private final Operand<TFloat32> trainingLoss;
    private final Operand<TFloat32> inferenceLoss;
    private final Operand<TFloat32> probabilities;
    private final Op trainStep;
    private final List<Op> initializers;

    /**
     * Adds the loss and the Adam step to a network's graph.
     *
     * @param tf the graph's op factory
     * @param network the network
     * @param parameters the variables the step updates: all trainable ones, or those after the
     *     frozen layers ({@link Network#parametersAfter})
     * @param classWeights the loss weight of each class
     * @param weightDecay the L2 penalty, 0 for none
     * @param onHead whether the losses and the step are those of the network's {@link Network.Head}
     *     fed its input directly, rather than of the whole network fed images; the parameters must
     *     then all lie in the head, and there are no moving statistics to update
     */
    TrainingGraph(Ops tf, Network network, List<Variable<TFloat32>> parameters, float[] classWeights,
            float weightDecay, boolean onHead) {
        labels = tf.withName("labels").placeholder(TInt32.class, Placeholder.shape(Shape.of(Shape.UNKNOWN_SIZE)));
        learningRate = scalar(tf, "learning_rate");
        beta1Power = scalar(tf, "beta1_power");
        beta2Power = scalar(tf, "beta2_power");
        Operand<TFloat32> weights = tf.gather(tf.constant(classWeights), labels, tf.constant(0));
        Operand<TFloat32> oneHot = tf.oneHot(labels, tf.constant(classWeights.length), tf.constant(1f), tf.constant(0f));
        trainingLoss = weightedLoss(tf, onHead ? network.head().trainingLogits() : network.trainingLogits(), oneHot,
                weights);
        inferenceLoss = weightedLoss(tf, onHead ? network.head().inferenceLogits() : network.inferenceLogits(),
                oneHot, weights);
        probabilities = tf.withName("probabilities").nn.softmax(network.inferenceLogits());

        Gradients gradients = tf.gradients(trainingLoss, parameters);
        // Updating a weight while a gradient still reads it would race: every update waits for
        // every gradient and every moving-statistics update.
        if (onHead && !network.statisticUpdates().isEmpty()) {
            // They belong to the whole network's training branch, which a step on the head does not run.
            throw new IllegalStateException("A network with batch norm cannot train its head on cached features");
        }
        List<Op> computed = new ArrayList<>(onHead ? List.of() : network.statisticUpdates());
        for (int i = 0; i < parameters.size(); i++) {
            computed.add(tf.identity(gradients.dy(i)));
        }
        Ops after = tf.withControlDependencies(computed);
        List<Op> updates = new ArrayList<>();
        List<Op> slotInitializers = new ArrayList<>();
        Operand<TFloat32> beta1 = tf.constant(BETA1);
        Operand<TFloat32> beta2 = tf.constant(BETA2);
        Operand<TFloat32> epsilon = tf.constant(EPSILON);
        Operand<TFloat32> decay = tf.constant(weightDecay);
        for (int i = 0; i < parameters.size(); i++) {
            Variable<TFloat32> parameter = parameters.get(i);
            Ops slots = tf.withSubScope("adam").withSubScope(parameter.op().name().replace('/', '.'));
            Variable<TFloat32> m = slots.withName("m").variable(parameter.shape(), TFloat32.class);
            Variable<TFloat32> v = slots.withName("v").variable(parameter.shape(), TFloat32.class);
            // Zeros of the static shape: zerosLike would read the parameter, which may not be
            // initialised yet when all initialisers run together.
            Operand<TFloat32> zeros = tf.zeros(tf.constant(parameter.shape()), TFloat32.class);
            slotInitializers.add(tf.assign(m, zeros));
            slotInitializers.add(tf.assign(v, zeros));
            Operand<TFloat32> gradient = gradients.dy(i);
            if (weightDecay > 0) {
                gradient = tf.math.add(gradient, tf.math.mul(parameter, decay));
            }
            updates.add(after.train.applyAdam(parameter, m, v, beta1Power, beta2Power, learningRate,
                    beta1, beta2, epsilon, gradient));
        }
        trainStep = tf.withControlDependencies(updates).withName("train_step").noOp();
        List<Op> all = new ArrayList<>(network.initializers());
        all.addAll(slotInitializers);
        initializers = List.copyOf(all);
    }

    private static Placeholder<TFloat32> scalar(Ops tf, String name) {
        return tf.withName(name).placeholder(TFloat32.class, Placeholder.shape(Shape.scalar()));
    }

    /** The batch's softmax cross-entropy weighted per image: the sum of weight times loss over the sum of weights. */
    static Operand<TFloat32> weightedLoss(Ops tf, Operand<TFloat32> logits, Operand<TFloat32> oneHot,
            Operand<TFloat32> weights) {
        Operand<TFloat32> perImage = tf.nn.softmaxCrossEntropyWithLogits(logits, oneHot).loss();
        Operand<TInt32> all = tf.constant(0);
        return tf.math.div(tf.reduceSum(tf.math.mul(perImage, weights), all), tf.reduceSum(weights, all));
    }

    Placeholder<TInt32> labels() {
        return labels;
    }

    Placeholder<TFloat32> learningRate() {
        return learningRate;
    }

    Placeholder<TFloat32> beta1Power() {
        return beta1Power;
    }

    Placeholder<TFloat32> beta2Power() {
        return beta2Power;
    }

    Operand<TFloat32> trainingLoss() {
        return trainingLoss;
    }

    Operand<TFloat32> inferenceLoss() {
        return inferenceLoss;
    }

    Operand<TFloat32> probabilities() {
        return probabilities;
    }

    /** @return the op that runs one Adam step and the moving-statistics updates */
    Op trainStep() {
        return trainStep;
    }

    /** @return the ops that set every variable, Adam's moments included, to its initial value */
    List<Op> initializers() {
        return initializers;
    }
}
