package io.cxr4j.examples.cli;

import io.cxr4j.core.data.Sample;
import io.cxr4j.core.data.SkippedImage;
import io.cxr4j.core.data.XrayDataset;
import io.cxr4j.core.engine.CxrEngine;
import io.cxr4j.core.metrics.EvaluationReport;
import io.cxr4j.core.data.Prediction;
import io.cxr4j.core.inference.XrayClassifier;
import io.cxr4j.core.metrics.EvaluationAccumulator;
import io.cxr4j.core.metrics.OperatingPoint;
import io.cxr4j.core.metrics.ScoreDistributions;
import io.cxr4j.core.training.EpochResult;
import io.cxr4j.core.training.TrainingCheckpoint;
import io.cxr4j.core.config.TrainingConfig;
import io.cxr4j.core.training.TrainingRequest;
import io.cxr4j.core.training.TrainingResult;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One model's life in a run: train on the training part, score the test part, and, when a target
 * sensitivity is given, choose the threshold on the validation part and measure it on the test part.
 */
final class ModelRun {

    private ModelRun() {}

    /**
     * What one run produced.
     *
     * @param training the trained model and its history
     * @param test the evaluation on the test part
     * @param chosenOnValidation the threshold and what it did on validation data, or null
     * @param onTest the same threshold on the test part, or null
     * @param trainingSeconds wall-clock time of training (data preparation included); for a resumed
     *     run, plus the recorded time of the epochs trained before the interruption; for a run that
     *     had already finished, the recorded epoch times alone
     */
    record Outcome(TrainingResult training, EvaluationReport test, OperatingPoint chosenOnValidation,
            OperatingPoint onTest, double trainingSeconds) {

        /**
         * The images training (with validation) and testing could not read, each once: without a
         * threshold to choose, the test part is also the per-epoch curves' part, so training reads
         * (and skips) its images too.
         */
        List<SkippedImage> skipped() {
            Map<Path, SkippedImage> byImage = new LinkedHashMap<>();
            training.skipped().forEach(s -> byImage.putIfAbsent(s.image(), s));
            test.skipped().forEach(s -> byImage.putIfAbsent(s.image(), s));
            return List.copyOf(byImage.values());
        }
    }

    /**
     * Trains, evaluates and sets the operating point.
     *
     * @param validation images scored after each epoch; used to choose the threshold, so it must
     *     never be the test part when {@code targetSensitivity} is given; or null
     * @param targetSensitivity the sensitivity the threshold must reach on validation data, or null
     * @param resume whether to continue an interrupted run from its checkpoint
     * @param replace whether the run may replace a finished model in {@code modelDirectory}
     */
    static Outcome run(CxrEngine engine, XrayDataset train, XrayDataset validation, XrayDataset test,
            TrainingConfig config, Path modelDirectory, Double targetSensitivity, boolean resume, boolean replace)
            throws IOException {
        long start = System.nanoTime();
        TrainingRequest fresh = TrainingRequest.of(train, validation, config, modelDirectory);
        TrainingRequest request = replace ? fresh.replacing() : fresh;
        Optional<TrainingCheckpoint> before = resume ? TrainingCheckpoint.read(request.checkpointDirectory())
                : Optional.empty();
        TrainingResult result = engine.train(resume ? request.resuming() : request);
        double seconds = trainingSeconds(before, config, (System.nanoTime() - start) / 1e9);
        EvaluationReport report;
        try (XrayClassifier classifier = XrayClassifier.load(modelDirectory, engine)) {
            report = Evaluations.run(classifier, test, config.batchSize());
        }
        if (targetSensitivity == null) {
            return new Outcome(result, report, null, null, seconds);
        }
        String positive = positiveClass(test.classNames());
        OperatingPoint chosen = scores(validation, result.validationPredictions())
                .chooseThreshold(positive, targetSensitivity);
        return new Outcome(result, report, chosen, report.scores().at(positive, chosen.threshold()), seconds);
    }

    /**
     * The training time of a run: its wall-clock time, and for a resumed run the epoch times its
     * checkpoint recorded before; a run that had already finished counts those alone.
     */
    private static double trainingSeconds(Optional<TrainingCheckpoint> before, TrainingConfig config,
            double wallSeconds) {
        if (before.isEmpty()) {
            return wallSeconds;
        }
        double recorded = before.get().history().stream().limit(before.get().epoch())
                .mapToDouble(EpochResult::seconds).sum();
        // A run that had finished is not trained again: this call's time (reading images, writing
        // the model) is no training time, and leaving it out keeps the figure the same on every resume.
        return before.get().epoch() >= config.epochs() ? recorded : recorded + wallSeconds;
    }

    /** @return {@code covid} when it is a class, else the first class */
    static String positiveClass(List<String> classNames) {
        return classNames.contains("covid") ? "covid" : classNames.get(0);
    }

    /** The validation predictions the engine made in memory, as scores. */
    private static ScoreDistributions scores(XrayDataset validation, List<Prediction> predictions) {
        Map<Path, Integer> actual = new HashMap<>();
        for (Sample s : validation.samples()) {
            actual.put(s.image(), validation.classIndex(s));
        }
        EvaluationAccumulator accumulator = new EvaluationAccumulator(validation.classNames());
        for (Prediction p : predictions) {
            accumulator.add(actual.get(p.image()), p.probabilityArray());
        }
        return accumulator.snapshot();
    }
}
