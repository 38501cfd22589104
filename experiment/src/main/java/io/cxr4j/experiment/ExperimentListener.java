package io.cxr4j.experiment;

import io.cxr4j.core.data.SkippedImage;
import io.cxr4j.core.data.XrayDataset;
import io.cxr4j.core.metrics.EvaluationReport;
import io.cxr4j.core.split.FoldPlan;
import io.cxr4j.core.split.PlannedFold;
import io.cxr4j.core.split.TrainTestSplit;
import io.cxr4j.core.config.TrainingConfig;
import java.nio.file.Path;
import java.util.List;

/**
 * Follows an experiment as it runs, for a user interface: every method does nothing by default.
 * Whatever a listener shows, the experiment's result holds the same facts.
 */
public interface ExperimentListener {

    /** Does nothing. */
    ExperimentListener NONE = new ExperimentListener() {};

    /** A guard found something; the result carries it too. */
    default void warning(ExperimentWarning warning) {}

    /**
     * The data-set audit finished.
     *
     * @param findings how many warnings it reported (each also passed to {@link #warning})
     */
    default void auditFinished(int findings) {}

    /** A train/test run drew or read its split. */
    default void splitReady(TrainTestSplit split) {}

    /**
     * A train/test run carved its validation part from the training part.
     *
     * @param validation validation images
     * @param train images left for training
     */
    default void validationCarved(int validation, int train) {}

    /**
     * A train/test run checked its separate validation data ({@link TrainTestExperiment.Builder#optValidationData}).
     *
     * @param validation the validation images, with the training data's classes
     */
    default void validationGiven(XrayDataset validation) {}

    /** A train/test run starts training. */
    default void trainingStarted(TrainingConfig config, String engine) {}

    /** A train/test run trained its model and scored its test part. */
    default void modelTrained(ModelOutcome outcome) {}

    /**
     * A train/test run or a model evaluation has its test metrics (the small-test-set guard runs next).
     *
     * @param report the evaluation on the test images
     */
    default void evaluated(EvaluationReport report) {}

    /**
     * A train/test run or a model evaluation finished.
     *
     * @param skipped every image it could not read
     * @param outcome the trained model's outcome, or null for an evaluation of a saved model
     */
    default void finished(List<SkippedImage> skipped, ModelOutcome outcome) {}

    /**
     * A cross-validation read its folds from a file.
     *
     * @param source the folds file
     * @param folds how many folds it lists
     * @param resuming whether the run resumes an interrupted one (else it reruns another run's folds)
     */
    default void foldsRead(Path source, int folds, boolean resuming) {}

    /**
     * A cross-validation saved its folds and starts its first fold.
     *
     * @param plan the folds
     * @param foldsFile where they were saved
     */
    default void crossValidationStarted(FoldPlan plan, Path foldsFile, TrainingConfig config, String engine) {}

    /** A fold starts training. */
    default void foldStarted(PlannedFold fold, String name) {}

    /** A fold was trained and tested. */
    default void foldFinished(CrossValidationReport.FoldResult result, ModelOutcome outcome) {}

    /**
     * Scoring a test part progresses.
     *
     * @param done images scored so far
     * @param total images to score
     */
    default void scoring(int done, int total) {}

    /** Scoring a test part finished. */
    default void scoringFinished() {}
}
