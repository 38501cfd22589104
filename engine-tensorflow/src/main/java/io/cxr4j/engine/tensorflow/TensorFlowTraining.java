package io.cxr4j.engine.tensorflow;

import io.cxr4j.core.data.SkippedImage;
import io.cxr4j.core.data.XrayDataset;
import io.cxr4j.core.image.Preprocessor;
import io.cxr4j.core.data.Prediction;
import io.cxr4j.core.model.ModelDirectory;
import io.cxr4j.core.model.ImageDigests;
import io.cxr4j.core.model.ModelManifest;
import io.cxr4j.core.model.Provenance;
import io.cxr4j.core.model.Versions;
import io.cxr4j.core.platform.CpuInfo;
import io.cxr4j.core.training.AugmentedBatches;
import io.cxr4j.core.training.EpochResult;
import io.cxr4j.core.training.PreparedImages;
import io.cxr4j.core.training.TrainingCheckpoint;
import io.cxr4j.core.config.TrainingConfig;
import io.cxr4j.core.training.TrainingDivergedException;
import io.cxr4j.core.training.TrainingHistory;
import io.cxr4j.core.training.TrainingImages;
import io.cxr4j.core.training.TrainingRequest;
import io.cxr4j.core.training.TrainingResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.TensorFlow;
import org.tensorflow.types.TFloat32;

/**
 * One training run in TensorFlow graph mode, from a request to a committed model directory holding
 * a SavedModel. It mirrors the PyTorch engine step for step: the same prepared images, seeded
 * shuffle and augmentation, class weights, learning-rate schedule, per-epoch history and
 * checkpoints.
 */
final class TensorFlowTraining {

    private static final Logger LOG = LoggerFactory.getLogger(TensorFlowTraining.class);
    /** The file of a TensorFlow checkpoint that {@link TrainingCheckpoint} names; its prefix restores it. */
    private static final String CHECKPOINT_INDEX = ".index";

    private final TrainingRequest request;
    private final TrainingConfig config;

    TensorFlowTraining(TrainingRequest request) {
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
        LOG.info("Training with TensorFlow on {} images {} of '{}': {}", trainImages.images().size(),
                training.classNames(), training.name(), config.summary());

        TrainingResult result = ModelDirectory.write(request.modelDirectory(), staging -> {
            try (TrainingSteps steps = TrainingSteps.open(config, classCounts)) {
                if (checkpoint.isPresent()) {
                    restore(steps.session(), checkpoint.get());
                }
                TrainingHistory history = fit(steps, trainImages, validationImages, preprocessor, fingerprint,
                        checkpoint);
                List<Prediction> validationPredictions = validationImages == null ? List.of()
                        : steps.predict(validationImages, preprocessor, training.classNames(), config.batchSize());
                export(steps.session(), steps.network(), classCounts.length, staging.resolve(SavedModels.FOLDER));
                ModelManifest manifest = new ModelManifest(ModelManifest.FORMAT_VERSION, TensorFlowEngine.NAME,
                        config.architecture(), training.classNames(), config.preprocessing(), config,
                        provenance(training, trainImages, classCounts, started), SavedModels.GRAPH_FILE);
                return new TrainingResult(request.modelDirectory(), manifest, history, skipped,
                        validationPredictions);
            }
        }, TrainingResult::manifest);
        LOG.info("Model written to {}", request.modelDirectory());
        return result;
    }

    /**
     * Trains the epochs not yet done. A resumed run continues exactly where the checkpoint left
     * off: the same shuffles and augmentation (skipped epochs), learning rate, Adam step count and
     * dropout seeds (the step number goes on), and Adam's moments (restored with the weights).
     */
    private TrainingHistory fit(TrainingSteps steps, PreparedImages trainImages, PreparedImages validationImages,
            Preprocessor preprocessor, String fingerprint, Optional<TrainingCheckpoint> checkpoint)
            throws IOException {
        AugmentedBatches trainData = new AugmentedBatches(trainImages, preprocessor, config.augmentation(),
                config.batchSize(), config.seed(), true);
        AugmentedBatches validationData = validationImages == null ? null
                : new AugmentedBatches(validationImages, preprocessor, config.augmentation(), config.batchSize(),
                        config.seed(), false);
        int totalSteps = trainData.batchesPerEpoch() * config.epochs();
        int completed = checkpoint.map(TrainingCheckpoint::epoch).orElse(0);
        trainData.skipEpochs(completed);
        List<EpochResult> epochs = new ArrayList<>(checkpoint.map(TrainingCheckpoint::history).orElse(List.of()));
        int step = trainData.batchesPerEpoch() * completed;
        for (int epoch = completed + 1; epoch <= config.epochs(); epoch++) {
            long epochStart = System.nanoTime();
            Tally trainTally = new Tally();
            for (AugmentedBatches.Batch batch : trainData.nextEpoch()) {
                step++;
                float rate = (float) config.schedule().rate(config.learningRate(), step, totalSteps);
                trainTally.add(steps.train(batch, rate, step, config.seed()), batch);
            }
            Tally validationTally = new Tally();
            if (validationData != null) {
                for (AugmentedBatches.Batch batch : validationData.nextEpoch()) {
                    validationTally.add(steps.evaluate(batch), batch);
                }
            }
            EpochResult result = new EpochResult(epoch, trainTally.loss(), trainTally.accuracy(),
                    validationData == null ? Double.NaN : validationTally.loss(),
                    validationData == null ? Double.NaN : validationTally.accuracy(),
                    (System.nanoTime() - epochStart) / 1e9);
            epochs.add(result);
            LOG.info(result.summary(config.epochs()));
            Optional<String> diverged = result.nonFiniteLoss().or(() -> nonFiniteVariable(steps));
            if (diverged.isPresent()) {
                throw new TrainingDivergedException(epoch, diverged.get(), request.checkpointDirectory(),
                        config.learningRate(), null);
            }
            checkpoint(steps.session(), epoch, fingerprint, epochs);
        }
        return new TrainingHistory(epochs);
    }

