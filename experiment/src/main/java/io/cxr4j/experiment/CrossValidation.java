package io.cxr4j.experiment;

import io.cxr4j.core.data.DatasetChecksum;
import io.cxr4j.core.data.XrayDataset;
import io.cxr4j.core.engine.CxrEngine;
import io.cxr4j.core.metrics.Evaluation;
import io.cxr4j.core.metrics.EvaluationSummary;
import io.cxr4j.core.metrics.FoldAverage;
import io.cxr4j.core.metrics.OperatingPoint;
import io.cxr4j.core.metrics.RocCurve;
import io.cxr4j.core.metrics.ScoreDistributions;
import io.cxr4j.core.model.ModelManifest;
import io.cxr4j.core.split.FoldGrouping;
import io.cxr4j.core.split.FoldPlan;
import io.cxr4j.core.split.PatientLeakage;
import io.cxr4j.core.split.PlannedFold;
import io.cxr4j.core.split.SplitFile;
import io.cxr4j.core.split.SplitStrategy;
import io.cxr4j.core.training.TrainingCheckpoint;
import io.cxr4j.core.config.TrainingConfig;
import io.cxr4j.core.training.TrainingHistory;
import io.cxr4j.core.training.TrainingRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.ToDoubleFunction;
import java.util.stream.Stream;

/**
 * A stratified k-fold cross-validation, patient-grouped where the data set records patient ids,
 * optionally repeated: each fold trains a new model on the other folds, minus a validation part
 * carved from them, and is tested once; no epoch or threshold is chosen on a test fold. The result
 * holds every fold's numbers, the mean of each metric across folds with a Student-t interval, and
 * per repeat the test folds pooled (every image once, so Wilson and DeLong intervals stay honest).
 *
 * <pre>{@code
 * CrossValidationResult result = CrossValidation.builder(data, config, Path.of("runs/cv")).optFolds(5).build().run();
 * result.writeTo(Path.of("runs/cv"));
 * }</pre>
 *
 * <p>Defaults: {@link Protocol#DEFAULT_FOLDS} folds, 1 repeat (repeat r, from 1, uses the
 * training configuration's seed + r - 1); {@link Protocol#DEFAULT_VALIDATION_FRACTION} of each
 * fold's training part held out as validation data (learning curves, and the threshold with a
 * target sensitivity); patient-level folds when patient ids are known. The folds are saved as
 * {@code output/folds.tsv} (SplitFile format) before the first fold trains, and each fold's model
 * and plots go to {@code output/fold-F} (or {@code repeat-R-fold-F}).
 *
 * <p>With {@link Builder#optGroupBy optGroupBy(FoldGrouping.SOURCE)} each fold holds out one source
 * instead (leave-one-source-out, {@link FoldPlan#bySource}): fold F tests on the F-th source in
 * alphabetical order and trains on the others, which measures what a model does on a source it never
 * saw. A held-out source that lacks a class is warned about ({@link
 * ExperimentWarning.Kind#MISSING_CLASS}) and the fold reports what its images allow, such as
 * sensitivity alone on a source of COVID-19 images only; a source that holds every image of a class
 * is not held out (no model could learn the class without it), which is warned about too.
 *
 * <p>A fresh run refuses an output folder holding an interrupted one; {@link Builder#optResume} continues it, evaluating
 * finished folds without training them again.
 */
public final class CrossValidation {

    private final Builder b;

    private CrossValidation(Builder builder) {
        this.b = builder;
    }

    /**
     * @param data the labelled images
     * @param config how to train each fold's model; its seed seeds the folds too
     * @param output the run's folder
     * @return a builder with the defaults above
     */
    public static Builder builder(ExperimentData data, TrainingConfig config, Path output) {
        return new Builder(data, config, output);
    }

