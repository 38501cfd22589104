package io.cxr4j.engine.pytorch;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.tracker.Tracker;
import io.cxr4j.core.engine.TrainingSession;
import io.cxr4j.core.image.PreprocessingSpec;
import io.cxr4j.core.training.AugmentedBatches;
import io.cxr4j.core.config.TrainingConfig;

/**
 * Step-by-step training on DJL's {@link Trainer}, with the same network, loss and Adam settings as
 * {@link PyTorchTrainingNetwork}, so one step here costs what one step of a full training run costs.
 */
final class PyTorchTrainingSession implements TrainingSession {

    private final Model model;
    private final Trainer trainer;
    private final PreprocessingSpec spec;
    private boolean closed;

    private PyTorchTrainingSession(Model model, Trainer trainer, PreprocessingSpec spec) {
        this.model = model;
        this.trainer = trainer;
        this.spec = spec;
    }

    static PyTorchTrainingSession open(TrainingConfig config, int[] classCounts) {
        Engine engine = PyTorchEngine.djlEngine();
        engine.setRandomSeed((int) config.seed());
        PreprocessingSpec spec = config.preprocessing();
        Model model = Model.newInstance(config.architecture(), Device.cpu(), PyTorchEngine.DJL_ENGINE);
        try {
            model.setBlock(TrainingSetup.network(config, classCounts.length));
            Trainer trainer = TrainingSetup.trainer(model, config, TrainingSetup.lossAndOptimizer(config, classCounts,
                    TrainingSetup.adam(config, Tracker.fixed((float) config.learningRate()), model.getNDManager())));
            trainer.initialize(new Shape(1, spec.channels(), spec.imageSize(), spec.imageSize()));
            return new PyTorchTrainingSession(model, trainer, spec);
        } catch (RuntimeException e) {
            model.close();
            throw e;
        }
    }

    @Override
    public float step(AugmentedBatches.Batch batch) {
        if (closed) {
            throw new IllegalStateException("This PyTorch training session is closed; open a new one with"
                    + " CxrEngine.openTrainingSession.");
        }
        int n = batch.size();
        float[] labels = new float[n];
        for (int i = 0; i < n; i++) {
            labels[i] = batch.classIndices()[i];
        }
        float loss;
        // Every array of the step lives in this sub-manager, so native memory is freed per step.
        try (NDManager manager = trainer.getManager().newSubManager()) {
            NDArray x = manager.create(batch.data(), new Shape(n, spec.channels(), spec.imageSize(), spec.imageSize()));
            NDArray y = manager.create(labels, new Shape(n));
            try (GradientCollector collector = trainer.newGradientCollector()) {
                NDList predictions = trainer.forward(new NDList(x), new NDList(y));
                NDArray lossValue = trainer.getLoss().evaluate(new NDList(y), predictions);
                collector.backward(lossValue);
                loss = lossValue.getFloat();
            }
            trainer.step();
        }
        return loss;
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            trainer.close();
            model.close();
        }
    }
}
