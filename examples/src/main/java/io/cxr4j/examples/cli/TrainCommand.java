package io.cxr4j.examples.cli;

import io.cxr4j.core.data.XrayDataset;
import io.cxr4j.core.engine.CxrEngine;
import io.cxr4j.core.model.OutputLock;
import io.cxr4j.core.split.PatientLeakage;
import io.cxr4j.core.split.SplitFile;
import io.cxr4j.core.split.SplitStrategy;
import io.cxr4j.core.split.Splits;
import io.cxr4j.core.split.TrainTestSplit;
import io.cxr4j.core.config.Precision;
import io.cxr4j.core.model.BaseWeights;
import io.cxr4j.core.training.TrainingCheckpoint;
import io.cxr4j.core.config.TrainingConfig;
import io.cxr4j.core.training.TrainingRequest;
import io.cxr4j.experiment.ExperimentData;
import io.cxr4j.experiment.TrainTestExperiment;
import io.cxr4j.experiment.TrainTestResult;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code cxr4j train}: split, train, evaluate on the held-out part, save model and reports. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = {"Trains a classifier on a stratified training split, evaluates it on the held-out"
                + " test split and writes the model (<output>/model), report.json, report.md, split.tsv and"
                + " plots (learning curves, ROC, precision-recall, confusion matrix, reliability diagram).",
                "Defaults reproduce the seed project's protocol on DarkCovidNet: seed data set,"
                        + " 70/30 split, seed 42, 224x224, batch 8, 25 epochs, Adam 1e-3."})
