package io.cxr4j.engine.tensorflow;

import io.cxr4j.core.engine.TrainingSession;
import io.cxr4j.core.training.AugmentedBatches;
import io.cxr4j.core.config.TrainingConfig;

/**
 * Step-by-step training on the same graph, loss and Adam step as {@link TensorFlowTrainingNetwork} (both
 * run {@link TrainingSteps#train}), at the configuration's constant learning rate, so one step here
 * costs what one step of a full training run costs.
 */
final class TensorFlowTrainingSession implements TrainingSession {

    private final TrainingSteps steps;
    private final float learningRate;
    private final long seed;
    private int step;
    private boolean closed;

    private TensorFlowTrainingSession(TrainingSteps steps, TrainingConfig config) {
        this.steps = steps;
        this.learningRate = (float) config.learningRate();
        this.seed = config.seed();
    }

    static TensorFlowTrainingSession open(TrainingConfig config, int[] classCounts) {
        return new TensorFlowTrainingSession(TrainingSteps.open(config, classCounts), config);
    }

    @Override
    public float step(AugmentedBatches.Batch batch) {
        if (closed) {
            throw new IllegalStateException("This TensorFlow training session is closed; open a new one with"
                    + " CxrEngine.openTrainingSession.");
        }
        step++;
        return steps.train(batch, learningRate, step, seed).loss();
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            steps.close();
        }
    }
}