    /** Names a weight or moving statistic that is not finite, which no checkpoint may keep. */
    private static Optional<String> nonFiniteVariable(TrainingSteps steps) {
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

    /** Sets every variable of the graph, Adam's moments included, to the checkpoint's values. */
    private void restore(Session session, TrainingCheckpoint checkpoint) throws IOException {
        String index = checkpoint.weightsFile();
        if (!index.endsWith(CHECKPOINT_INDEX)) {
            throw new IOException("Checkpoint " + request.checkpointDirectory().resolve(TrainingCheckpoint.FILE)
                    + " names '" + index + "', which is not a TensorFlow checkpoint (<name>" + CHECKPOINT_INDEX
                    + "). It was not written by the " + TensorFlowEngine.NAME + " engine: resume with the engine"
                    + " of the interrupted run, or train from the start without --resume.");
        }
        Path prefix = request.checkpointDirectory().resolve(index.substring(0, index.length() - CHECKPOINT_INDEX.length()));
        try {
            session.restore(prefix.toString());
        } catch (RuntimeException e) {
            // TensorFlow reports an unreadable checkpoint as an unchecked exception.
            throw new IOException("Cannot restore the checkpoint " + prefix + " (" + e.getMessage() + "). Delete "
                    + request.checkpointDirectory() + " and train from the start.", e);
        }
    }

    /**
     * Saves every variable after an epoch (weights, moving statistics and Adam's moments), then the
     * {@link TrainingCheckpoint} record naming them, then deletes the previous epoch's files: a run
     * killed at any moment leaves a record that names a complete checkpoint.
     */
    private void checkpoint(Session session, int epoch, String fingerprint, List<EpochResult> epochs)
            throws IOException {
        Path directory = request.checkpointDirectory();
        try {
            Files.createDirectories(directory);
            session.save(directory.resolve(checkpointName(epoch)).toString());
            new TrainingCheckpoint(epoch, checkpointName(epoch) + CHECKPOINT_INDEX, fingerprint, request.config(),
                    epochs)
                    .write(directory);
            String previous = checkpointName(epoch - 1) + ".";
            try (Stream<Path> files = Files.list(directory)) {
                for (Path file : files.filter(f -> f.getFileName().toString().startsWith(previous)).toList()) {
                    Files.delete(file);
                }
            }
            LOG.debug("Checkpoint of epoch {} written to {}", epoch, directory);
        } catch (IOException | RuntimeException e) {
            // TensorFlow reports a failed save as an unchecked exception.
            throw new IOException("Cannot write the checkpoint of epoch " + epoch + " to " + directory + ": "
                    + e.getMessage() + ". Free disk space or choose another output.", e);
        }
    }

    private String checkpointName(int epoch) {
        return String.format(Locale.ROOT, "%s-%04d", config.architecture(), epoch);
    }

    /**
     * Writes the trained network as a SavedModel (see {@link SavedModels}): the network is rebuilt in
     * a fresh graph and only its weights and moving statistics are copied over, so the served model
     * carries neither Adam's moments (twice the weights' size) nor the loss and update ops.
     */
    private void export(Session trained, Network network, int classes, Path folder) throws IOException {
        Session.Runner fetch = trained.runner();
        network.variables().forEach(fetch::fetch);
        try (Result values = fetch.run()) {
            List<TFloat32> tensors = new ArrayList<>();
            for (int i = 0; i < network.slots().size(); i++) {
                tensors.add((TFloat32) values.get(i));
            }
            SavedModels.write(config.architecture(), config.preprocessing(), classes, tensors, folder);
        }
    }

    private Provenance provenance(XrayDataset training, PreparedImages images, int[] classCounts, long started) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (int i = 0; i < classCounts.length; i++) {
            counts.put(training.classNames().get(i), classCounts[i]);
        }
        return new Provenance(Instant.now().toString(), Versions.cxr4j(), Versions.djl(),
                "TensorFlow " + TensorFlow.version(), training.name(), images.images().size(), counts,
                (System.nanoTime() - started) / 1e9, System.getProperty("java.version"),
                CpuInfo.platform(),
                ImageDigests.of(training.imagesExcept(images.skipped())));
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