    /**
     * Plans (or reads) the folds, runs the guards, trains and tests every fold.
     *
     * @return the result, with its warnings
     * @throws ExperimentException when the output folder holds an interrupted run this one would
     *     discard, a resumed run's settings differ from its folds', or a target sensitivity has no
     *     validation part to work on
     * @throws IOException when images, the folds file or a model cannot be read or written
     */
    public CrossValidationResult run() throws IOException {
        long start = System.nanoTime();
        CxrEngine engine = b.engine();
        if (!b.resume) {
            checkNoInterruptedRun();
        }
        XrayDataset dataset = b.data.dataset();
        Warnings warnings = new Warnings(b.listener, b.callerWarnings, b.wording);
        warnings.checkData(b.data, b.targetSensitivity);
        DatasetChecksum checksum = DatasetChecksum.of(dataset, b.data.folder());
        FoldPlan plan = plan(dataset, checksum, warnings);
        List<PlannedFold> planned = plan.planned();
        if (plan.grouping() == FoldGrouping.SOURCE) {
            missingClasses(plan, dataset).forEach(w -> warnings.add(ExperimentWarning.Kind.MISSING_CLASS, w));
        }
        if (plan.strategy() == SplitStrategy.PATIENT) {
            warnings.add(ExperimentWarning.Kind.PATIENT_CLUSTERING, PatientLeakage.ungroupedImages(dataset));
        } else {
            warnings.add(ExperimentWarning.Kind.PATIENT_CLUSTERING, PatientLeakage.unknownPatients(dataset));
        }
        XrayDataset tested = dataset.withSamples(dataset.name(), planned.stream()
                .filter(f -> f.repeat() == planned.get(0).repeat()).flatMap(f -> f.test().samples().stream()).toList());
        warnings.add(ExperimentWarning.Kind.PATIENT_CLUSTERING, PatientLeakage.clusteredByPatient(tested));
        sharedPatients(planned).ifPresent(w -> warnings.add(ExperimentWarning.Kind.PATIENT_LEAKAGE, w,
                ExperimentWarning.SPLIT_BY_PATIENT));
        if (b.audit) {
            warnings.audit(b.data, null);
        }
        if (b.targetSensitivity != null) {
            Optional<PlannedFold> without = planned.stream().filter(f -> f.validation() == null).findFirst();
            if (without.isPresent()) {
                String name = without.get().name(plan.repeats());
                throw new ExperimentException(ExperimentException.Reason.NO_VALIDATION_PART, "A target sensitivity"
                        + " needs a validation part to choose the threshold on, but " + name + " of " + source()
                        + " has none (its folds were drawn with validation fraction 0). Drop the target"
                        + " sensitivity, or draw folds with a validation part.", source(), List.of(name), List.of(),
                        0, 0);
            }
        }
        Path foldsPath = b.output.resolve(Protocol.FOLDS_FILE);
        // The earlier run's report describes folds and models that this run replaces from here on.
        for (String earlier : List.of(Protocol.REPORT_FILE, Protocol.MARKDOWN_FILE)) {
            Files.deleteIfExists(b.output.resolve(earlier));
        }
        SplitFile.writeFoldPlan(plan, b.data.folder(), foldsPath);
        b.listener.crossValidationStarted(plan, foldsPath, b.config, engine.name());

        String positive = Protocol.positiveClass(dataset.classNames());
        List<CrossValidationReport.FoldResult> results = new ArrayList<>();
        Map<String, TrainingHistory> histories = new LinkedHashMap<>();
        // Each fold keeps its metrics only; its scores are pooled into its repeat's.
        List<Evaluation> foldEvaluations = new ArrayList<>();
        Map<Integer, RepeatTotals> repeatTotals = new TreeMap<>();
        ModelManifest manifest = null;
        for (PlannedFold fold : planned) {
            String name = fold.name(plan.repeats());
            Path folder = b.output.resolve(name);
            b.listener.foldStarted(fold, name);
            ModelOutcome outcome = ModelRun.run(engine, fold.train(), fold.validation(), true, fold.test(), b.config,
                    b.baseWeights, folder.resolve("model"), b.targetSensitivity, b.resume, b.replace, b.listener);
            manifest = outcome.training().manifest();
            ScoreDistributions scores = outcome.test().scores();
            foldEvaluations.add(scores.evaluation());
            repeatTotals.computeIfAbsent(fold.repeat(), r -> new RepeatTotals()).add(scores, outcome.onTest());
            histories.put(name.replace('-', ' '), outcome.training().history());
            ReportFiles.plots(folder, Map.of(name, outcome.training().history()), "validation", scores);
            RocCurve roc = scores.roc(positive);
            RunReport.OperatingPoints point = RunReport.operatingPoints(b.targetSensitivity, outcome);
            CrossValidationReport.FoldResult result = new CrossValidationReport.FoldResult(name, fold.train().size(),
                    fold.validationSize(), fold.test().size(), outcome.trainingSeconds(),
                    EvaluationSummary.of(scores.evaluation()), roc.auc(), roc.auc95(), point,
                    outcome.training().history().epochs(), RunReport.skips(outcome.skipped()),
                    plan.heldOutSource(fold));
            results.add(result);
            b.listener.foldFinished(result, outcome);
        }

        Map<String, FoldAverage> across = acrossFolds(foldEvaluations, results, positive);
        List<CrossValidationReport.Pooled> pooled = new ArrayList<>();
        repeatTotals.forEach((repeat, totals) -> pooled.add(totals.summary(repeat)));
        // Every repeat tests the same images, so one warning speaks for all.
        warnings.smallTestSet(repeatTotals.values().iterator().next().scores.evaluation().accuracy(),
                " pooled over the test folds" + (repeatTotals.size() > 1 ? " of each repeat" : ""));
        double seconds = (System.nanoTime() - start) / 1e9;
        CrossValidationReport report = new CrossValidationReport(RunReport.toolVersion(), b.arguments,
                warnings.messages(), Instant.now().toString(), engine.name(), RunReport.versions(manifest),
                RunReport.info(b.data, checksum), Protocol.FOLDS_FILE,
                plan.strategy().name().toLowerCase(Locale.ROOT), plan.grouping().name().toLowerCase(Locale.ROOT),
                plan.folds(), plan.repeats(), plan.seed(),
                plan.validationFraction(), b.targetSensitivity, b.config, seconds, results, across, pooled,
                PublishedResults.crossValidation(dataset.name()));
        Map<Integer, ScoreDistributions> scoresByRepeat = new TreeMap<>();
        repeatTotals.forEach((repeat, totals) -> scoresByRepeat.put(repeat, totals.scores));
        return new CrossValidationResult(report, warnings.all(), plan, scoresByRepeat, histories, positive);
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
                    RunReport.Curves.of(scores), points.isEmpty() ? null : OperatingPoint.pooled(points),
                    RunReport.bySource(scores));
        }
    }

    /** The folds file the folds come from, or null when they are drawn now. */
    private Path source() {
        if (b.foldsFile != null) {
            return b.foldsFile;
        }
        if (!b.resume) {
            return null;
        }
        for (String name : List.of(Protocol.FOLDS_FILE, Protocol.LEGACY_FOLDS_FILE)) {
            if (Files.isRegularFile(b.output.resolve(name))) {
                return b.output.resolve(name);
            }
        }
        return null;
    }

    /** The folds to run: from {@link #source()} when there is one, else drawn now. */
    private FoldPlan plan(XrayDataset dataset, DatasetChecksum checksum, Warnings warnings) throws IOException {
        SplitStrategy strategy = b.strategy();
        Path source = source();
        if (source == null) {
            return b.grouping == FoldGrouping.SOURCE
                    ? FoldPlan.bySource(dataset, checksum, b.config.seed(), strategy, b.validationFraction)
                    : FoldPlan.draw(dataset, checksum, b.folds, b.repeats, b.config.seed(), strategy,
                            b.validationFraction);
        }
        FoldPlan plan = SplitFile.readFoldPlan(source, dataset, b.data.folder());
        if (b.foldsFile == null) {
            checkSamePlan(plan, strategy, dataset);
        }
        if (!plan.datasetChecksum().equals(checksum)) {
            warnings.add(ExperimentWarning.Kind.SPLIT_FILE, "The data set's checksum differs from the one the folds"
                    + " were drawn on (" + plan.datasetChecksum().sha256() + "); images were added, removed or"
                    + " changed.");
        }
        b.listener.foldsRead(source, plan.planned().size(), b.foldsFile == null);
        return plan;
    }

    /** Refuses to resume the saved folds with settings that would have drawn other ones. */
    private void checkSamePlan(FoldPlan saved, SplitStrategy strategy, XrayDataset dataset) {
        List<ExperimentException.PlanDifference> differences = new ArrayList<>();
        if (saved.grouping() != b.grouping) {
            differences.add(new ExperimentException.PlanDifference("groupBy",
                    saved.grouping().name().toLowerCase(Locale.ROOT), b.grouping.name().toLowerCase(Locale.ROOT)));
        }
        // Leave-one-source-out has a fold per source it can hold out, whatever the folds setting says.
        int folds = b.grouping == FoldGrouping.SOURCE ? FoldPlan.holdableSources(dataset).size() : b.folds;
        if (saved.folds() != folds) {
            differences.add(new ExperimentException.PlanDifference("folds", "" + saved.folds(), "" + folds));
        }
        if (saved.repeats() != b.repeats) {
            differences.add(new ExperimentException.PlanDifference("repeats", "" + saved.repeats(), "" + b.repeats));
        }
        if (saved.seed() != b.config.seed()) {
            differences.add(new ExperimentException.PlanDifference("seed", "" + saved.seed(), "" + b.config.seed()));
        }
        if (saved.strategy() != strategy) {
            differences.add(new ExperimentException.PlanDifference("strategy",
                    saved.strategy().name().toLowerCase(Locale.ROOT), strategy.name().toLowerCase(Locale.ROOT)));
        }
        if (saved.validationFraction() != b.validationFraction) {
            differences.add(new ExperimentException.PlanDifference("validationFraction",
                    "" + saved.validationFraction(), "" + b.validationFraction));
        }
        if (!differences.isEmpty()) {
            throw new ExperimentException(ExperimentException.Reason.OTHER_PLAN, "The interrupted run in " + b.output
                    + " drew its folds with other settings: " + differences.stream().map(d -> d.setting() + " "
                    + d.saved() + " (now " + d.now() + ")").toList() + ". Resume with exactly its settings (its folds"
                    + " are in " + source() + "), or, to start afresh, delete " + b.output + " or choose another"
                    + " output folder.", b.output, List.of(), differences, 0, 0);
        }
    }

    /**
     * Refuses, before any fold is trained again, an output folder holding an interrupted run: one
     * with a fold stopped before its last epoch, or with trained folds but no final report (killed
     * between folds). A fresh run would train the finished folds again.
     */
    private void checkNoInterruptedRun() throws IOException {
        if (!Files.isDirectory(b.output)) {
            return;
        }
        List<Path> trained;
        try (Stream<Path> folders = Files.list(b.output)) {
            trained = folders.filter(f -> Files.isDirectory(TrainingRequest.checkpointDirectoryOf(f.resolve("model"))))
                    .sorted().toList();
        }
        for (Path fold : trained) {
            Path checkpoints = TrainingRequest.checkpointDirectoryOf(fold.resolve("model"));
            Optional<TrainingCheckpoint> found;
            try {
                found = TrainingCheckpoint.read(checkpoints);
            } catch (IOException | RuntimeException unreadable) {
                continue; // an unreadable checkpoint holds nothing to resume, so a fresh start may replace it
            }
            Optional<TrainingCheckpoint> stopped = found.filter(c -> c.config() != null
                    && c.epoch() < c.config().epochs());
            if (stopped.isPresent()) {
                TrainingCheckpoint c = stopped.get();
                throw new ExperimentException(ExperimentException.Reason.INTERRUPTED_FOLD, checkpoints + " holds an"
                        + " interrupted fold, stopped after epoch " + c.epoch() + " of " + c.config().epochs()
                        + ". Continue the cross-validation with its settings and optResume(true), or, to start"
                        + " afresh, delete " + checkpoints + " or choose another output folder.", checkpoints,
                        List.of(fold.getFileName().toString()), List.of(), c.epoch(), c.config().epochs());
            }
        }
        boolean foldsSaved = Files.isRegularFile(b.output.resolve(Protocol.FOLDS_FILE))
                || Files.isRegularFile(b.output.resolve(Protocol.LEGACY_FOLDS_FILE));
        if (!trained.isEmpty() && foldsSaved && !Files.exists(b.output.resolve(Protocol.REPORT_FILE))) {
            throw new ExperimentException(ExperimentException.Reason.UNREPORTED_RUN, b.output + " holds a"
                    + " cross-validation that stopped before its report (" + trained.size() + " fold(s) trained,"
                    + " such as " + trained.get(0).getFileName() + "). Continue it with its settings and"
                    + " optResume(true), which does not train finished folds again, or, to start afresh, delete "
                    + b.output + " or choose another output folder.", b.output,
                    trained.stream().map(f -> f.getFileName().toString()).toList(), List.of(), 0, 0);
        }
    }

    /**
     * What leave-one-source-out cannot measure: classes a held-out source lacks (their sensitivity,
     * and the specificity and AUC that need them, are undefined there) and sources it cannot hold out.
     */
    private static List<String> missingClasses(FoldPlan plan, XrayDataset dataset) {
        List<String> messages = new ArrayList<>();
        for (PlannedFold fold : plan.planned()) {
            String name = fold.name(plan.repeats());
            String source = plan.heldOutSource(fold);
            List<String> untested = absent(fold.test());
            if (!untested.isEmpty()) {
                List<String> present = fold.test().classNames().stream().filter(c -> !untested.contains(c)).toList();
                String measured = String.join(" and ", present.stream().map(c -> c + " sensitivity").toList());
                messages.add(name + " holds out source '" + source + "', which has no " + String.join(" or ", untested)
                        + " images, so the fold measures " + (present.size() == 1 ? measured + " alone (its accuracy"
                                + " and balanced accuracy are that sensitivity; specificity and AUC are undefined there"
                                + " and left out of the means across folds)" : measured + " and the AUCs its classes"
                                + " allow") + "; the pooled results count its images.");
            }
        }
        List<String> holdable = FoldPlan.holdableSources(dataset);
        for (String source : FoldPlan.sources(dataset)) {
            if (!holdable.contains(source)) {
                XrayDataset of = dataset.filter(s -> source.equals(s.source()));
                List<String> only = of.classNames().stream().filter(c -> of.countsPerClass().get(c) > 0
                        && of.countsPerClass().get(c).equals(dataset.countsPerClass().get(c))).toList();
                messages.add("Source '" + source + "' is not held out: it holds every " + String.join(" and ", only)
                        + " image, so a model trained without it could never learn " + (only.size() == 1 ? "that class"
                        : "those classes") + ". Its " + of.size() + " images train every fold and are in no test"
                        + " fold, so the pooled results leave them out; join a data set with " + String.join(" or ",
                        only) + " images of another source to test on it.");
            }
        }
        return messages;
    }

    /** @return the classes of a part without images */
    private static List<String> absent(XrayDataset part) {
        Map<String, Integer> counts = part.countsPerClass();
        return part.classNames().stream().filter(c -> counts.get(c) == 0).toList();
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

    /** The per-fold counterpart of a train/test run's check: patients on both sides of a fold's split. */
    private static Optional<String> sharedPatients(List<PlannedFold> planned) {
        Set<String> shared = new TreeSet<>();
        int folds = 0;
        for (PlannedFold fold : planned) {
            Set<String> inFold = new TreeSet<>(PatientLeakage.sharedPatients(fold.train(), fold.test()));
            if (fold.validation() != null) {
                inFold.addAll(PatientLeakage.sharedPatients(fold.validation(), fold.test()));
            }
            shared.addAll(inFold);
            folds += inFold.isEmpty() ? 0 : 1;
        }
        if (shared.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(shared.size() + " patient(s) have images on both sides of the split in " + folds + " of "
                + planned.size() + " folds, such as " + shared.iterator().next() + ": the test folds' scores are"
                + " inflated by patient leakage.");
    }

    /** Settings of a {@link CrossValidation}; every one has the default the class describes. */
    public static final class Builder extends TrainingExperimentBuilder<Builder> {
        private int folds = Protocol.DEFAULT_FOLDS;
        private int repeats = 1;
        private double validationFraction = Protocol.DEFAULT_VALIDATION_FRACTION;
        private Path foldsFile;
        private FoldGrouping grouping = FoldGrouping.STRATIFIED;

        private Builder(ExperimentData data, TrainingConfig config, Path output) {
            super(data, config, output);
        }

        @Override
        Builder self() {
            return this;
        }

        /** @param folds folds per repeat, at least 2; default {@link Protocol#DEFAULT_FOLDS} */
        public Builder optFolds(int folds) {
            if (folds < 2) {
                throw new IllegalArgumentException("A cross-validation needs at least 2 folds (5 is usual), was "
                        + folds);
            }
            this.folds = folds;
            return this;
        }

        /** @param repeats how often to draw the k-fold partition, with seeds seed..seed+repeats-1; default 1 */
        public Builder optRepeats(int repeats) {
            if (repeats < 1) {
                throw new IllegalArgumentException("A cross-validation needs at least 1 repeat, was " + repeats);
            }
            this.repeats = repeats;
            return this;
        }

        /**
         * @param validationFraction share of each fold's training part held out as validation, in
         *     [0, 1); default {@link Protocol#DEFAULT_VALIDATION_FRACTION}
         */
        public Builder optValidationFraction(double validationFraction) {
            if (!(validationFraction >= 0 && validationFraction < 1)) {
                throw new IllegalArgumentException("The validation fraction must be in [0, 1), was "
                        + validationFraction);
            }
            this.validationFraction = validationFraction;
            return this;
        }

        /**
         * @param foldsFile folds saved by an earlier run (its {@code folds.tsv}, or the
         *     {@code folds.json} of earlier versions) to rerun instead of drawing new ones; folds,
         *     repeats, strategy and validation fraction then come from the file
         */
        public Builder optFoldsFile(Path foldsFile) {
            this.foldsFile = foldsFile;
            return this;
        }

        /**
         * @param grouping {@link FoldGrouping#SOURCE} for one fold per source (leave-one-source-out:
         *     a fold per source it can hold out, and one repeat); default {@link
         *     FoldGrouping#STRATIFIED}, stratified k-fold
         */
        public Builder optGroupBy(FoldGrouping grouping) {
            this.grouping = Objects.requireNonNull(grouping, "grouping");
            return this;
        }

        /** @return the cross-validation */
        public CrossValidation build() {
            if (grouping == FoldGrouping.SOURCE && repeats > 1) {
                throw new IllegalArgumentException("Leave-one-source-out (" + FoldGrouping.SOURCE_CALL + ") holds"
                        + " out each source once, so its folds do not depend on a seed and repeats would train the"
                        + " same folds again; use 1 repeat, was " + repeats + ".");
            }
            if (targetSensitivity != null && foldsFile == null && validationFraction == 0) {
                throw new IllegalArgumentException("A target sensitivity needs validation data to choose the"
                        + " threshold on; use a validation fraction above 0 (e.g. 0.1). The test data is never"
                        + " used for it.");
            }
            return new CrossValidation(this);
        }
    }
}
