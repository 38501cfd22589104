package io.cxr4j.engine.pytorch;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.Trainer;
import ai.djl.training.tracker.Tracker;
import io.cxr4j.core.config.Precision;
import io.cxr4j.core.config.TrainingConfig;
import io.cxr4j.core.engine.Networks;
import io.cxr4j.core.image.PreprocessingSpec;
import io.cxr4j.core.model.BaseWeights;
import java.util.List;

/**
 * The network, loss and optimizer a PyTorch training run uses, built in one place for full runs
 * ({@link PyTorchTrainingNetwork}) and step sessions ({@link PyTorchTrainingSession}) alike, so that a
 * benchmarked step is a step of a real run.
 */
final class TrainingSetup {

    private TrainingSetup() {}

    /**
     * Builds the untrained network, readied for the run's precision: channels-last weights for
     * float32 (steps about 1.3x faster), autocast for bfloat16 (where channels-last measured no
     * faster). The layers of the configuration's frozen blocks compute no gradient and are not
     * updated.
     *
     * @param config the run's settings
     * @param classes the number of output classes
     * @return the network itself for float32, wrapped in autocast for bfloat16
     */
    static Block network(TrainingConfig config, int classes) {
        Block network = Architectures.build(config.architecture(), classes);
        PyTorchWeights.freezeLayers(network, Networks.layersInBlocks(config.architecture(), config.frozenBlocks()));
        return switch (config.precision()) {
            case FLOAT32 -> {
                ChannelsLast.apply(network);
                yield network;
            }
            case BFLOAT16 -> new AutocastBlock(network);
        };
    }

    /**
     * Readies a network whose parameters were loaded from a checkpoint as {@link #network} readies
     * a fresh one, so that a resumed run computes as the run it continues.
     *
     * @param config the run's settings
     * @param network the network built by {@link #network}, its parameters loaded
     */
    static void afterLoading(TrainingConfig config, Block network) {
        if (config.precision() == Precision.FLOAT32) {
            ChannelsLast.relayout(network);
        }
    }

    /**
     * Initialises a network built by {@link #network} and sets its first layers to base weights,
     * laid out as {@link #afterLoading} lays out loaded ones; the other layers keep their seeded
     * random values, and frozen layers stay frozen.
     *
     * @param config the run's settings
     * @param network the network built by {@link #network}, not initialised yet
     * @param base the weights of its first layers
     * @param manager the manager that owns the parameters, normally the model's
     * @throws IllegalArgumentException naming the layer when the weights do not fit the network
     */
    static void startFrom(TrainingConfig config, Block network, BaseWeights base, NDManager manager) {
        PreprocessingSpec spec = config.preprocessing();
        List<Parameter> trained = network.getParameters().values().stream().filter(Parameter::requiresGradient)
                .toList();
        // Values are replaced and laid out anew while no array records gradients; then the
        // parameters that trained before train again.
        network.freezeParameters(true);
        network.initialize(manager, DataType.FLOAT32, new Shape(1, spec.channels(), spec.imageSize(),
                spec.imageSize()));
        PyTorchWeights.importBase(network, base, config.architecture());
        afterLoading(config, network);
        trained.forEach(parameter -> parameter.freeze(false));
    }

    /**
     * A trainer for the model, with the configuration's frozen layers frozen. DJL's {@code
     * PtModel.newTrainer} unfreezes every parameter of a model whose parameters were loaded, as a
     * resumed run's are from its checkpoint, so the freeze is applied again after it; without this
     * a resumed run trained its frozen base.
     *
     * @param model the model, its block built by {@link #network}
     * @param config the run's settings
     * @param training the loss, optimizer, evaluators and listeners
     * @return the trainer, not initialized yet
     */
    static Trainer trainer(Model model, TrainingConfig config, DefaultTrainingConfig training) {
        Trainer trainer = model.newTrainer(training);
        PyTorchWeights.freezeLayers(model.getBlock(),
                Networks.layersInBlocks(config.architecture(), config.frozenBlocks()));
        return trainer;
    }

    /**
     * Adam with the run's weight decay.
     *
     * @param config the run's settings
     * @param learningRate the learning rate of each update
     * @param owner the manager that frees Adam's state, normally the model's
     * @return the optimizer
     */
    static OwnedAdam adam(TrainingConfig config, Tracker learningRate, NDManager owner) {
        return OwnedAdam.create(learningRate, (float) config.weightDecay(), owner);
    }

    /**
     * The class-weighted loss and an optimizer on the CPU.
     *
     * @param config the run's settings
     * @param classCounts training images per class, for the class weights
     * @param adam the optimizer, from {@link #adam}
     * @return the training configuration, to which callers may add evaluators and listeners
     */
    static DefaultTrainingConfig lossAndOptimizer(TrainingConfig config, int[] classCounts, OwnedAdam adam) {
        return new DefaultTrainingConfig(new WeightedSoftmaxCrossEntropy(config.classWeighting().weights(classCounts)))
                .optOptimizer(adam)
                .optDevices(new Device[] {Device.cpu()});
    }
}
