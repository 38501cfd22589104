package io.cxr4j.engine.pytorch;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.inference.Predictor;
import ai.djl.modality.Classifications;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.EasyTrain;
import ai.djl.training.Trainer;
import ai.djl.training.evaluator.Accuracy;
import ai.djl.training.listener.TrainingListener;
import ai.djl.training.tracker.Tracker;
import ai.djl.translate.TranslateException;
import io.cxr4j.core.engine.ProbabilityTranslator;
import io.cxr4j.core.data.SkippedImage;
import io.cxr4j.core.data.XrayDataset;
import io.cxr4j.core.image.PreprocessingSpec;
import io.cxr4j.core.image.Preprocessor;
import io.cxr4j.core.data.Prediction;
import io.cxr4j.core.model.ModelDirectory;
import io.cxr4j.core.model.ImageDigests;
import io.cxr4j.core.model.ModelManifest;
import io.cxr4j.core.model.Provenance;
import io.cxr4j.core.model.Versions;
import io.cxr4j.core.platform.CpuInfo;
import io.cxr4j.core.training.AugmentedDataset;
import io.cxr4j.core.config.LearningRateSchedule;
import io.cxr4j.core.training.PreparedImages;
import io.cxr4j.core.training.TrainingCheckpoint;
import io.cxr4j.core.config.TrainingConfig;
import io.cxr4j.core.training.TrainingDivergedException;
import io.cxr4j.core.training.TrainingHistory;
import io.cxr4j.core.training.TrainingImages;
import io.cxr4j.core.training.TrainingRequest;
import io.cxr4j.core.training.TrainingResult;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One training run on the PyTorch engine, from a request to a committed model directory. */
final class PyTorchTraining {

    private static final Logger LOG = LoggerFactory.getLogger(PyTorchTraining.class);

    private final TrainingRequest request;
    private final TrainingConfig config;

    PyTorchTraining(TrainingRequest request) {
        this.request = request;
        this.config = request.config();
    }

    TrainingResult run() throws IOException {
        long started = System.nanoTime();
        XrayDataset training = request.training();
        // Before the images are decoded, which can take minutes, so that a refusal comes at once.
        String fingerprint = TrainingCheckpoint.fingerprint(config, training);
        Optional<TrainingCheckpoint> checkpoint = TrainingCheckpoint.startingPoint(request, fingerprint);
        TrainingImages images = TrainingImages.prepare(request);
        Preprocessor preprocessor = images.preprocessor();
        PreparedImages trainImages = images.training();
        PreparedImages validationImages = images.validation();
        List<SkippedImage> skipped = images.skipped();
        int[] classCounts = images.classCounts();
        LOG.info("Training on {} images {} of '{}': {}", trainImages.images().size(), training.classNames(),
                training.name(), config.summary());

        Engine engine = PyTorchEngine.djlEngine();
        engine.setRandomSeed((int) config.seed());
        TrainingResult result = ModelDirectory.write(request.modelDirectory(), staging -> {
            List<Prediction> validationPredictions = new ArrayList<>();
            TrainingHistory history = fit(trainImages, validationImages, preprocessor, classCounts, staging,
                    fingerprint, checkpoint, validationPredictions);
            String weightsFile = String.format(Locale.ROOT, "%s-%04d.params", config.architecture(), config.epochs());
            ModelManifest manifest = new ModelManifest(ModelManifest.FORMAT_VERSION, PyTorchEngine.NAME,
                    config.architecture(), training.classNames(), config.preprocessing(), config,
                    provenance(engine, training, trainImages, classCounts, started), weightsFile);
            return new TrainingResult(request.modelDirectory(), manifest, history, skipped,
                    validationPredictions);
        }, TrainingResult::manifest);
        LOG.info("Model written to {}", request.modelDirectory());
        return result;
    }

