package io.cxr4j.examples.cli;

import io.cxr4j.core.data.DatasetChecksum;
import io.cxr4j.core.data.SourceConfounding;
import io.cxr4j.core.data.XrayDataset;
import io.cxr4j.core.engine.CxrEngine;
import io.cxr4j.core.model.OutputLock;
import io.cxr4j.core.split.PatientLeakage;
import io.cxr4j.core.split.SplitFile;
import io.cxr4j.core.split.SplitStrategy;
import io.cxr4j.core.split.Splits;
import io.cxr4j.core.split.TrainTestSplit;
import io.cxr4j.core.config.Precision;
import io.cxr4j.core.training.TrainingCheckpoint;
import io.cxr4j.core.config.TrainingConfig;
import io.cxr4j.core.training.TrainingRequest;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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

    @Option(names = "--replace", description = "Replace the results of a finished run in --output (its model,"
            + " report.json, report.md, split.tsv and plots); without it such a folder is refused. The old model"
            + " stays until the new one is complete.")
    boolean replace;

    private TrainTestSplit split(XrayDataset dataset, InputData loaded, Console console) throws IOException {
        if (splitFile == null) {
            return Splits.trainTest(dataset, testFraction, options.seed, options.strategy(dataset));
        }
        console.ignored(spec.commandLine().getParseResult(), List.of("--test-fraction", "--split-by"),
                "the split comes from " + splitFile + ".");
        spec.commandLine().getOut().printf("Using the split saved in %s%n", splitFile.toAbsolutePath());
        TrainTestSplit split = SplitFile.readTrainTest(splitFile, dataset, loaded.folder());
        int unlisted = dataset.size() - split.train().size() - split.test().size();
        if (unlisted > 0) {
            console.warning(splitFile + " does not list " + unlisted + " image(s) of data set '" + dataset.name()
                    + "': they are neither trained nor tested on.");
        }
        return split;
    }

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

    @Override
    public Integer call() throws Exception {
        options.checkThresholdOptions(true);
        checkSplitOptions();
        TrainingConfig config = options.config();
        CxrEngine chosen = options.trainableEngine(config);
        try (OutputLock lock = OutputFolder.lock("--output", output)) {
            return train(config, chosen);
        }
    }

    /** The run, in the output folder this process holds the lock of. */
    private int train(TrainingConfig config, CxrEngine chosen) throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        Path modelDirectory = output.resolve("model");
        OutputFolder.checkReportTarget("--output", output, spec.name(), replace || resume);
        if (TrainingRequest.replacesUnasked(modelDirectory, resume, replace)) {
            throw OutputFolder.finishedRun("--output", output, spec.name(), "its model in " + modelDirectory);
        }
        if (!resume) {
            TrainingCheckpoint.checkDiscardable(TrainingRequest.checkpointDirectoryOf(modelDirectory));
        }
        InputData loaded = data.load("seed", "binary");
        XrayDataset dataset = loaded.dataset();
        Console console = new Console(out);
        console.dataset(loaded);
        SourceConfounding.check(dataset).ifPresent(console::warning);
        options.notePositiveClass(dataset.classNames(), console);

        TrainTestSplit split = split(dataset, loaded, console);
        SplitStrategy strategy = split.strategy();
        if (strategy == SplitStrategy.PATIENT) {
            PatientLeakage.ungroupedImages(dataset).ifPresent(console::warning);
        } else {
            PatientLeakage.unknownPatients(dataset).ifPresent(console::warning);
        }
        console.split(split);
        PatientLeakage.clusteredByPatient(split.test()).ifPresent(console::warning);
        audit.warn(loaded, split, console);
        XrayDataset train = split.train();
        // Without a threshold to choose, the test part is scored per epoch for the learning curves
        // only (nothing is chosen on it), which keeps the seed protocol's 70% for training.
        XrayDataset heldOut = split.test();
        XrayDataset validation = null;
        if (options.targetSensitivity != null) {
            TrainTestSplit carved = Splits.trainTest(split.train(), options.validationFraction, options.seed, strategy);
            train = carved.train();
            validation = carved.test();
            heldOut = validation;
            out.printf("Validation part (threshold choice and learning curves), carved from the training part:"
                    + " %d images; training on %d%n", validation.size(), train.size());
        }

        out.printf("Training %s with the %s engine for %d epoch%s (batch %d, Adam %s, %s schedule%s)%n",
                config.architecture(), chosen.name(), config.epochs(), config.epochs() == 1 ? "" : "s",
                config.batchSize(),
                config.learningRate(), config.schedule().name().toLowerCase(Locale.ROOT),
                config.precision() == Precision.FLOAT32 ? "" : ", " + config.precision().name().toLowerCase(Locale.ROOT));
        out.flush();
        EarlierResults earlier = EarlierResults.setAside(output, ReportFiles.TRAINING_RESULTS, modelDirectory);
        ModelRun.Outcome outcome;
        try {
            outcome = ModelRun.run(chosen, train, heldOut, split.test(), config, modelDirectory,
                    options.targetSensitivity, resume, replace);
        } catch (IOException | RuntimeException e) {
            earlier.restoreUnlessReplaced();
            throw e;
        }
        earlier.discard();
        String heldOutName = validation != null ? "validation" : "held-out test (curves only)";
        console.history(outcome.training().history(), validation != null);
        console.evaluation(outcome.test(), dataset.name(), outcome.skipped());
        console.operatingPoint(outcome);

        List<String> arguments = spec.commandLine().getParseResult().originalArgs();
        RunReport report = RunReport.forTraining(arguments, console.warnings(), chosen.name(), loaded,
                DatasetChecksum.of(dataset, loaded.folder()), split, train, validation, outcome,
                options.targetSensitivity);
        Path reportFile = report.write(output);
        SplitFile.write(split, loaded.folder(), output.resolve(RunReport.SPLIT_FILE));
        List<String> plots = ReportFiles.plots(output, Map.of("run", outcome.training().history()), heldOutName,
                outcome.test().scores());
        ReportFiles.writeMarkdown(output, ReportFiles.header("cxr4j train on '" + dataset.name() + "'", report)
                + ReportFiles.evaluationSection(outcome.test().scores(), outcome.chosenOnValidation(),
                        outcome.onTest(), plots) + ReportFiles.skippedSection(report));
        out.printf("%nModel: %s%nReport: %s (and report.md, split.tsv, %d plots)%n", modelDirectory.toAbsolutePath(),
                reportFile.toAbsolutePath(), plots.size());
        return 0;
    }
}