final class TrainCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    DataOptions data;

    @Mixin
    DataAudit audit;

    @Mixin
    TrainingOptions options;

    @Option(names = "--test-fraction", defaultValue = "0.3", description = "Share held out per class."
            + " Default: ${DEFAULT-VALUE}.")
    double testFraction;

    @Option(names = "--output", defaultValue = "runs/train", description = "Output folder. Default: ${DEFAULT-VALUE}.")
    Path output;

    @Option(names = "--split-file", paramLabel = "FILE", description = "Train and test on the split saved in"
            + " FILE (the split.tsv of an earlier train run, e.g. on the other engine) instead of drawing one;"
            + " --test-fraction and --split-by are then ignored.")
    Path splitFile;

    @Option(names = "--resume", description = "Continue an interrupted run from its last checkpoint in"
            + " <output>/model.checkpoints; give the same options as the interrupted run.")
    boolean resume;

    @Option(names = "--validation-dataset", paramLabel = "NAME", description = "Validate on this named data"
            + " set instead of a part carved from the training data: the learning curves, and with"
            + " --target-sensitivity the threshold, then come from it, and --validation-fraction does not apply."
            + " Use another source than the training data's (e.g. hannover for a darkcovidnet model): the model"
            + " records which source its threshold came from, and that source is then a development source, not"
            + " an external test. Repeatable, and combinable with --validation-data, to join several. Refused when"
            + " it shares images or patients with the training data, or lacks covid images for"
            + " --target-sensitivity (a source of COVID-19 images only, such as hannover, can set a sensitivity"
            + " target; its specificity there is unknown).")
    List<String> validationDatasets = new ArrayList<>();

    @Option(names = "--validation-data", paramLabel = "PATH", description = "As --validation-dataset, a folder"
            + " with one subfolder of images per class. Repeatable.")
    List<Path> validationFolders = new ArrayList<>();

    @Option(names = "--replace", description = "Replace the results of a finished run in --output (its model,"
            + " report.json, report.md, split.tsv and plots); without it such a folder is refused. The old model"
            + " stays until the new one is complete.")
    boolean replace;

    private void checkSplitOptions() {
        if (splitFile != null && !Files.isRegularFile(splitFile)) {
            throw new IllegalArgumentException("--split-file " + splitFile + " is not a file: pass the split.tsv"
                    + " that an earlier train run wrote into its --output folder.");
        }
        if (splitFile == null && !(testFraction > 0 && testFraction < 1)) {
            throw new IllegalArgumentException("--test-fraction must lie strictly between 0 and 1, such as 0.3;"
                    + " was " + testFraction);
        }
    }

    /** @return the separate validation data, labelled as the training data, or null */
    private ExperimentData validationData() throws IOException {
        if (validationDatasets.isEmpty() && validationFolders.isEmpty()) {
            return null;
        }
        DataOptions validation = new DataOptions();
        validation.datasets = validationDatasets;
        validation.folders = validationFolders;
        validation.labels = data.labels;
        validation.someClassesAllowed = true;
        return validation.load(null, "binary");
    }

    @Override
    public Integer call() throws Exception {
        options.checkThresholdOptions(validationDatasets.isEmpty() && validationFolders.isEmpty());
        checkSplitOptions();
        TrainingConfig config = options.config();
        CxrEngine chosen = options.trainableEngine(config);
        // Before the data is read: a missing or unfit weights file stops the run at once.
        BaseWeights base = options.baseWeights();
        try (OutputLock lock = OutputFolder.lock("--output", output)) {
            return train(config, chosen, base);
        }
    }

    /** The run, in the output folder this process holds the lock of. */
    private int train(TrainingConfig config, CxrEngine chosen, BaseWeights base) throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        Path modelDirectory = output.resolve("model");
        OutputFolder.checkReportTarget("--output", output, spec.name(), replace || resume);
        if (TrainingRequest.replacesUnasked(modelDirectory, resume, replace)) {
            throw OutputFolder.finishedRun("--output", output, spec.name(), "its model in " + modelDirectory);
        }
        if (!resume) {
            TrainingCheckpoint.checkDiscardable(TrainingRequest.checkpointDirectoryOf(modelDirectory));
        }
        ExperimentData loaded = data.load("seed", "binary");
        XrayDataset dataset = loaded.dataset();
        Console console = new Console(out);
        console.dataset(loaded);
        TrainTestExperiment.Builder experiment = TrainTestExperiment.builder(loaded, config, output)
                .optEngine(chosen)
                .optStrategy(options.strategy(dataset))
                .optAudit(!audit.skip)
                .optResume(resume)
                .optReplace(replace)
                .optListener(new ConsoleListener(console, dataset))
                .optWording(CommandLineTerms::translate)
                .optArguments(spec.commandLine().getParseResult().originalArgs());
        if (base != null) {
            experiment.optBaseWeights(base);
        }
        ExperimentData validation = validationData();
        if (validation != null) {
            Console.ignored(spec.commandLine().getParseResult(), List.of("--validation-fraction"),
                    "the validation images come from --validation-dataset or --validation-data.")
                    .forEach(experiment::optWarning);
            out.printf("Validation data (learning curves%s): '%s', %d images (%s)%n",
                    options.targetSensitivity != null ? " and threshold" : "", validation.dataset().name(),
                    validation.dataset().size(), validation.dataset().countsPerClass());
            experiment.optValidationData(validation);
        }
        if (options.targetSensitivity != null) {
            experiment.optTargetSensitivity(options.targetSensitivity);
            if (validation == null) {
                experiment.optValidationFraction(options.validationFraction);
            }
        }
        if (splitFile == null) {
            experiment.optTestFraction(testFraction);
        } else {
            Console.ignored(spec.commandLine().getParseResult(), List.of("--test-fraction", "--split-by"),
                    "the split comes from " + splitFile + ".").forEach(experiment::optWarning);
            out.printf("Using the split saved in %s%n", splitFile.toAbsolutePath());
            experiment.optSplitFile(splitFile);
        }
        TrainTestResult result = experiment.build().run();
        Path reportFile = result.writeTo(output);
        out.printf("%nModel: %s%nReport: %s (and report.md, split.tsv, %d plots)%n", modelDirectory.toAbsolutePath(),
                reportFile.toAbsolutePath(), result.plotFiles().size());
        return 0;
    }
}
