package io.cxr4j.engine.pytorch;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.cxr4j.core.testing.LossContracts;
import org.junit.jupiter.api.Test;

/**
 * With {@code ClassWeighting.NONE} and two classes, the PyTorch engine's loss is the seed
 * project's Keras {@code binary_crossentropy} on its two softmax outputs.
 */
class WeightedSoftmaxCrossEntropyTest {

    @Test
    void unweightedTwoClassLossIsKerasBinaryCrossEntropy() {
        LossContracts.unweightedTwoClassLossIsKerasBinaryCrossEntropy(WeightedSoftmaxCrossEntropyTest::loss);
    }

    private static double loss(float[][] logits, int[] labels, float[] classWeights) {
        try (NDManager manager = NDManager.newBaseManager(PyTorchEngine.DJL_ENGINE)) {
            float[] flat = new float[logits.length * 2];
            float[] classes = new float[labels.length];
            for (int i = 0; i < logits.length; i++) {
                System.arraycopy(logits[i], 0, flat, 2 * i, 2);
                classes[i] = labels[i];
            }
            return new WeightedSoftmaxCrossEntropy(classWeights).evaluate(new NDList(manager.create(classes)),
                    new NDList(manager.create(flat, new Shape(logits.length, 2)))).getFloat();
        }
    }
}
