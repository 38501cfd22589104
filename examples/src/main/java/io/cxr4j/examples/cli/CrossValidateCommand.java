package io.cxr4j.examples.cli;

import io.cxr4j.core.data.DatasetChecksum;
import io.cxr4j.core.data.SourceConfounding;
import io.cxr4j.core.data.XrayDataset;
import io.cxr4j.core.engine.CxrEngine;
import io.cxr4j.core.metrics.Evaluation;
import io.cxr4j.core.metrics.EvaluationSummary;
import io.cxr4j.core.metrics.FoldAverage;
import io.cxr4j.core.metrics.OperatingPoint;
import io.cxr4j.core.metrics.RocCurve;
import io.cxr4j.core.metrics.ScoreDistributions;
import io.cxr4j.core.model.ModelManifest;
import io.cxr4j.core.model.OutputLock;
import io.cxr4j.core.report.MarkdownTables;
import io.cxr4j.core.split.PatientLeakage;
import io.cxr4j.core.split.SplitStrategy;
import io.cxr4j.core.training.TrainingCheckpoint;
import io.cxr4j.core.config.TrainingConfig;
import io.cxr4j.core.training.TrainingHistory;
import io.cxr4j.core.training.TrainingRequest;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.function.ToDoubleFunction;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code cxr4j cross-validate}: stratified (patient-grouped) k-fold cross-validation with reports. */
@Command(name = "cross-validate", mixinStandardHelpOptions = true,
        description = {"Stratified k-fold cross-validation (patient-grouped where the data set records patient"
                + " ids), optionally repeated. Each fold trains a new model on the other folds (minus a validation"
                + " part carved from them) and is tested once; no epoch or threshold is chosen on a test fold.",
                "Writes folds.json (rerun the same folds with --folds-file, e.g. on another engine), report.json,"
                        + " report.md, pooled plots and one folder per fold with its model and plots."})
final class CrossValidateCommand implements Callable<Integer> {

    private static final String FOLDS_FILE = "folds.json";

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

    @Option(names = "--folds-file", paramLabel = "FILE",
            description = "Rerun the folds of an earlier run's folds.json instead of drawing new ones.")
    Path foldsFile;

    @Option(names = "--output", defaultValue = "runs/cross-validate",
            description = "Output folder. Default: ${DEFAULT-VALUE}.")
    Path output;

    @Option(names = "--resume", description = "Continue an interrupted run in --output: folds that finished"
            + " training are evaluated again without training, the interrupted fold continues after its last"
            + " completed epoch, the others train; give the same options as the interrupted run.")
    boolean resume;

    @Option(names = "--replace", description = "Replace the results of a finished cross-validation in --output"
            + " (report.json, report.md, folds.json, plots and each fold's model); without it such a folder is"
            + " refused.")
    boolean replace;

    @Override
    public Integer call() throws Exception {
        long start = System.nanoTime();
        Path foldsSource = foldsSource();
        options.checkThresholdOptions(foldsSource == null);
        if (repeats < 1) {
            throw new IllegalArgumentException("--repeats must be at least 1, was " + repeats);
        }
        if (foldsFile != null && !Files.isRegularFile(foldsFile)) {
            throw new IllegalArgumentException("--folds-file " + foldsFile + " is not a file: pass the folds.json"
                    + " that an earlier cross-validate run wrote into its --output folder.");
        }
        if (foldsFile == null && folds < 2) {
            throw new IllegalArgumentException("--folds must be at least 2 (5 is usual), was " + folds);
        }
        TrainingConfig config = options.config();
        CxrEngine engine = options.trainableEngine(config);
        try (OutputLock lock = OutputFolder.lock("--output", output)) {
            return crossValidate(start, foldsSource, config, engine);
        }
    }

