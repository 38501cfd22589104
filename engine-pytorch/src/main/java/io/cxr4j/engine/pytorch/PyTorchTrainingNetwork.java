package io.cxr4j.engine.pytorch;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.inference.Predictor;
import ai.djl.modality.Classifications;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.EasyTrain;
import ai.djl.training.ParameterStore;
import ai.djl.training.Trainer;
import ai.djl.training.evaluator.Accuracy;
import ai.djl.training.listener.TrainingListener;
import ai.djl.training.tracker.Tracker;
import ai.djl.translate.TranslateException;
import ai.djl.util.Pair;
import io.cxr4j.core.config.LearningRateSchedule;
import io.cxr4j.core.config.TrainingConfig;
import io.cxr4j.core.engine.ProbabilityTranslator;
import io.cxr4j.core.engine.TrainingNetwork;
import io.cxr4j.core.engine.TrainingPlan;
import io.cxr4j.core.image.PreprocessingSpec;
import io.cxr4j.core.image.Preprocessor;
import io.cxr4j.core.training.AugmentedBatches;
import io.cxr4j.core.training.AugmentedDataset;
import io.cxr4j.core.training.PreparedImages;
import io.cxr4j.core.training.TrainingCheckpoint;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The network of one training run on DJL's {@link Trainer}: each epoch is one round of DJL's
 * {@link EasyTrain#fit}, with DJL's loss and accuracy evaluators and its check that stops an epoch
 * at the first NaN batch loss. DJL's logging listener is left out: core logs each epoch once. With
 * the plan's base-feature cache ({@link TrainingPlan#cachesBaseFeatures}) the trainer steps the
 * layers after the frozen base alone, on the features the base computed once.
 */
final class PyTorchTrainingNetwork implements TrainingNetwork {

    private static final Logger LOG = LoggerFactory.getLogger(PyTorchTrainingNetwork.class);

    private final TrainingPlan plan;
    private final TrainingConfig config;
    private final Model model;
    private final OwnedAdam adam;
    private final Trainer trainer;
    private final AugmentedBatches trainBatches;
    private final AugmentedBatches validationBatches;
    private AugmentedDataset trainData;
    private AugmentedDataset validationData;
    /** The layers after the frozen base, trained on its cached features; null without the cache. */
    private Block head;
    private boolean trainerClosed;

    private PyTorchTrainingNetwork(TrainingPlan plan, Model model, OwnedAdam adam, Trainer trainer,
            AugmentedBatches trainBatches, AugmentedBatches validationBatches) {
        this.plan = plan;
        this.config = plan.config();
        this.model = model;
        this.adam = adam;
        this.trainer = trainer;
        this.trainBatches = trainBatches;
        this.validationBatches = validationBatches;
    }

    /**
     * Builds the network, optimizer and trainer, seeded, and restores the plan's checkpoint: its
     * weights and batch-norm statistics laid out as a fresh run lays them out, Adam's state, and the
     * position in the shuffles and the learning-rate schedule, so that a resumed run takes the
     * steps the interrupted one would have taken.
     */
    static PyTorchTrainingNetwork start(TrainingPlan plan) throws IOException {
        TrainingConfig config = plan.config();
        PyTorchEngine.djlEngine().setRandomSeed((int) config.seed());
        AugmentedBatches trainData = plan.trainingBatches();
        AugmentedBatches validationData = plan.validationBatches();
        int completed = plan.completedEpochs();
        trainData.skipEpochs(completed);
        int batches = trainData.batchesPerEpoch();
        Model model = Model.newInstance(config.architecture(), Device.cpu(), PyTorchEngine.DJL_ENGINE);
        try {
            model.setBlock(TrainingSetup.network(config, plan.classCounts().length));
            boolean restoresOptimizer = plan.startingPoint().map(c -> c.optimizerFile() != null).orElse(false);
            // Restored update counts continue the schedule; an optimizer started afresh counts from zero.
            OwnedAdam adam = TrainingSetup.adam(config, learningRate(config, batches * config.epochs(),
                    restoresOptimizer ? 0 : batches * completed), model.getNDManager());
            if (plan.checkpoint() != null) {
                restore(plan, model, adam, plan.checkpoint());
            }
            plan.startingBase().ifPresent(base -> TrainingSetup.startFrom(config, model.getBlock(), base,
                    model.getNDManager()));
            DefaultTrainingConfig trainingConfig = TrainingSetup.lossAndOptimizer(config, plan.classCounts(), adam)
                    .addEvaluator(new Accuracy())
                    .addTrainingListeners(TrainingListener.Defaults.basic());
            Trainer trainer = TrainingSetup.trainer(model, config, trainingConfig);
            PreprocessingSpec spec = config.preprocessing();
            trainer.initialize(new Shape(1, spec.channels(), spec.imageSize(), spec.imageSize()));
            return new PyTorchTrainingNetwork(plan, model, adam, trainer, trainData, validationData);
        } catch (IOException | RuntimeException e) {
            model.close();
            throw e;
        }
    }

    /** Loads a checkpoint's weights, batch-norm statistics and optimizer state. */
    private static void restore(TrainingPlan plan, Model model, OwnedAdam adam, TrainingCheckpoint checkpoint)
            throws IOException {
        TrainingConfig config = plan.config();
        Path folder = plan.checkpointDirectory();
        try {
            model.load(folder, config.architecture(), Map.of("epoch", Integer.toString(checkpoint.epoch())));
        } catch (MalformedModelException e) {
            throw new IOException("Checkpoint " + folder.resolve(checkpoint.weightsFile())
                    + " is damaged (" + e.getMessage() + "). Delete the folder and train from the start.", e);
        }
        TrainingSetup.afterLoading(config, model.getBlock());
        if (checkpoint.optimizerFile() == null) {
            LOG.warn("The checkpoint in {} was written by an earlier cxr4j, without the optimizer's state: Adam's"
                    + " moments start afresh, so the resumed run does not take the steps the interrupted one"
                    + " would have taken", folder);
        } else {
            adam.restore(model.getBlock(), folder.resolve(checkpoint.optimizerFile()));
        }
    }

    private static int epochSeed(long seed, int epoch) {
        long h = (seed + epoch) * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32));
    }

    private static Tracker learningRate(TrainingConfig config, int totalSteps, int stepsDone) {
        LearningRateSchedule schedule = config.schedule();
        double rate = config.learningRate();
        return update -> (float) schedule.rate(rate, update + stepsDone, totalSteps, config.epochs());
    }

    @Override
    public EpochScores trainEpoch(int epoch) throws IOException {
        if (trainData == null) {
            prepareData();
        }
        // libtorch's generator draws the dropout masks, and its state is not in the checkpoint: seeded
        // anew for each epoch from the run's seed, a resumed run draws the masks the uninterrupted one
        // draws in that epoch.
        PyTorchEngine.djlEngine().setRandomSeed(epochSeed(config.seed(), epoch));
        Block network = model.getBlock();
        try {
            if (head != null) {
                // The trainer forwards through the model's block: the head alone while it reads features.
                model.setBlock(head);
            }
            EasyTrain.fit(trainer, 1, trainData, validationData);
        } catch (ai.djl.TrainingDivergedException e) {
            // DJL's loss check stops the epoch at the first NaN batch loss, before anything is saved.
            throw plan.diverged(epoch, "the loss of a training batch became NaN", e);
        } catch (TranslateException e) {
            throw new IOException("Training failed while reading a batch: " + e.getMessage(), e);
        } finally {
            model.setBlock(network);
        }
        Map<String, Float> latest = trainer.getTrainingResult().getEvaluations();
        boolean validating = validationData != null;
        return new EpochScores(latest.getOrDefault("train_loss", Float.NaN),
                latest.getOrDefault("train_Accuracy", Float.NaN),
                validating ? latest.getOrDefault("validate_loss", Float.NaN) : Double.NaN,
                validating ? latest.getOrDefault("validate_Accuracy", Float.NaN) : Double.NaN);
    }

    /**
     * Makes the data sets of the epochs, in the first epoch so that its time includes the work:
     * with the plan's base-feature cache, the frozen base runs once over every image (in inference
     * mode) and the epochs feed its features to the layers after it.
     */
    private void prepareData() {
        AugmentedBatches train = trainBatches;
        AugmentedBatches validation = validationBatches;
        if (plan.cachesBaseFeatures()) {
            SequentialBlock network = (SequentialBlock) model.getBlock();
            List<Block> layers = network.getChildren().values();
            int split = Architectures.headStart(network);
            SequentialBlock base = new SequentialBlock().addAll(layers.subList(0, split));
            SequentialBlock after = new SequentialBlock().addAll(layers.subList(split, layers.size()));
            ParameterStore store = new ParameterStore(model.getNDManager(), false);
            Function<AugmentedBatches.Batch, float[]> features = batch -> baseFeatures(base, store, batch);
            train = train.precomputed(features);
            validation = validation == null ? null : validation.precomputed(features);
            head = after;
            LOG.debug("Training the layers after the frozen base on its features, {} per image",
                    train.tensorShape()[0]);
        }
        trainData = new AugmentedDataset(train, AugmentedDataset.DEFAULT_PREFETCH);
        validationData = validation == null ? null
                : new AugmentedDataset(validation, AugmentedDataset.DEFAULT_PREFETCH);
    }

    private float[] baseFeatures(Block base, ParameterStore store, AugmentedBatches.Batch batch) {
        PreprocessingSpec spec = config.preprocessing();
        try (NDManager manager = model.getNDManager().newSubManager()) {
            NDArray x = manager.create(batch.data(),
                    new Shape(batch.size(), spec.channels(), spec.imageSize(), spec.imageSize()));
            return base.forward(store, new NDList(x), false).singletonOrThrow().toFloatArray();
        }
    }

    @Override
    public Optional<String> nonFiniteParameter() {
        for (Pair<String, Parameter> parameter : model.getBlock().getParameters()) {
            NDArray values = parameter.getValue().getArray();
            try (NDArray infinite = values.isInfinite(); NDArray nan = values.isNaN();
                    NDArray either = infinite.logicalOr(nan); NDArray any = either.any()) {
                if (any.getBoolean()) {
                    return Optional.of("parameter " + parameter.getKey() + " holds values that are not finite");
                }
            }
        }
        return Optional.empty();
    }

    /** Weights as DJL names them ({@code <name>.params}) and Adam's state as {@code <name>.optimizer}. */
    @Override
    public StateFiles saveState(Path folder, int epoch) throws IOException {
        String name = plan.stateName(epoch);
        model.setProperty("Epoch", Integer.toString(epoch));
        model.save(folder, config.architecture());
        adam.save(model.getBlock(), folder.resolve(name + ".optimizer"));
        return new StateFiles(name + ".params", name + ".optimizer");
    }

    @Override
    public List<Classifications> predict(PreparedImages images) throws IOException {
        Preprocessor preprocessor = plan.preprocessor();
        try (Predictor<float[], Classifications> predictor = model.newPredictor(
                new ProbabilityTranslator(plan.classNames(), config.preprocessing()))) {
            // In training-size batches, converted batch by batch: one forward pass over every
            // held-out image at once kept all their activations alive together (a 5.9 GB peak for
            // 225 images at 224 px), and converting all first would undo a disk-backed image cache.
            int count = images.images().size();
            List<Classifications> results = new ArrayList<>(count);
            for (int from = 0; from < count; from += config.batchSize()) {
                results.addAll(predictor.batchPredict(images.images().subList(from, Math.min(count,
                        from + config.batchSize())).stream().map(i -> preprocessor.toTensor(i.image())).toList()));
            }
            return results;
        } catch (TranslateException e) {
            throw new IOException("Training failed while reading a batch: " + e.getMessage(), e);
        }
    }

    /** Ends training, then writes the parameters as {@code <architecture>-<epochs>.params}. */
    @Override
    public String save(Path staging) throws IOException {
        closeTrainer();
        model.setProperty("Epoch", Integer.toString(config.epochs()));
        model.save(staging, config.architecture());
        return plan.stateName(config.epochs()) + ".params";
    }

    private void closeTrainer() {
        if (!trainerClosed) {
            trainerClosed = true;
            trainer.close();
        }
    }

    @Override
    public void close() {
        try {
            closeTrainer();
        } finally {
            model.close();
        }
    }
}
