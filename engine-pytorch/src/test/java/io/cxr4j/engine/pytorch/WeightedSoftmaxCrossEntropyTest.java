package io.cxr4j.engine.pytorch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.cxr4j.core.config.ClassWeighting;
import io.cxr4j.core.testing.KerasBinaryCrossEntropy;
import org.junit.jupiter.api.Test;

/**
 * With {@link ClassWeighting#NONE} and two classes, the PyTorch engine's loss is the seed
 * project's Keras {@code binary_crossentropy} on its two softmax outputs.
 */
class WeightedSoftmaxCrossEntropyTest {

    private static final float[][] LOGITS = {{2.0f, -1.0f}, {0.3f, 0.9f}, {-0.5f, 1.5f}, {4.0f, 3.5f}, {-2f, 1f}};
    private static final int[] LABELS = {0, 1, 0, 1, 1};

    @Test
    void unweightedTwoClassLossIsKerasBinaryCrossEntropy() {
        double keras = KerasBinaryCrossEntropy.of(LOGITS, LABELS);

        assertThat(loss(ClassWeighting.NONE.weights(new int[] {1, 4}))).isCloseTo(keras, within(1e-6));
        // Balanced weights for these counts weigh the classes 2.5 and 0.625: another loss.
        assertThat(loss(ClassWeighting.BALANCED.weights(new int[] {1, 4}))).isNotCloseTo(keras, within(1e-2));
    }

    private static double loss(float[] classWeights) {
        try (NDManager manager = NDManager.newBaseManager(PyTorchEngine.DJL_ENGINE)) {
            float[] flat = new float[LOGITS.length * 2];
            float[] labels = new float[LABELS.length];
            for (int i = 0; i < LOGITS.length; i++) {
                System.arraycopy(LOGITS[i], 0, flat, 2 * i, 2);
                labels[i] = LABELS[i];
            }
            return new WeightedSoftmaxCrossEntropy(classWeights).evaluate(new NDList(manager.create(labels)),
                    new NDList(manager.create(flat, new Shape(LOGITS.length, 2)))).getFloat();
        }
    }
}
