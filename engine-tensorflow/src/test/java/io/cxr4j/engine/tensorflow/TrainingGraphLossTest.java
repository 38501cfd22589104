package io.cxr4j.engine.tensorflow;

import io.cxr4j.core.testing.LossContracts;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * With {@code ClassWeighting.NONE} and two classes, the TensorFlow engine's loss is the seed
 * project's Keras {@code binary_crossentropy} on its two softmax outputs.
 */
class TrainingGraphLossTest {

    @Test
    void unweightedTwoClassLossIsKerasBinaryCrossEntropy() {
        LossContracts.unweightedTwoClassLossIsKerasBinaryCrossEntropy(TrainingGraphLossTest::loss);
    }

    private static double loss(float[][] logits, int[] labels, float[] classWeights) {
        float[][] oneHot = new float[labels.length][2];
        float[] weights = new float[labels.length];
        for (int i = 0; i < labels.length; i++) {
            oneHot[i][labels[i]] = 1;
            weights[i] = classWeights[labels[i]];
        }
        try (Graph graph = new Graph(); Session session = new Session(graph)) {
            Ops tf = Ops.create(graph);
            Operand<TFloat32> loss = TrainingGraph.weightedLoss(tf, tf.constant(logits), tf.constant(oneHot),
                    tf.constant(weights));
            try (Result out = session.runner().fetch(loss).run()) {
                return ((TFloat32) out.get(0)).getFloat();
            }
        }
    }
}
