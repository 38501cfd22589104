package io.cxr4j.experiment;

import io.cxr4j.core.data.SkippedImage;
import io.cxr4j.core.metrics.EvaluationReport;
import io.cxr4j.core.metrics.OperatingPoint;
import io.cxr4j.core.training.TrainingResult;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One model's run: trained on the training part, scored on the test part and, with a target
 * sensitivity, given a threshold chosen on the validation part.
 *
 * @param training the trained model and its history
 * @param test the evaluation on the test part
 * @param chosenOnValidation the threshold and what it did on validation data, or null
 * @param onTest the same threshold on the test part, or null
 * @param trainingSeconds wall-clock time of training (data preparation included); for a resumed
 *     run, plus the recorded time of the epochs trained before the interruption; for a run that
 *     had already finished, the recorded epoch times alone
 */
public record ModelOutcome(TrainingResult training, EvaluationReport test, OperatingPoint chosenOnValidation,
        OperatingPoint onTest, double trainingSeconds) {

    /**
     * The images training (with validation) and testing could not read, each once: without a
     * threshold to choose, the test part is also the per-epoch curves' part, so training reads
     * (and skips) its images too.
     *
     * @return the skipped images, in the order they were met
     */
    public List<SkippedImage> skipped() {
        Map<Path, SkippedImage> byImage = new LinkedHashMap<>();
        training.skipped().forEach(s -> byImage.putIfAbsent(s.image(), s));
        test.skipped().forEach(s -> byImage.putIfAbsent(s.image(), s));
        return List.copyOf(byImage.values());
    }
}
