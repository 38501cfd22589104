package io.cxr4j.engine.tensorflow;

import ai.djl.modality.Classifications;
import io.cxr4j.core.config.TrainingConfig;
import io.cxr4j.core.engine.TrainingNetwork;
import io.cxr4j.core.engine.TrainingPlan;
import io.cxr4j.core.training.AugmentedBatches;
import io.cxr4j.core.training.PreparedImages;
import io.cxr4j.core.training.TrainingCheckpoint;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.types.TFloat32;

/**
 * The network of one training run in TensorFlow graph mode, stepped as the PyTorch engine steps
 * its own: the same prepared images, seeded shuffle and augmentation, class weights and
 * learning-rate schedule. A resumed run continues exactly where the checkpoint left off: the same
 * shuffles and augmentation (skipped epochs), learning rate, Adam step count and dropout seeds (the
 * step number goes on), and Adam's moments (restored with the weights). With the plan's
 * base-feature cache ({@link TrainingPlan#cachesBaseFeatures}) the steps train the dense head alone
 * ({@link Network.Head}), on the features the frozen base computed once.
 */
final class TensorFlowTrainingNetwork implements TrainingNetwork {

    /** The file of a TensorFlow checkpoint that {@link TrainingCheckpoint} names; its prefix restores it. */
    private static final String CHECKPOINT_INDEX = ".index";

    private final TrainingPlan plan;
    private final TrainingConfig config;
    private final TrainingSteps steps;
    private AugmentedBatches trainData;
    private AugmentedBatches validationData;
    private final int totalSteps;
    private int step;
    /** Whether the first epoch still has to compute the frozen base's features, which the epochs train on. */
    private boolean featuresToCompute;

    private TensorFlowTrainingNetwork(TrainingPlan plan, TrainingSteps steps, boolean cachesFeatures) {
        this.plan = plan;
        this.featuresToCompute = cachesFeatures;
        this.config = plan.config();
        this.steps = steps;
        this.trainData = plan.trainingBatches();
        this.validationData = plan.validationBatches();
        this.totalSteps = trainData.batchesPerEpoch() * config.epochs();
        int completed = plan.completedEpochs();
        trainData.skipEpochs(completed);
        this.step = trainData.batchesPerEpoch() * completed;
    }

    /**
     * Builds the graph with every variable at its seeded initial value (the first layers at the
     * plan's base weights on a fresh start), then restores the plan's checkpoint.
     */
    static TensorFlowTrainingNetwork start(TrainingPlan plan) throws IOException {
        boolean cachesFeatures = plan.cachesBaseFeatures();
        TrainingSteps steps = TrainingSteps.open(plan.config(), plan.classCounts(),
                plan.startingBase().orElse(null), cachesFeatures);
        try {
            if (plan.checkpoint() != null) {
                restore(plan, steps.session(), plan.checkpoint());
            }
            return new TensorFlowTrainingNetwork(plan, steps, cachesFeatures);
        } catch (IOException | RuntimeException e) {
            steps.close();
            throw e;
        }
    }

    /** Sets every variable of the graph, Adam's moments included, to the checkpoint's values. */
    private static void restore(TrainingPlan plan, Session session, TrainingCheckpoint checkpoint) throws IOException {
        Path folder = plan.checkpointDirectory();
        String index = checkpoint.weightsFile();
        if (!index.endsWith(CHECKPOINT_INDEX)) {
            throw new IOException("Checkpoint " + folder.resolve(TrainingCheckpoint.FILE) + " names '" + index
                    + "', which is not a TensorFlow checkpoint (<name>" + CHECKPOINT_INDEX + "). It was not written by"
                    + " the " + TensorFlowEngine.NAME + " engine: resume with the engine of the interrupted run, or"
                    + " train from the start without resuming (delete " + folder + ").");
        }
        Path prefix = folder.resolve(index.substring(0, index.length() - CHECKPOINT_INDEX.length()));
        try {
            session.restore(prefix.toString());
        } catch (RuntimeException e) {
            // TensorFlow reports an unreadable checkpoint as an unchecked exception.
            throw new IOException("Cannot restore the checkpoint " + prefix + " (" + e.getMessage() + "). Delete "
                    + folder + " and train from the start.", e);
        }
    }

