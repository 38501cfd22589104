package io.cxr4j.core.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.cxr4j.core.config.ClassWeighting;

/**
 * What every engine's training loss computes, checked on fixed logits against
 * {@link KerasBinaryCrossEntropy}, the seed project's loss computed independently.
 */
public final class LossContracts {

    /** An engine's training loss on a batch. */
    @FunctionalInterface
    public interface EngineLoss {
        /**
         * @param logits one row of logits per image
         * @param labels each image's class
         * @param classWeights the weight of each class, as {@link ClassWeighting#weights} gives them
         * @return the batch's loss as the engine computes it for training
         */
        double of(float[][] logits, int[] labels, float[] classWeights);
    }

    private static final float[][] LOGITS = {{2.0f, -1.0f}, {0.3f, 0.9f}, {-0.5f, 1.5f}, {4.0f, 3.5f}, {-2f, 1f}};
    private static final int[] LABELS = {0, 1, 0, 1, 1};

    private LossContracts() {}

    /**
     * With {@link ClassWeighting#NONE} and two classes, the engine's loss is Keras's {@code
     * binary_crossentropy} on two softmax outputs (to 1e-6); balanced class weights give another
     * loss.
     *
     * @param loss the engine's loss
     */
    public static void unweightedTwoClassLossIsKerasBinaryCrossEntropy(EngineLoss loss) {
        double keras = KerasBinaryCrossEntropy.of(LOGITS, LABELS);

        assertThat(loss.of(LOGITS, LABELS, ClassWeighting.NONE.weights(new int[] {1, 4}))).isCloseTo(keras, within(1e-6));
        // Balanced weights for these counts weigh the classes 2.5 and 0.625: another loss.
        assertThat(loss.of(LOGITS, LABELS, ClassWeighting.BALANCED.weights(new int[] {1, 4})))
                .isNotCloseTo(keras, within(1e-2));
    }
}