    /** The run, in the output folder this process holds the lock of. */
    private int crossValidate(long start, Path foldsSource, TrainingConfig config, CxrEngine engine)
            throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        OutputFolder.checkReportTarget("--output", output, spec.name(), replace || resume);
        if (!resume) {
            checkNoInterruptedRun();
        }
        InputData loaded = data.load("darkcovidnet", "binary");
        XrayDataset dataset = loaded.dataset();
        Console console = new Console(out);
        console.dataset(loaded);
        SourceConfounding.check(dataset).ifPresent(console::warning);
        options.notePositiveClass(dataset.classNames(), console);
        DatasetChecksum checksum = DatasetChecksum.of(dataset, loaded.folder());

        FoldsFile plan = plan(dataset, loaded.folder(), checksum, foldsSource, console);
        List<FoldsFile.PlannedFold> planned = plan.resolve(dataset, loaded.folder());
        if (SplitStrategy.PATIENT.name().equalsIgnoreCase(plan.strategy())) {
            PatientLeakage.ungroupedImages(dataset).ifPresent(console::warning);
        } else {
            PatientLeakage.unknownPatients(dataset).ifPresent(console::warning);
        }
        XrayDataset tested = dataset.withSamples(dataset.name(), planned.stream()
                .filter(f -> f.repeat() == planned.get(0).repeat()).flatMap(f -> f.test().samples().stream()).toList());
        PatientLeakage.clusteredByPatient(tested).ifPresent(console::warning);
        warnAboutSharedPatients(planned, console);
        audit.warn(loaded, null, console);
        if (options.targetSensitivity != null) {
            planned.stream().filter(f -> f.validation() == null).findFirst().ifPresent(f -> {
                throw new IllegalArgumentException("--target-sensitivity needs a validation part to choose the"
                        + " threshold on, but " + f.name(plan.repeats()) + " of " + foldsSource + " has none (its folds"
                        + " were drawn with --validation-fraction 0). Drop --target-sensitivity, or drop --folds-file"
                        + " to draw folds with a validation part.");
            });
        }
        Path foldsPath = output.resolve(FOLDS_FILE);
        // The earlier run's report describes folds and models that this run replaces from here on.
        for (String earlier : List.of(RunReport.REPORT_FILE, ReportFiles.MARKDOWN_FILE)) {
            Files.deleteIfExists(output.resolve(earlier));
        }
        plan.write(foldsPath);

        String positive = ModelRun.positiveClass(dataset.classNames());
        int partition = plan.folds() * plan.repeats();
        out.printf("Cross-validating %s with the %s engine: %d fold(s) x %d repeat(s)%s, %s-level, %d epoch%s,"
                + " image %d; folds in %s%n", config.architecture(), engine.name(), plan.folds(), plan.repeats(),
                planned.size() < partition ? ", of which the folds file lists " + planned.size() : "",
                plan.strategy(), config.epochs(), config.epochs() == 1 ? "" : "s", config.preprocessing().imageSize(),
                foldsPath.toAbsolutePath());
        out.flush();

