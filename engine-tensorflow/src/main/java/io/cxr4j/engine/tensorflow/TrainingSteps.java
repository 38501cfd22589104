package io.cxr4j.engine.tensorflow;

import ai.djl.modality.Classifications;
import io.cxr4j.core.image.AugmentationSpec;
import io.cxr4j.core.image.PreprocessingSpec;
import io.cxr4j.core.image.Preprocessor;
import io.cxr4j.core.training.AugmentedBatches;
import io.cxr4j.core.training.PreparedImages;
import io.cxr4j.core.config.TrainingConfig;
import io.cxr4j.core.engine.Networks;
import io.cxr4j.core.model.BaseWeights;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tensorflow.Graph;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;

/**
 * A network with its loss and Adam step in a TensorFlow graph, and the session that runs them: the
 * training, evaluation and prediction steps shared by a full training run ({@link
 * TensorFlowTrainingNetwork}) and step-by-step training ({@link TensorFlowTrainingSession}). Owns the
 * graph and the session; closing releases them and every variable.
 */
final class TrainingSteps implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TrainingSteps.class);

    private final Graph graph;
    private final Session session;
    private final Network network;
    private final TrainingGraph train;
    private final PreprocessingSpec spec;
    /** Whether the steps train and evaluate the head on its input ({@link Network.Head}) rather than on images. */
    private final boolean onHead;

    private TrainingSteps(Graph graph, Session session, Network network, TrainingGraph train, PreprocessingSpec spec,
            boolean onHead) {
        this.graph = graph;
        this.session = session;
        this.network = network;
        this.train = train;
        this.spec = spec;
        this.onHead = onHead;
    }

    /**
     * Builds the configuration's network, loss and optimizer into a new graph and sets every
     * variable to its seeded initial value.
     *
     * @param config the architecture, preprocessing, seed, class weighting and weight decay
     * @param classCounts training images per class; its length is the number of classes
     * @return the initialised steps, owned by the caller
     */
    static TrainingSteps open(TrainingConfig config, int[] classCounts) {
        return open(config, classCounts, null, false);
    }

    /**
     * Builds the configuration's network, loss and optimizer into a new graph, sets every variable
     * to its seeded initial value and then the first layers to base weights. Only the variables
     * after the configuration's frozen blocks are updated by the training step.
     *
     * @param config the architecture, preprocessing, seed, class weighting, weight decay and frozen blocks
     * @param classCounts training images per class; its length is the number of classes
     * @param base the weights of the network's first layers, or null to keep every seeded value
     * @param onHead whether {@link #train} and {@link #evaluate} take the head's input ({@link
     *     #features}) rather than images: for a base frozen up to the head, whose features are
     *     computed once
     * @return the initialised steps, owned by the caller
     * @throws IllegalArgumentException naming the layer when the base weights do not fit the network
     */
    static TrainingSteps open(TrainingConfig config, int[] classCounts, BaseWeights base, boolean onHead) {
        TensorFlowRuntime.loadNatives();
        Graph graph = new Graph();
        Session session = null;
        try {
            session = new Session(graph);
            Ops tf = Ops.create(graph);
            Network network = Architectures.build(tf, config.architecture(), config.preprocessing(),
                    classCounts.length, config.seed(), onHead);
            List<Variable<TFloat32>> trainable = network.parametersAfter(
                    Networks.layersInBlocks(config.architecture(), config.frozenBlocks()));
            LOG.info("{} has {} trainable parameters", config.architecture(), Network.count(trainable));
            TrainingGraph train = new TrainingGraph(tf, network, trainable,
                    config.classWeighting().weights(classCounts), (float) config.weightDecay(), onHead);
            TensorFlowWeights.BaseImport baseImport = base == null ? null
                    : TensorFlowWeights.baseImport(tf, network, base, config.architecture());
            TrainingSteps steps = new TrainingSteps(graph, session, network, train, config.preprocessing(),
                    onHead);
            steps.initialize();
            if (baseImport != null) {
                baseImport.run(session);
            }
            return steps;
        } catch (RuntimeException e) {
            if (session != null) {
                session.close();
            }
            graph.close();
            throw e;
        }
    }

    Session session() {
        return session;
    }

    Network network() {
        return network;
    }

    private void initialize() {
        Session.Runner runner = session.runner();
        for (Op op : train.initializers()) {
            runner.addTarget(op);
        }
        runner.run().close();
    }

    /**
     * One training step: forward, loss, gradients, moving statistics and Adam update.
     *
     * @param batch the images and their classes
     * @param learningRate this step's learning rate
     * @param step the step number, from 1: Adam's bias correction and the dropout seed
     * @param seed the run's seed, for dropout
     * @return the loss before the update and the training branch's logits
     */
    Outcome train(AugmentedBatches.Batch batch, float learningRate, int step, long seed) {
        try (TFloat32 x = inputs(batch);
                TInt32 y = labels(batch);
                TFloat32 rate = TFloat32.scalarOf(learningRate);
                TFloat32 beta1Power = TFloat32.scalarOf((float) Math.pow(TrainingGraph.BETA1, step));
                TFloat32 beta2Power = TFloat32.scalarOf((float) Math.pow(TrainingGraph.BETA2, step));
                TInt64 dropoutSeed = TInt64.vectorOf(seed, step);
                Result result = session.runner()
                        .feed(input(), x)
                        .feed(train.labels(), y)
                        .feed(train.learningRate(), rate)
                        .feed(train.beta1Power(), beta1Power)
                        .feed(train.beta2Power(), beta2Power)
                        .feed(network.dropoutSeed(), dropoutSeed)
                        .fetch(train.trainingLoss())
                        .fetch(onHead ? network.head().trainingLogits() : network.trainingLogits())
                        .addTarget(train.trainStep())
                        .run()) {
            return new Outcome(((TFloat32) result.get(0)).getFloat(), read((TFloat32) result.get(1)));
        }
    }

    /**
     * The inference branch's loss and logits on a batch, without updating anything.
     *
     * @param batch the images and their classes
     * @return the loss and logits
     */
    Outcome evaluate(AugmentedBatches.Batch batch) {
        try (TFloat32 x = inputs(batch);
                TInt32 y = labels(batch);
                Result result = session.runner()
                        .feed(input(), x)
                        .feed(train.labels(), y)
                        .fetch(train.inferenceLoss())
                        .fetch(onHead ? network.head().inferenceLogits() : network.inferenceLogits())
                        .run()) {
            return new Outcome(((TFloat32) result.get(0)).getFloat(), read((TFloat32) result.get(1)));
        }
    }

    /**
     * The inference branch's probabilities for prepared images, without augmentation.
     *
     * @param images the images
     * @param preprocessor turns them into tensors
     * @param classNames the class names, in class-index order
     * @param batchSize images per session run
     * @return one result per image, in order
     */
    List<Classifications> predict(PreparedImages images, Preprocessor preprocessor, List<String> classNames,
            int batchSize) {
        AugmentedBatches batches = new AugmentedBatches(images, preprocessor,
                AugmentationSpec.none(), batchSize, 0, false);
        List<Classifications> predictions = new ArrayList<>();
        for (AugmentedBatches.Batch batch : batches.nextEpoch()) {
            float[] probabilities;
            try (TFloat32 x = images(batch);
                    Result result = session.runner().feed(network.input(), x).fetch(train.probabilities()).run()) {
                probabilities = read((TFloat32) result.get(0));
            }
            int classes = classNames.size();
            for (int i = 0; i < batch.size(); i++) {
                List<Double> row = new ArrayList<>(classes);
                for (int c = 0; c < classes; c++) {
                    row.add((double) probabilities[i * classes + c]);
                }
                predictions.add(new Classifications(classNames, row));
            }
        }
        return predictions;
    }

    /**
     * The head's input for a batch of images, computed by the inference branch: the values the
     * frozen base and the pooling after it give each image.
     *
     * @param batch images
     * @return one row of the head's input per image, row after row
     */
    float[] features(AugmentedBatches.Batch batch) {
        try (TFloat32 x = images(batch);
                Result result = session.runner().feed(network.input(), x).fetch(network.head().features()).run()) {
            return read((TFloat32) result.get(0));
        }
    }

    /** The placeholder that training and evaluation feed: the head's input or the images. */
    private Placeholder<TFloat32> input() {
        return onHead ? network.head().input() : network.input();
    }

    private TFloat32 inputs(AugmentedBatches.Batch batch) {
        if (!onHead) {
            return images(batch);
        }
        return TFloat32.tensorOf(Shape.of(batch.size(), batch.data().length / batch.size()),
                DataBuffers.of(batch.data(), true, false));
    }

    private TFloat32 images(AugmentedBatches.Batch batch) {
        return TFloat32.tensorOf(Shape.of(batch.size(), spec.channels(), spec.imageSize(), spec.imageSize()),
                DataBuffers.of(batch.data(), true, false));
    }

    private static TInt32 labels(AugmentedBatches.Batch batch) {
        return TInt32.tensorOf(Shape.of(batch.size()), DataBuffers.of(batch.classIndices(), true, false));
    }

    private static float[] read(TFloat32 tensor) {
        float[] values = new float[Math.toIntExact(tensor.shape().size())];
        tensor.copyTo(DataBuffers.of(values, false, false));
        return values;
    }

    /** Closes the session and the graph, releasing every variable and Adam's moments. */
    @Override
    public void close() {
        session.close();
        graph.close();
    }

    /**
     * Loss and logits of one batch.
     *
     * @param loss the batch's mean weighted loss
     * @param logits one row of class logits per image, row after row
     */
    record Outcome(float loss, float[] logits) {}
}
