package io.cxr4j.engine.tensorflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.cxr4j.core.config.ClassWeighting;
import io.cxr4j.core.testing.KerasBinaryCrossEntropy;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * With {@link ClassWeighting#NONE} and two classes, the TensorFlow engine's loss is the seed
 * project's Keras {@code binary_crossentropy} on its two softmax outputs.
 */
class TrainingGraphLossTest {

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
        float[][] oneHot = new float[LABELS.length][2];
        float[] weights = new float[LABELS.length];
        for (int i = 0; i < LABELS.length; i++) {
            oneHot[i][LABELS[i]] = 1;
            weights[i] = classWeights[LABELS[i]];
        }
        try (Graph graph = new Graph(); Session session = new Session(graph)) {
            Ops tf = Ops.create(graph);
            Operand<TFloat32> loss = TrainingGraph.weightedLoss(tf, tf.constant(LOGITS), tf.constant(oneHot),
                    tf.constant(weights));
            try (Result out = session.runner().fetch(loss).run()) {
                return ((TFloat32) out.get(0)).getFloat();
            }
        }
    }
}