        List<CrossValidationReport.FoldResult> results = new ArrayList<>();
        Map<String, TrainingHistory> histories = new LinkedHashMap<>();
        // Each fold keeps its metrics only; its scores are pooled into its repeat's.
        List<Evaluation> foldEvaluations = new ArrayList<>();
        Map<Integer, RepeatTotals> repeatTotals = new TreeMap<>();
        ModelManifest manifest = null;
        for (FoldsFile.PlannedFold fold : planned) {
            String name = fold.name(plan.repeats());
            Path folder = output.resolve(name);
            out.printf("%n== %s: train %d, validation %d, test %d%n", name, fold.train().size(),
                    fold.validation() == null ? 0 : fold.validation().size(), fold.test().size());
            out.flush();
            ModelRun.Outcome outcome = ModelRun.run(engine, fold.train(), fold.validation(), fold.test(), config,
                    folder.resolve("model"), options.targetSensitivity, resume, replace);
            manifest = outcome.training().manifest();
            ScoreDistributions scores = outcome.test().scores();
            foldEvaluations.add(scores.evaluation());
            repeatTotals.computeIfAbsent(fold.repeat(), r -> new RepeatTotals()).add(scores, outcome.onTest());
            histories.put(name.replace('-', ' '), outcome.training().history());
            ReportFiles.plots(folder, Map.of(name, outcome.training().history()), "validation", scores);
            RocCurve roc = scores.roc(positive);
            RunReport.OperatingPoints point = outcome.onTest() == null ? null : new RunReport.OperatingPoints(
                    options.targetSensitivity, outcome.chosenOnValidation(), outcome.onTest());
            List<RunReport.Skip> skipped = RunReport.skips(outcome.skipped());
            results.add(new CrossValidationReport.FoldResult(name, fold.train().size(),
                    fold.validation() == null ? 0 : fold.validation().size(), fold.test().size(),
                    outcome.trainingSeconds(), EvaluationSummary.of(scores.evaluation()), roc.auc(), roc.auc95(),
                    point, outcome.training().history().epochs(), skipped));
            Evaluation e = scores.evaluation();
            out.printf(Locale.ROOT, "%s: accuracy %s, %s sensitivity %s, specificity %s, AUC %s, trained in %.0f s%n",
                    name, Console.rate(e.accuracy()), positive, Console.rate(e.sensitivity(positive)),
                    Console.rate(e.specificity(positive)), MarkdownTables.auc(roc), outcome.trainingSeconds());
            skipped.forEach(s -> out.printf("  skipped %s: %s%n", s.path(), s.reason()));
            console.operatingPoint(outcome);
        }

