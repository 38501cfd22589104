package io.cxr4j.core.engine;

import ai.djl.modality.Classifications;
import io.cxr4j.core.config.TrainingConfig;
import io.cxr4j.core.data.Prediction;
import io.cxr4j.core.data.Sample;
import io.cxr4j.core.data.XrayDataset;
import io.cxr4j.core.model.ImageDigests;
import io.cxr4j.core.model.ModelStaging;
import io.cxr4j.core.model.ModelManifest;
import io.cxr4j.core.model.Provenance;
import io.cxr4j.core.model.SourceImages;
import io.cxr4j.core.model.Versions;
import io.cxr4j.core.platform.CpuInfo;
import io.cxr4j.core.training.EpochResult;
import io.cxr4j.core.training.PreparedImages;
import io.cxr4j.core.training.TrainingCheckpoint;
import io.cxr4j.core.training.TrainingHistory;
import io.cxr4j.core.training.TrainingImages;
import io.cxr4j.core.training.TrainingRequest;
import io.cxr4j.core.training.TrainingResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One training run, from a request to a committed model directory, the same for every engine: the
 * engine only builds and steps the network ({@link TrainingNetwork}).
 */
final class TrainingRun {

    private static final Logger LOG = LoggerFactory.getLogger(TrainingRun.class);

    private final String engine;
    private final EngineBackend backend;
    private final TrainingRequest request;
    private final TrainingConfig config;

    TrainingRun(String engine, EngineBackend backend, TrainingRequest request) {
        this.engine = engine;
        this.backend = backend;
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
        TrainingPlan plan = new TrainingPlan(config, training.classNames(), images.classCounts(),
                images.preprocessor(), images.training(), images.validation(), checkpoint.orElse(null),
                request.checkpointDirectory(), request.baseWeights());
        LOG.info("Training with {} on {} images {} of '{}': {}", engine, images.training().images().size(),
                training.classNames(), training.name(), config.summary());

        TrainingResult result = ModelStaging.write(request.modelDirectory(), staging -> {
            try (TrainingNetwork network = backend.startTraining(plan)) {
                TrainingHistory history = fit(network, plan, fingerprint);
                List<Prediction> validationPredictions = images.validation() == null ? List.of()
                        : predictions(network, images.validation());
                String weightsFile = network.save(staging);
                ModelManifest manifest = new ModelManifest(ModelManifest.FORMAT_VERSION, engine,
                        config.architecture(), training.classNames(), config.preprocessing(), config,
                        provenance(training, images, started), weightsFile);
                return new TrainingResult(request.modelDirectory(), manifest, history, images.skipped(),
                        validationPredictions);
            }
        }, TrainingResult::manifest);
        LOG.info("Model written to {}", request.modelDirectory());
        return result;
    }

    /**
     * Trains the epochs not yet done. Each epoch is logged, and checked before it is saved: an
     * epoch whose loss or weights are not finite fails the run and leaves the previous epoch's
     * checkpoint in place, so the run can go on from its last good epoch at a lower rate.
     */
    private TrainingHistory fit(TrainingNetwork network, TrainingPlan plan, String fingerprint) throws IOException {
        boolean validating = plan.validation() != null;
        List<EpochResult> epochs = new ArrayList<>(plan.startingPoint().map(TrainingCheckpoint::history)
                .orElse(List.of()));
        for (int epoch = plan.completedEpochs() + 1; epoch <= config.epochs(); epoch++) {
            long epochStart = System.nanoTime();
            TrainingNetwork.EpochScores scores = network.trainEpoch(epoch);
            EpochResult result = new EpochResult(epoch, scores.trainLoss(), scores.trainAccuracy(),
                    validating ? scores.validationLoss() : Double.NaN,
                    validating ? scores.validationAccuracy() : Double.NaN,
                    (System.nanoTime() - epochStart) / 1e9);
            epochs.add(result);
            LOG.info(result.summary(config.epochs()));
            Optional<String> diverged = result.nonFiniteLoss().or(network::nonFiniteParameter);
            if (diverged.isPresent()) {
                throw plan.diverged(epoch, diverged.get(), null);
            }
            checkpoint(network, plan, epoch, fingerprint, epochs);
        }
        return new TrainingHistory(epochs);
    }

    /**
     * Saves the network's state after an epoch, then the {@link TrainingCheckpoint} record naming
     * it, then deletes the previous epoch's files: a run killed at any moment leaves a record that
     * names a complete checkpoint.
     */
    private void checkpoint(TrainingNetwork network, TrainingPlan plan, int epoch, String fingerprint,
            List<EpochResult> epochs) throws IOException {
        Path directory = request.checkpointDirectory();
        try {
            Files.createDirectories(directory);
            TrainingNetwork.StateFiles files = network.saveState(directory, epoch);
            new TrainingCheckpoint(epoch, files.weightsFile(), fingerprint, config, epochs, files.optimizerFile())
                    .write(directory);
            String previous = plan.stateName(epoch - 1) + ".";
            try (Stream<Path> all = Files.list(directory)) {
                for (Path file : all.filter(f -> f.getFileName().toString().startsWith(previous)).toList()) {
                    Files.delete(file);
                }
            }
            LOG.debug("Checkpoint of epoch {} written to {}", epoch, directory);
        } catch (IOException | RuntimeException e) {
            // Engines report a failed save as an unchecked exception too.
            throw new IOException("Cannot write the checkpoint of epoch " + epoch + " to " + directory + ": "
                    + e.getMessage() + ". Free disk space or choose another output.", e);
        }
    }

    private List<Prediction> predictions(TrainingNetwork network, PreparedImages images) throws IOException {
        List<Classifications> results = network.predict(images);
        List<Prediction> predictions = new ArrayList<>(results.size());
        for (int i = 0; i < results.size(); i++) {
            predictions.add(Prediction.of(images.images().get(i).sample().image(), results.get(i)));
        }
        return predictions;
    }

    private Provenance provenance(XrayDataset training, TrainingImages images, long started) {
        int[] classCounts = images.classCounts();
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (int i = 0; i < classCounts.length; i++) {
            counts.put(training.classNames().get(i), classCounts[i]);
        }
        List<Path> trained = training.imagesExcept(images.training().skipped());
        Set<Path> kept = new HashSet<>(trained);
        List<Sample> trainedSamples = training.samples().stream().filter(s -> kept.contains(s.image())).toList();
        return new Provenance(Instant.now().toString(), Versions.cxr4j(), Versions.djl(), backend.engineVersion(),
                training.name(), images.training().images().size(), counts, (System.nanoTime() - started) / 1e9,
                System.getProperty("java.version"), CpuInfo.platform(), ImageDigests.of(trained))
                .withTrainingSources(SourceImages.of(trainedSamples))
                .withBaseWeights(request.baseWeights() == null ? null : request.baseWeights().file());
    }
}