    private TrainingHistory fit(PreparedImages trainImages, PreparedImages validationImages,
            Preprocessor preprocessor, int[] classCounts, Path staging, String fingerprint,
            Optional<TrainingCheckpoint> checkpoint, List<Prediction> validationPredictions) throws IOException {
        PreprocessingSpec spec = config.preprocessing();
        AugmentedDataset trainData = new AugmentedDataset(trainImages, preprocessor,
                config.augmentation(), config.batchSize(), config.seed(), true);
        AugmentedDataset validationData = validationImages == null ? null
                : new AugmentedDataset(validationImages, preprocessor, config.augmentation(),
                        config.batchSize(), config.seed(), false);
        int completed = checkpoint.map(TrainingCheckpoint::epoch).orElse(0);
        trainData.skipEpochs(completed);
        HistoryListener history = new HistoryListener(validationData != null, config.epochs(),
                checkpoint.map(TrainingCheckpoint::history).orElse(List.of()));
        int batches = trainData.batchesPerEpoch();
        try (Model model = Model.newInstance(config.architecture(), Device.cpu(), PyTorchEngine.DJL_ENGINE)) {
            model.setBlock(TrainingSetup.network(config, classCounts.length));
            boolean restoresOptimizer = checkpoint.map(c -> c.optimizerFile() != null).orElse(false);
            // Restored update counts continue the schedule; an optimizer started afresh counts from zero.
            OwnedAdam adam = TrainingSetup.adam(config, learningRate(batches * config.epochs(),
                    restoresOptimizer ? 0 : batches * completed), model.getNDManager());
            if (checkpoint.isPresent()) {
                loadCheckpoint(model, adam, checkpoint.get());
            }
            DefaultTrainingConfig trainingConfig = TrainingSetup.lossAndOptimizer(config, classCounts, adam)
                    .addEvaluator(new Accuracy())
                    .addTrainingListeners(TrainingListener.Defaults.logging())
                    .addTrainingListeners(history, new CheckpointListener(request.checkpointDirectory(),
                            config.architecture(), fingerprint, config, history, adam));
            try (Trainer trainer = model.newTrainer(trainingConfig)) {
                trainer.initialize(new Shape(1, spec.channels(), spec.imageSize(), spec.imageSize()));
                try {
                    EasyTrain.fit(trainer, Math.max(0, config.epochs() - completed), trainData, validationData);
                } catch (ai.djl.TrainingDivergedException e) {
                    // DJL's loss check stops the epoch at the first NaN batch loss, before anything is saved.
                    throw new TrainingDivergedException(history.epochs().size() + 1,
                            "the loss of a training batch became NaN", request.checkpointDirectory(),
                            config.learningRate(), e);
                }
                if (validationImages != null) {
                    validationPredictions.addAll(predictInMemory(model, validationImages, preprocessor));
                }
            } catch (TranslateException e) {
                throw new IOException("Training failed while reading a batch: " + e.getMessage(), e);
            }
            model.setProperty("Epoch", Integer.toString(config.epochs()));
            model.save(staging, config.architecture());
        }
        return new TrainingHistory(history.epochs());
    }

    /**
     * Loads a checkpoint's weights, batch-norm statistics and optimizer state, and lays the
     * weights out as a fresh run does, so that the resumed run takes the interrupted run's steps.
     */
    private void loadCheckpoint(Model model, OwnedAdam adam, TrainingCheckpoint checkpoint) throws IOException {
        Path folder = request.checkpointDirectory();
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

    private List<Prediction> predictInMemory(Model model, PreparedImages images, Preprocessor preprocessor)
            throws TranslateException {
        try (Predictor<float[], Classifications> predictor = model.newPredictor(
                new ProbabilityTranslator(request.training().classNames(), config.preprocessing()))) {
            // In training-size batches, converted batch by batch: one forward pass over every
            // held-out image at once kept all their activations alive together (a 5.9 GB peak for
            // 225 images at 224 px), and converting all first would undo a disk-backed image cache.
            int count = images.images().size();
            List<Classifications> results = new ArrayList<>(count);
            for (int from = 0; from < count; from += config.batchSize()) {
                results.addAll(predictor.batchPredict(images.images().subList(from, Math.min(count,
                        from + config.batchSize())).stream().map(i -> preprocessor.toTensor(i.image())).toList()));
            }
            List<Prediction> predictions = new ArrayList<>();
            for (int i = 0; i < results.size(); i++) {
                predictions.add(Prediction.of(images.images().get(i).sample().image(), results.get(i)));
            }
            return predictions;
        }
    }

    private Tracker learningRate(int totalSteps, int stepsDone) {
        LearningRateSchedule schedule = config.schedule();
        double rate = config.learningRate();
        return update -> (float) schedule.rate(rate, update + stepsDone, totalSteps);
    }

    private Provenance provenance(Engine engine, XrayDataset training, PreparedImages images,
            int[] classCounts, long started) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (int i = 0; i < classCounts.length; i++) {
            counts.put(training.classNames().get(i), classCounts[i]);
        }
        return new Provenance(Instant.now().toString(), Versions.cxr4j(), Versions.djl(),
                "PyTorch " + engine.getVersion(), training.name(), images.images().size(), counts,
                (System.nanoTime() - started) / 1e9, System.getProperty("java.version"),
                CpuInfo.platform(),
                ImageDigests.of(training.imagesExcept(images.skipped())));
    }
}
