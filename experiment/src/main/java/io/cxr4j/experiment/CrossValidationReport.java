package io.cxr4j.experiment;

import io.cxr4j.core.io.Json;
import io.cxr4j.core.metrics.ConfidenceInterval;
import io.cxr4j.core.metrics.EvaluationSummary;
import io.cxr4j.core.metrics.FoldAverage;
import io.cxr4j.core.metrics.OperatingPoint;
import io.cxr4j.core.metrics.SourceBreakdown;
import io.cxr4j.core.training.EpochResult;
import io.cxr4j.core.config.TrainingConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The {@code report.json} of a cross-validation: every fold's result and training time, the
 * mean of each metric across folds with a Student-t interval, and per repeat the pooled result over
 * its test folds with Wilson (rates) and DeLong (AUC) intervals. Repeats are pooled separately: each
 * tests every image once, so pooling them would count an image once per repeat and narrow the
 * intervals as if there were that many more patients.
 *
 * @param tool cxr4j and DJL versions
 * @param arguments the command line, or what the caller passed as such (empty from code)
 * @param warnings what the run warned about, as printed: they qualify every number below
 * @param createdAt when the report was written
 * @param engine the engine used
 * @param versions cxr4j, DJL, engine, Java and platform versions
 * @param dataset what was loaded, with its checksum
 * @param foldsFile the file holding the folds (SplitFile format), to rerun them
 * @param strategy image- or patient-level folds
 * @param groupBy how images were dealt into folds: {@code stratified} (k-fold) or {@code source}
 *     (leave-one-source-out: each fold tests one source)
 * @param folds folds per repeat
 * @param repeats repeats
 * @param seed the seed of the first repeat
 * @param validationFraction share of each training part held out as validation
 * @param targetSensitivity the sensitivity the validation-chosen threshold targets, or null
 * @param training the training settings
 * @param totalSeconds wall-clock time of the whole run
 * @param perFold one entry per fold
 * @param acrossFolds each metric's mean over folds, with its t interval
 * @param pooled per repeat, the evaluation over all its test folds together
 * @param reference published numbers to compare with, when the data set has them
 */
public record CrossValidationReport(
        String tool,
        List<String> arguments,
        List<String> warnings,
        String createdAt,
        String engine,
        Map<String, String> versions,
        RunReport.DatasetInfo dataset,
        String foldsFile,
        String strategy,
        String groupBy,
        int folds,
        int repeats,
        long seed,
        double validationFraction,
        Double targetSensitivity,
        TrainingConfig training,
        double totalSeconds,
        List<FoldResult> perFold,
        Map<String, FoldAverage> acrossFolds,
        List<Pooled> pooled,
        Map<String, Object> reference) {

    /**
     * One fold's result.
     *
     * @param name the fold's folder name
     * @param trainSize training images
     * @param validationSize validation images
     * @param testSize test images
     * @param trainingSeconds wall-clock training time
     * @param evaluation the test fold's metrics, over its readable images
     * @param auc the positive class's AUC on the test fold
     * @param auc95 its DeLong interval
     * @param operatingPoint the threshold chosen on this fold's validation part and its test result, or null
     * @param history per-epoch loss and accuracy (validation = the carved validation part)
     * @param skippedImages training, validation or test images of this fold that could not be read
     * @param heldOutSource the source this fold tests, when folds are grouped by source; else null
     */
    public record FoldResult(String name, int trainSize, int validationSize, int testSize, double trainingSeconds,
            EvaluationSummary evaluation, double auc, ConfidenceInterval auc95,
            RunReport.OperatingPoints operatingPoint, List<EpochResult> history,
            List<RunReport.Skip> skippedImages, String heldOutSource) {}

    /**
     * The test folds of one repeat evaluated together: every readable image once.
     *
     * @param repeat the repeat, from 1
     * @param testImages images scored
     * @param evaluation the metrics over them
     * @param curves ROC, precision-recall and calibration over them
     * @param operatingPoint every fold's own validation-chosen threshold applied to its test fold,
     *     counts added up (threshold NaN: one per fold), or null
     * @param bySource the metrics per source over the pooled test folds, or null when no image has a
     *     known source
     */
    public record Pooled(int repeat, long testImages, EvaluationSummary evaluation, RunReport.Curves curves,
            OperatingPoint operatingPoint, SourceBreakdown bySource) {}

    /** @return this report as the JSON of {@code report.json} */
    public String toJson() {
        return Json.gson().toJson(this);
    }

    Path write(Path folder) throws IOException {
        return ReportFiles.writeReport(folder, toJson());
    }
}
