package io.cxr4j.examples.cli;

import io.cxr4j.core.metrics.EvaluationReport;
import io.cxr4j.core.data.DatasetChecksum;
import io.cxr4j.core.data.SourceConfounding;
import io.cxr4j.core.data.XrayDataset;
import io.cxr4j.core.metrics.Evaluator;
import io.cxr4j.core.inference.XrayClassifier;
import io.cxr4j.core.model.ModelManifest;
import io.cxr4j.core.model.OutputLock;
import io.cxr4j.experiment.EvaluationResult;
import io.cxr4j.experiment.ExperimentData;
import io.cxr4j.experiment.ModelEvaluation;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code cxr4j evaluate}: the classification report of a saved model on a labelled folder. */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        exitCodeListHeading = ExitCodes.HEADING,
        exitCodeList = {ExitCodes.SUCCESS, ExitCodes.FAILED, ExitCodes.USAGE, ExitCodes.SKIPPED},
        description = "Scores a saved model on every image of a labelled data set (one subfolder per class)"
                + " and prints the classification report with sensitivity, specificity and 95%% intervals."
                + " Images that cannot be decoded are named and skipped; the exit code is then 3.")
final class EvaluateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "DIR", description = "A model directory.")
    Path model;

    @Mixin
    DataOptions data;

    @Mixin
    DataAudit audit;

    @Option(names = "--engine", description = "Engine to run the model with (pytorch, tensorflow). Default: the"
            + " engine that wrote it, recorded in its model.json. A model of another engine must first be"
            + " converted with 'cxr4j convert'.")
    String engine;

    @Option(names = "--batch-size", defaultValue = "16", description = "Default: ${DEFAULT-VALUE}.")
    int batchSize;

    @Option(names = "--output", paramLabel = "DIR", description = "Also write report.json, report.md and plots into this folder.")
    Path output;

    @Option(names = "--replace", description = "Replace an earlier evaluation's report.json, report.md and plots in"
            + " --output; without it such a folder is refused.")
    boolean replace;

    @Override
    public Integer call() throws Exception {
        if (batchSize < 1) {
            throw new IllegalArgumentException("--batch-size must be at least 1, was " + batchSize);
        }
        PrintWriter out = spec.commandLine().getOut();
        Console console = new Console(out);
        try (OutputLock lock = OutputFolder.lock("--output", output);
                XrayClassifier classifier = loadChecked()) {
            // A folder of one class is a test too (sensitivity alone), as --dataset hannover is.
            data.someClassesAllowed = true;
            ExperimentData loaded = data.load(null, DataOptions.labelSetFor(classifier.classNames()));
            console.dataset(loaded);
            ModelManifest manifest = classifier.manifest();
            ConsoleListener listener = new ConsoleListener(console, loaded.dataset()) {
                @Override
                public void evaluated(EvaluationReport report) {
                    if (manifest.provenance() == null || manifest.provenance().trainingImageDigests() == null) {
                        out.println("  (this model was written before models recorded their training images, so"
                                + " nothing tells whether these images were among them)");
                    }
                    super.evaluated(report);
                }
            };
            EvaluationResult result = ModelEvaluation.builder(classifier, loaded)
                    .optBatchSize(batchSize)
                    .optAudit(!audit.skip)
                    .optListener(listener)
                    .optWording(CommandLineTerms::translate)
                    .optArguments(spec.commandLine().getParseResult().originalArgs())
                    .build().run();
            console.recordedThreshold(result.report().operatingPoint());
            if (output != null) {
                Path file = result.writeTo(output);
                out.printf("%nReport: %s (and report.md, %d plots)%n", file.toAbsolutePath(),
                        result.plotFiles().size());
            }
            return ExitCodes.finished(result.evaluation().skipped().size());
        }
    }

    /** Checks the output folder, which this process holds the lock of, then loads the model. */
    private XrayClassifier loadChecked() throws IOException {
        OutputFolder.checkReportTarget("--output", output, spec.name(), replace);
        return Models.load(model, engine);
    }
}
