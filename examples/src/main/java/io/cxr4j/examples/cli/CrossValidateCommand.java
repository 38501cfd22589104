package io.cxr4j.examples.cli;

import io.cxr4j.core.engine.CxrEngine;
import io.cxr4j.core.model.OutputLock;
import io.cxr4j.core.config.TrainingConfig;
import io.cxr4j.experiment.CrossValidation;
import io.cxr4j.experiment.CrossValidationResult;
import io.cxr4j.experiment.ExperimentData;
import io.cxr4j.experiment.ExperimentException;
import io.cxr4j.experiment.Protocol;
import io.cxr4j.core.report.MarkdownTables;
import io.cxr4j.core.split.FoldGrouping;
import io.cxr4j.core.split.PatientLeakage;
import io.cxr4j.core.split.SplitStrategy;
import io.cxr4j.core.model.BaseWeights;
import io.cxr4j.core.training.TrainingCheckpoint;
import io.cxr4j.core.training.TrainingHistory;
import io.cxr4j.core.training.TrainingRequest;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code cxr4j cross-validate}: stratified (patient-grouped) k-fold cross-validation with reports. */
@Command(name = "cross-validate", mixinStandardHelpOptions = true,
        description = {"Stratified k-fold cross-validation (patient-grouped where the data set records patient"
                + " ids), optionally repeated, or with --group-by source one fold per image source"
                + " (leave-one-source-out). Each fold trains a new model on the other folds (minus a validation"
                + " part carved from them) and is tested once; no epoch or threshold is chosen on a test fold.",
                "Writes folds.tsv (rerun the same folds with --folds-file, e.g. on another engine), report.json,"
                        + " report.md, pooled plots and one folder per fold with its model and plots."})
