package io.cxr4j.engine.pytorch;

import ai.djl.training.Trainer;
import ai.djl.training.listener.TrainingListenerAdapter;
import io.cxr4j.core.training.EpochResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records and logs each epoch's loss and accuracy from DJL's evaluator listener, which must come
 * before this one in the trainer's listener list.
 */
final class HistoryListener extends TrainingListenerAdapter {

    private static final Logger LOG = LoggerFactory.getLogger(HistoryListener.class);

    private final List<EpochResult> epochs;
    private final boolean validating;
    private final int plannedEpochs;
    private long epochStart;

    HistoryListener(boolean validating, int plannedEpochs, List<EpochResult> earlierEpochs) {
        this.validating = validating;
        this.plannedEpochs = plannedEpochs;
        this.epochs = new ArrayList<>(earlierEpochs);
    }

    @Override
    public void onTrainingBegin(Trainer trainer) {
        epochStart = System.nanoTime();
    }

    @Override
    public void onEpoch(Trainer trainer) {
        long now = System.nanoTime();
        Map<String, Float> latest = trainer.getTrainingResult().getEvaluations();
        EpochResult result = new EpochResult(
                epochs.size() + 1,
                latest.getOrDefault("train_loss", Float.NaN),
                latest.getOrDefault("train_Accuracy", Float.NaN),
                validating ? latest.getOrDefault("validate_loss", Float.NaN) : Double.NaN,
                validating ? latest.getOrDefault("validate_Accuracy", Float.NaN) : Double.NaN,
                (now - epochStart) / 1e9);
        epochs.add(result);
        LOG.info(result.summary(plannedEpochs));
        epochStart = now;
    }

    List<EpochResult> epochs() {
        return List.copyOf(epochs);
    }
}
