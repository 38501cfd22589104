package io.cxr4j.engine.tensorflow;

import io.cxr4j.core.model.NeutralWeights.Role;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.tensorflow.Operand;
import org.tensorflow.op.Op;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

/**
 * A network built into a TensorFlow graph by {@link Architectures}: one set of variables and two
 * branches over them. The training branch normalises with batch statistics and applies dropout;
 * the inference branch uses the moving statistics and no dropout.
 *
 * @param input channel-first images {@code [batch, channels, size, size]}, as cxr4j's
 *     preprocessing lays them out
 * @param dropoutSeed the two-element seed of this step's dropout masks, fed on every training step
 * @param trainingLogits the training branch's output, one logit per class
 * @param inferenceLogits the inference branch's output, one logit per class
 * @param lastBlock the inference branch's last convolution block, whose maps Grad-CAM weights
 * @param parameters the trainable variables, in layer order
 * @param movingStatistics the batch-norm moving means and variances (not trained by gradients)
 * @param slots every variable, trainable or not, with its layer number and role as {@link
 *     io.cxr4j.core.model.NeutralWeights} numbers them, in that canonical order
 * @param statisticUpdates ops that fold the current batch's statistics into the moving ones; the
 *     train op runs them
 * @param initializers ops that set every variable to its seeded initial value
 * @param head the way into the dense head on its own, or null when the graph was built without it
 */
record Network(
        Placeholder<TFloat32> input,
        Placeholder<TInt64> dropoutSeed,
        Operand<TFloat32> trainingLogits,
        Operand<TFloat32> inferenceLogits,
        LastBlock lastBlock,
        List<Variable<TFloat32>> parameters,
        List<Variable<TFloat32>> movingStatistics,
        List<Slot> slots,
        List<Op> statisticUpdates,
        List<Op> initializers,
        Head head) {

    /** Freezes the lists. */
    Network {
        parameters = List.copyOf(parameters);
        movingStatistics = List.copyOf(movingStatistics);
        slots = List.copyOf(slots);
        statisticUpdates = List.copyOf(statisticUpdates);
        initializers = List.copyOf(initializers);
    }

    /**
     * A variable's place in the canonical numbering. Its TensorFlow shape is channel-last: {@code
     * (h, w, in, out)} for a convolution and {@code (in, out)} for a dense weight.
     *
     * @param layer the layer number, from 1
     * @param role what the variable is
     * @param variable the variable
     */
    record Slot(int layer, Role role, Variable<TFloat32> variable) {}

    /**
     * The network split before its first dense layer, for training the head on features computed
     * once: everything before that layer (the convolutions and the parameter-free pooling and
     * flattening after them) and the head from there on.
     *
     * @param features the inference branch's values at the head's input, {@code [batch, length]},
     *     computed from {@link Network#input}
     * @param input a placeholder for such values, {@code [batch, length]}
     * @param trainingLogits the head's training branch (with dropout) on {@code input}
     * @param inferenceLogits the head's inference branch on {@code input}
     */
    record Head(Operand<TFloat32> features, Placeholder<TFloat32> input, Operand<TFloat32> trainingLogits,
            Operand<TFloat32> inferenceLogits) {}

    /**
     * The output of the last convolution block (a convolution with its normalisation and
     * activation) in the inference branch: the maps Grad-CAM weights, as the PyTorch engine's
     * {@code Architectures.lastConvolutionBlock} chooses them. The inference logits are computed
     * from these maps.
     *
     * @param maps channel-last feature maps {@code [batch, h, w, K]}
     * @param convolution the block's convolution, counted from 1 over all convolutions
     * @param convolutions how many convolutions the network has
     */
    record LastBlock(Operand<TFloat32> maps, int convolution, int convolutions) {

        /** @return a name of the block such as {@code convolution 16 of 17} */
        String name() {
            return "convolution " + convolution + " of " + convolutions;
        }
    }

    /** @return every variable in canonical order */
    List<Variable<TFloat32>> variables() {
        return slots.stream().map(Slot::variable).toList();
    }

    /** @return the number of trainable values */
    long parameterCount() {
        return count(parameters);
    }

    /**
     * @param variables some of the network's variables
     * @return the number of values they hold
     */
    static long count(List<Variable<TFloat32>> variables) {
        return variables.stream().mapToLong(v -> v.shape().size()).sum();
    }

    /**
     * The trainable variables after the first layers, those a run with frozen blocks updates.
     *
     * @param frozenLayers the number of leading layers in the canonical numbering that stay as they
     *     are, 0 for none
     * @return the variables to update, in layer order
     */
    List<Variable<TFloat32>> parametersAfter(int frozenLayers) {
        Set<Variable<TFloat32>> frozen = slots.stream().filter(s -> s.layer() <= frozenLayers).map(Slot::variable)
                .collect(Collectors.toSet());
        return parameters.stream().filter(v -> !frozen.contains(v)).toList();
    }
}