final class CrossValidateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    DataOptions data;

    @Mixin
    DataAudit audit;

    @Mixin
    TrainingOptions options;

    @Option(names = "--folds", defaultValue = "5", paramLabel = "K", description = "Folds. Default: ${DEFAULT-VALUE}.")
    int folds;

    @Option(names = "--repeats", defaultValue = "1", paramLabel = "R",
            description = "Repeat the k-fold partition R times with seeds seed..seed+R-1. Default: ${DEFAULT-VALUE}.")
    int repeats;

    @Option(names = "--group-by", paramLabel = "stratified|source",
            description = "source: leave-one-source-out, one fold per image source (such as the sources of"
                    + " --dataset darkcovidnet --dataset hannover), each tested on one source and trained on the"
                    + " others: how a model does on a source it never saw. --folds and --repeats are then"
                    + " ignored; a held-out source without images of a class is reported with what it allows"
                    + " (such as sensitivity alone), and a source holding every image of a class trains every"
                    + " fold instead of being held out. Default: ${DEFAULT-VALUE} (k stratified folds).",
            defaultValue = "stratified")
    FoldGrouping groupBy;

    @Option(names = "--folds-file", paramLabel = "FILE",
            description = "Rerun the folds of an earlier run's folds.tsv (or the folds.json of earlier versions)"
                    + " instead of drawing new ones.")
    Path foldsFile;

    @Option(names = "--output", defaultValue = "runs/cross-validate",
            description = "Output folder. Default: ${DEFAULT-VALUE}.")
    Path output;

    @Option(names = "--resume", description = "Continue an interrupted run in --output: folds that finished"
            + " training are evaluated again without training, the interrupted fold continues after its last"
            + " completed epoch, the others train; give the same options as the interrupted run.")
    boolean resume;

    @Option(names = "--replace", description = "Replace the results of a finished cross-validation in --output"
            + " (report.json, report.md, folds.tsv, plots and each fold's model); without it such a folder is"
            + " refused.")
    boolean replace;

    @Override
    public Integer call() throws Exception {
        Path foldsSource = foldsSource();
        options.checkThresholdOptions(foldsSource == null);
        if (repeats < 1) {
            throw new IllegalArgumentException("--repeats must be at least 1, was " + repeats);
        }
        if (foldsFile != null && !Files.isRegularFile(foldsFile)) {
            throw new IllegalArgumentException("--folds-file " + foldsFile + " is not a file: pass the folds.tsv"
                    + " that an earlier cross-validate run wrote into its --output folder.");
        }
        if (foldsFile == null && folds < 2) {
            throw new IllegalArgumentException("--folds must be at least 2 (5 is usual), was " + folds);
        }
        TrainingConfig config = options.config();
        CxrEngine engine = options.trainableEngine(config);
        BaseWeights base = options.baseWeights();
        try (OutputLock lock = OutputFolder.lock("--output", output)) {
            return crossValidate(config, engine, base);
        }
    }

    /** The run, in the output folder this process holds the lock of. */
    private int crossValidate(TrainingConfig config, CxrEngine engine, BaseWeights base) throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        OutputFolder.checkReportTarget("--output", output, spec.name(), replace || resume);
        ExperimentData loaded = data.load("darkcovidnet", "binary");
        Console console = new Console(out);
        console.dataset(loaded);
        CrossValidation.Builder crossValidation = CrossValidation.builder(loaded, config, output)
                .optEngine(engine)
                .optGroupBy(groupBy)
                .optStrategy(options.strategy(loaded.dataset()))
                .optValidationFraction(options.validationFraction)
                .optAudit(!audit.skip)
                .optResume(resume)
                .optReplace(replace)
                .optListener(new ConsoleListener(console, loaded.dataset()))
                .optWording(CommandLineTerms::translate)
                .optArguments(spec.commandLine().getParseResult().originalArgs());
        if (foldsFile == null && groupBy == FoldGrouping.SOURCE) {
            Console.ignored(spec.commandLine().getParseResult(), List.of("--folds", "--repeats"),
                    "leave-one-source-out has one fold per source and one repeat.").forEach(crossValidation::optWarning);
        } else if (foldsFile == null) {
            crossValidation.optFolds(folds).optRepeats(repeats);
        } else {
            crossValidation.optFoldsFile(foldsFile);
            Console.ignored(spec.commandLine().getParseResult(),
                    List.of("--folds", "--repeats", "--group-by", "--split-by", "--validation-fraction"),
                    "the folds, their repeats and validation parts come from " + foldsFile + ".")
                    .forEach(crossValidation::optWarning);
        }
        if (base != null) {
            crossValidation.optBaseWeights(base);
        }
        if (options.targetSensitivity != null) {
            crossValidation.optTargetSensitivity(options.targetSensitivity);
        }
        CrossValidationResult result;
        try {
            result = crossValidation.build().run();
        } catch (ExperimentException e) {
            throw new IllegalArgumentException(inOptionTerms(e), e);
        }
        Path reportFile = result.writeTo(output);
        out.println();
        out.println(result.summaryMarkdown());
        out.printf("Report: %s (and report.md, %s, %d plots; one folder per fold)%n", reportFile.toAbsolutePath(),
                Protocol.FOLDS_FILE, result.plotFiles().size());
        return 0;
    }

    /** The folds file the folds come from, or null when they are drawn now. */
    private Path foldsSource() {
        if (foldsFile != null) {
            return foldsFile;
        }
        for (String saved : List.of(Protocol.FOLDS_FILE, Protocol.LEGACY_FOLDS_FILE)) {
            if (resume && Files.isRegularFile(output.resolve(saved))) {
                return output.resolve(saved);
            }
        }
        return null;
    }

    /** Why the cross-validation refused to run, in terms of this command's options. */
    private String inOptionTerms(ExperimentException e) {
        String afresh = "to start afresh, delete " + output + " or choose another --output.";
        switch (e.reason()) {
            case INTERRUPTED_FOLD:
                return e.folder() + " holds an interrupted run, stopped after epoch " + e.epoch() + " of "
                        + e.epochs() + ". Continue it with its options and cross-validate --resume, or, " + afresh;
            case UNREPORTED_RUN:
                return output + " holds a cross-validation that stopped before its report (" + e.details().size()
                        + " fold(s) trained, such as " + e.details().get(0) + "). Continue it with its options and"
                        + " --resume, which does not train finished folds again, or, " + afresh;
            case OTHER_PLAN:
                return "The interrupted run in " + output + " drew its folds with other options: "
                        + String.join(", ", e.differences().stream().map(d -> OPTIONS.get(d.setting()) + " "
                                + d.saved() + " (now " + d.now() + ")").toList())
                        + ". Resume with exactly its options (its folds are in " + foldsSource() + "), or, " + afresh;
            case NO_VALIDATION_PART:
                return "--target-sensitivity needs a validation part to choose the threshold on, but "
                        + e.details().get(0) + " of " + e.folder() + " has none (its folds were drawn with"
                        + " --validation-fraction 0). Drop --target-sensitivity, or drop --folds-file to draw folds"
                        + " with a validation part.";
            default:
                return e.getMessage();
        }
    }

    /** The option behind each setting a resumed run must repeat. */
    private static final Map<String, String> OPTIONS = Map.of("folds", "--folds", "repeats", "--repeats", "seed",
            "--seed", "strategy", "--split-by", "validationFraction", "--validation-fraction", "groupBy", "--group-by");
}