    @Override
    public EpochScores trainEpoch(int epoch) {
        if (featuresToCompute) {
            // In the first epoch, so that its time includes computing them.
            featuresToCompute = false;
            trainData = trainData.precomputed(steps::features);
            validationData = validationData == null ? null : validationData.precomputed(steps::features);
        }
        Tally trainTally = new Tally();
        for (AugmentedBatches.Batch batch : trainData.nextEpoch()) {
            step++;
            float rate = (float) config.schedule().rate(config.learningRate(), step, totalSteps, config.epochs());
            trainTally.add(steps.train(batch, rate, step, config.seed()), batch);
        }
        Tally validationTally = new Tally();
        if (validationData != null) {
            for (AugmentedBatches.Batch batch : validationData.nextEpoch()) {
                validationTally.add(steps.evaluate(batch), batch);
            }
        }
        return new EpochScores(trainTally.loss(), trainTally.accuracy(),
                validationData == null ? Double.NaN : validationTally.loss(),
                validationData == null ? Double.NaN : validationTally.accuracy());
    }

    /** Names a weight or moving statistic that is not finite. */
    @Override
    public Optional<String> nonFiniteParameter() {
        for (SavedModels.SlotValue variable : SavedModels.values(steps.session(), steps.network())) {
            for (float value : variable.values()) {
                if (!Float.isFinite(value)) {
                    return Optional.of("the " + variable.role().name().toLowerCase(Locale.ROOT) + " of layer "
                            + variable.layer() + " holds values that are not finite");
                }
            }
        }
        return Optional.empty();
    }

    /** Every variable (weights, moving statistics and Adam's moments) as one TensorFlow checkpoint. */
    @Override
    public StateFiles saveState(Path folder, int epoch) {
        String name = plan.stateName(epoch);
        steps.session().save(folder.resolve(name).toString());
        return new StateFiles(name + CHECKPOINT_INDEX, null);
    }

    @Override
    public List<Classifications> predict(PreparedImages images) {
        return steps.predict(images, plan.preprocessor(), plan.classNames(), config.batchSize());
    }

    @Override
    public String save(Path staging) throws IOException {
        export(staging.resolve(SavedModels.FOLDER));
        return SavedModels.GRAPH_FILE;
    }

    @Override
    public void close() {
        steps.close();
    }

    /**
     * Writes the trained network as a SavedModel (see {@link SavedModels}): the network is rebuilt in
     * a fresh graph and only its weights and moving statistics are copied over, so the served model
     * carries neither Adam's moments (twice the weights' size) nor the loss and update ops.
     */
    private void export(Path folder) throws IOException {
        Network network = steps.network();
        Session.Runner fetch = steps.session().runner();
        network.variables().forEach(fetch::fetch);
        try (Result values = fetch.run()) {
            List<TFloat32> tensors = new ArrayList<>();
            for (int i = 0; i < network.slots().size(); i++) {
                tensors.add((TFloat32) values.get(i));
            }
            SavedModels.write(config.architecture(), config.preprocessing(), plan.classNames().size(), tensors, folder);
        }
    }

    /** Mean batch loss and accuracy over an epoch, as DJL's loss and accuracy evaluators count them. */
    private static final class Tally {
        private double lossSum;
        private int batches;
        private int correct;
        private int images;

        void add(TrainingSteps.Outcome outcome, AugmentedBatches.Batch batch) {
            lossSum += outcome.loss();
            batches++;
            int classes = outcome.logits().length / batch.size();
            for (int i = 0; i < batch.size(); i++) {
                if (argMax(outcome.logits(), i * classes, classes) == batch.classIndices()[i]) {
                    correct++;
                }
            }
            images += batch.size();
        }

        double loss() {
            return batches == 0 ? Double.NaN : lossSum / batches;
        }

        double accuracy() {
            return images == 0 ? Double.NaN : (double) correct / images;
        }

        private static int argMax(float[] values, int offset, int length) {
            int best = 0;
            for (int c = 1; c < length; c++) {
                if (values[offset + c] > values[offset + best]) {
                    best = c;
                }
            }
            return best;
        }
    }
}
