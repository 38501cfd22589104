package io.cxr4j.examples;

// cross-validation-imports:start
import io.cxr4j.core.config.TrainingConfig;
import io.cxr4j.dataset.DatasetRegistry;
import io.cxr4j.dataset.LabelMap;
import io.cxr4j.experiment.CrossValidation;
import io.cxr4j.experiment.CrossValidationResult;
import io.cxr4j.experiment.ExperimentData;
import java.nio.file.Path;
// cross-validation-imports:end
import java.io.IOException;

/**
 * The README's cross-validation example: 5-fold, patient-grouped cross-validation of DarkCovidNet
 * on the seed set, with the data audit and guards of {@code cxr4j cross-validate}. The lines
 * between the markers are the README's code block, checked by a test.
 */
public final class CrossValidate {

    private CrossValidate() {}

    /**
     * Runs the example.
     *
     * @param args not used
     * @throws IOException when data or models cannot be read or written
     */
    public static void main(String[] args) throws IOException {
        // cross-validation:start
        ExperimentData seed = ExperimentData.of(DatasetRegistry.create().load("seed", LabelMap.binary()));
        TrainingConfig config = TrainingConfig.builder().optEpochs(25).build();
        Path output = Path.of("runs/cross-validation");
        CrossValidationResult result = CrossValidation.builder(seed, config, output).optFolds(5).build().run();
        result.writeTo(output); // report.json, report.md and plots; folds.tsv and fold-N/ are there already
        result.warnings().forEach(w -> System.out.println("WARNING: " + w.message()));
        System.out.println(result.summaryMarkdown());
        // cross-validation:end
    }
}
