package io.cxr4j.experiment;

import io.cxr4j.core.data.Sample;
import io.cxr4j.core.data.XrayDataset;
import io.cxr4j.core.engine.CxrEngine;
import io.cxr4j.core.metrics.EvaluationReport;
import io.cxr4j.core.metrics.Evaluator;
import io.cxr4j.core.data.Prediction;
import io.cxr4j.core.inference.XrayClassifier;
import io.cxr4j.core.metrics.EvaluationAccumulator;
import io.cxr4j.core.metrics.OperatingPoint;
import io.cxr4j.core.metrics.ScoreDistributions;
import io.cxr4j.core.model.BaseWeights;
import io.cxr4j.core.model.ChosenThreshold;
import io.cxr4j.core.model.ModelManifest;
import io.cxr4j.core.model.ModelStaging;
import io.cxr4j.core.model.RecordedEvaluation;
import io.cxr4j.core.model.SourceImages;
import io.cxr4j.core.training.EpochResult;
import io.cxr4j.core.training.TrainingCheckpoint;
import io.cxr4j.core.config.TrainingConfig;
import io.cxr4j.core.training.TrainingRequest;
import io.cxr4j.core.training.TrainingResult;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * One model's life in a run: train on the training part, score the test part and record its figures
 * in the model's manifest ({@link ModelManifest#heldOutTest()}), and, when a target sensitivity is
 * given, choose the threshold on the validation part and measure it on the test part.
 */
final class ModelRun {

    private ModelRun() {}

    /**
     * Trains, evaluates and sets the operating point.
     *
     * @param validation images scored after each epoch; used to choose the threshold, so it must
     *     never be the test part when {@code targetSensitivity} is given; or null
     * @param validationCarved whether the validation images were carved from the training data
     *     (else they are separate validation data), as the model's chosen threshold records
     * @param baseWeights the weights the model's first layers start from, or null
     * @param targetSensitivity the sensitivity the threshold must reach on validation data, or null
     * @param resume whether to continue an interrupted run from its checkpoint
     * @param replace whether the run may replace a finished model in {@code modelDirectory}
     */
    static ModelOutcome run(CxrEngine engine, XrayDataset train, XrayDataset validation, boolean validationCarved,
            XrayDataset test, TrainingConfig config, BaseWeights baseWeights, Path modelDirectory, Double targetSensitivity, boolean resume, boolean replace,
            ExperimentListener listener) throws IOException {
        long start = System.nanoTime();
        TrainingRequest untouched = TrainingRequest.of(train, validation, config, modelDirectory);
        TrainingRequest fresh = baseWeights == null ? untouched : untouched.withBaseWeights(baseWeights);
        TrainingRequest request = replace ? fresh.replacing() : fresh;
        Optional<TrainingCheckpoint> before = resume ? TrainingCheckpoint.read(request.checkpointDirectory())
                : Optional.empty();
        TrainingResult result = engine.train(resume ? request.resuming() : request);
        double seconds = trainingSeconds(before, config, (System.nanoTime() - start) / 1e9);
        EvaluationReport report;
        try (XrayClassifier classifier = XrayClassifier.load(modelDirectory, engine)) {
            report = evaluate(classifier, test, config.batchSize(), listener);
        }
        RecordedEvaluation heldOut = EvaluationRecords.of(RecordedEvaluation.Kind.HELD_OUT_TEST, report, test);
        ModelManifest recorded = ModelStaging.amendManifest(modelDirectory, m -> m.withHeldOutTest(heldOut));
        result = new TrainingResult(result.modelDirectory(), recorded, result.history(), result.skipped(),
                result.validationPredictions());
        if (targetSensitivity == null) {
            return new ModelOutcome(result, report, null, null, seconds);
        }
        String positive = Protocol.positiveClass(test.classNames());
        OperatingPoint chosen = scores(validation, result.validationPredictions())
                .chooseThreshold(positive, targetSensitivity);
        ChosenThreshold threshold = new ChosenThreshold(positive, chosen.threshold(), targetSensitivity,
                validation.name(), validationCarved, SourceImages.of(validation.samples()),
                sharedSources(train, validation), EvaluationRecords.estimate(chosen.sensitivity()),
                EvaluationRecords.estimate(chosen.specificity()));
        recorded = ModelStaging.amendManifest(modelDirectory, m -> m.withChosenThreshold(threshold));
        result = new TrainingResult(result.modelDirectory(), recorded, result.history(), result.skipped(),
                result.validationPredictions());
        return new ModelOutcome(result, report, chosen, report.scores().at(positive, chosen.threshold()), seconds);
    }

    /**
     * The validation images' sources that are also training sources, by name; images without a
     * source count as one unknown source, shared when both sides have some.
     */
    static List<String> sharedSources(XrayDataset train, XrayDataset validation) {
        Set<String> trained = new HashSet<>();
        train.samples().forEach(s -> trained.add(sourceName(s)));
        Set<String> shared = new TreeSet<>();
        validation.samples().stream().map(ModelRun::sourceName).filter(trained::contains).forEach(shared::add);
        return List.copyOf(shared);
    }

    private static String sourceName(Sample sample) {
        return sample.source() != null ? sample.source() : "(unknown source)";
    }

    /** Scores a data set, telling the listener how far it got. */
    static EvaluationReport evaluate(XrayClassifier classifier, XrayDataset dataset, int batchSize,
            ExperimentListener listener) {
        boolean[] started = {false};
        EvaluationReport report = Evaluator.evaluate(classifier, dataset, batchSize, done -> {
            started[0] = true;
            listener.scoring(done, dataset.size());
        });
        if (started[0]) {
            listener.scoringFinished();
        }
        return report;
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