        Map<String, FoldAverage> across = acrossFolds(foldEvaluations, results, positive);
        List<CrossValidationReport.Pooled> pooled = new ArrayList<>();
        repeatTotals.forEach((repeat, totals) -> pooled.add(totals.summary(repeat)));
        // Every repeat tests the same images, so one warning speaks for all.
        console.smallTestSet(repeatTotals.values().iterator().next().scores.evaluation().accuracy(),
                " pooled over the test folds" + (repeatTotals.size() > 1 ? " of each repeat" : ""));
        double seconds = (System.nanoTime() - start) / 1e9;
        CrossValidationReport report = new CrossValidationReport(RunReport.toolVersion(),
                spec.commandLine().getParseResult().originalArgs(), console.warnings(), Instant.now().toString(),
                engine.name(),
                RunReport.versions(manifest), RunReport.info(loaded, checksum), "folds.json", plan.strategy(),
                plan.folds(), plan.repeats(), plan.seed(), plan.validationFraction(), options.targetSensitivity,
                config, seconds, results, across, pooled,
                "darkcovidnet".equals(dataset.name()) ? CrossValidationReport.DARKCOVIDNET_PUBLISHED : Map.of());
        Path reportFile = report.write(output);
        List<String> plots = new ArrayList<>(ReportFiles.learningCurves(output, histories, "validation"));
        Map<Integer, ScoreDistributions> scoresByRepeat = new TreeMap<>();
        for (Map.Entry<Integer, RepeatTotals> e : repeatTotals.entrySet()) {
            // One repeat's plots go beside report.md; several repeats get a folder each.
            String prefix = repeatTotals.size() == 1 ? "" : "repeat-" + e.getKey() + "/";
            for (String plot : ReportFiles.scorePlots(prefix.isEmpty() ? output : output.resolve(prefix),
                    e.getValue().scores)) {
                plots.add(prefix + plot);
            }
            scoresByRepeat.put(e.getKey(), e.getValue().scores);
        }
        String markdown = CrossValidationMarkdown.of(report, scoresByRepeat, positive, plots);
        ReportFiles.writeMarkdown(output, markdown);
        out.println();
        out.println(markdown.substring(markdown.indexOf("## Mean across folds"), markdown.indexOf("## Plots")));
        out.printf("Report: %s (and report.md, folds.json, %d plots; one folder per fold)%n",
                reportFile.toAbsolutePath(), plots.size());
        return 0;
    }

    /** The test predictions of one repeat's folds and, with a target sensitivity, their operating points. */
    private static final class RepeatTotals {
        private ScoreDistributions scores;
        private final List<OperatingPoint> points = new ArrayList<>();

        void add(ScoreDistributions fold, OperatingPoint onTest) {
            scores = scores == null ? fold : scores.plus(fold);
            if (onTest != null) {
                points.add(onTest);
            }
        }

        CrossValidationReport.Pooled summary(int repeat) {
            return new CrossValidationReport.Pooled(repeat, scores.count(), EvaluationSummary.of(scores.evaluation()),
                    RunReport.Curves.of(scores), points.isEmpty() ? null : OperatingPoint.pooled(points));
        }
    }

    /**
     * Refuses, before any fold is trained again, an output folder holding an interrupted run: one
     * with a fold stopped before its last epoch, or with trained folds but no final report (killed
     * between folds). A fresh run would train the finished folds again.
     */
    private void checkNoInterruptedRun() throws IOException {
        if (!Files.isDirectory(output)) {
            return;
        }
        List<Path> trained;
        try (Stream<Path> folders = Files.list(output)) {
            trained = folders.filter(f -> Files.isDirectory(TrainingRequest.checkpointDirectoryOf(f.resolve("model"))))
                    .sorted().toList();
        }
        for (Path fold : trained) {
            try {
                TrainingCheckpoint.checkDiscardable(TrainingRequest.checkpointDirectoryOf(fold.resolve("model")));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(e.getMessage().replace("--resume", "cross-validate --resume"), e);
            }
        }
        if (!trained.isEmpty() && Files.isRegularFile(output.resolve(FOLDS_FILE))
                && !Files.exists(output.resolve(RunReport.REPORT_FILE))) {
            throw new IllegalArgumentException(output + " holds a cross-validation that stopped before its report ("
                    + trained.size() + " fold(s) trained, such as " + trained.get(0).getFileName() + "). Continue it"
                    + " with its options and --resume, which does not train finished folds again, or, to start"
                    + " afresh, delete " + output + " or choose another --output.");
        }
    }

    /** The folds file the folds come from, or null when they are drawn now. */
    private Path foldsSource() {
        Path saved = output.resolve(FOLDS_FILE);
        return foldsFile != null ? foldsFile : resume && Files.isRegularFile(saved) ? saved : null;
    }

    /** Refuses to resume the saved folds with options that would have drawn other ones. */
    private void checkSamePlan(FoldsFile saved, XrayDataset dataset) {
        List<String> differences = new ArrayList<>();
        if (saved.folds() != folds) {
            differences.add("--folds " + saved.folds() + " (now " + folds + ")");
        }
        if (saved.repeats() != repeats) {
            differences.add("--repeats " + saved.repeats() + " (now " + repeats + ")");
        }
        if (saved.seed() != options.seed) {
            differences.add("--seed " + saved.seed() + " (now " + options.seed + ")");
        }
        String strategy = options.strategy(dataset).name();
        if (!saved.strategy().equalsIgnoreCase(strategy)) {
            differences.add("--split-by " + saved.strategy().toLowerCase(Locale.ROOT) + " (now "
                    + strategy.toLowerCase(Locale.ROOT) + ")");
        }
        if (saved.validationFraction() != options.validationFraction) {
            differences.add("--validation-fraction " + saved.validationFraction() + " (now "
                    + options.validationFraction + ")");
        }
        if (!differences.isEmpty()) {
            throw new IllegalArgumentException("The interrupted run in " + output + " drew its folds with other options: "
                    + String.join(", ", differences) + ". Resume with exactly its options (its folds are in "
                    + output.resolve(FOLDS_FILE) + "), or, to start afresh, delete " + output
                    + " or choose another --output.");
        }
    }

    /**
     * The folds to run: from {@code source} (see {@link #foldsSource()}) when given, else drawn now.
     */
    private FoldsFile plan(XrayDataset dataset, Path root, DatasetChecksum checksum, Path source, Console console)
            throws IOException {
        if (source != null) {
            FoldsFile file = FoldsFile.read(source);
            if (foldsFile != null) {
                console.ignored(spec.commandLine().getParseResult(),
                        List.of("--folds", "--repeats", "--split-by", "--validation-fraction"),
                        "the folds, their repeats and validation parts come from " + foldsFile + ".");
            } else {
                checkSamePlan(file, dataset);
            }
            if (!file.datasetChecksum().equals(checksum)) {
                console.warning("The data set's checksum differs from the one the folds were drawn on ("
                        + file.datasetChecksum().sha256() + "); images were added, removed or changed.");
            }
            console.out().printf("%s the %d folds of %s%n", foldsFile != null ? "Rerunning" : "Resuming",
                    file.assignments().size(), source.toAbsolutePath());
            return file;
        }
        SplitStrategy strategy = options.strategy(dataset);
        List<FoldsFile.PlannedFold> planned = FoldsFile.draw(dataset, folds, repeats, options.seed, strategy,
                options.validationFraction);
        return FoldsFile.of(planned, dataset, root, strategy, options.seed, folds, repeats,
                options.validationFraction, checksum);
    }

    /** Accuracy, balanced accuracy, and per class (binary: the positive class) the usual rates and AUC. */
    private static Map<String, FoldAverage> acrossFolds(List<Evaluation> evaluations,
            List<CrossValidationReport.FoldResult> results, String positive) {
        Map<String, FoldAverage> across = new LinkedHashMap<>();
        across.put("accuracy", average(evaluations, e -> e.accuracy().value()));
        across.put("balanced accuracy", average(evaluations, Evaluation::balancedAccuracy));
        across.put("macro F1", average(evaluations, e -> e.macroAverage().f1()));
        List<String> classes = evaluations.get(0).confusionMatrix().classNames();
        for (String c : classes.size() == 2 ? List.of(positive) : classes) {
            across.put(c + " sensitivity", average(evaluations, e -> e.classMetrics(c).recall().value()));
            across.put(c + " specificity", average(evaluations, e -> e.classMetrics(c).specificity().value()));
            across.put(c + " precision", average(evaluations, e -> e.classMetrics(c).precision().value()));
            across.put(c + " F1", average(evaluations, e -> e.classMetrics(c).f1()));
            across.put(c + " AUC", average(evaluations, e -> e.classMetrics(c).rocAuc()));
        }
        across.put("training seconds", FoldAverage.of(results.stream()
                .mapToDouble(CrossValidationReport.FoldResult::trainingSeconds).toArray()));
        return across;
    }

    private static FoldAverage average(List<Evaluation> evaluations, ToDoubleFunction<Evaluation> metric) {
        return FoldAverage.ofProportions(evaluations.stream().mapToDouble(metric).toArray());
    }

    /** The per-fold counterpart of the train command's check: patients on both sides of a fold's split. */
    private static void warnAboutSharedPatients(List<FoldsFile.PlannedFold> planned, Console console) {
        Set<String> shared = new TreeSet<>();
        int folds = 0;
        for (FoldsFile.PlannedFold fold : planned) {
            Set<String> inFold = new TreeSet<>(PatientLeakage.sharedPatients(fold.train(), fold.test()));
            if (fold.validation() != null) {
                inFold.addAll(PatientLeakage.sharedPatients(fold.validation(), fold.test()));
            }
            shared.addAll(inFold);
            folds += inFold.isEmpty() ? 0 : 1;
        }
        if (!shared.isEmpty()) {
            console.warning(shared.size() + " patient(s) have images on both sides of the split in " + folds + " of "
                    + planned.size() + " folds, such as " + shared.iterator().next() + ": the test folds' scores are"
                    + " inflated by patient leakage. Use --split-by patient.");
        }
    }
}
