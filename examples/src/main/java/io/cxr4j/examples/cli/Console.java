package io.cxr4j.examples.cli;

import io.cxr4j.core.data.Sample;
import io.cxr4j.core.data.SkippedImage;
import io.cxr4j.core.data.XrayDataset;
import io.cxr4j.core.metrics.EvaluationReport;
import io.cxr4j.core.metrics.Calibration;
import io.cxr4j.core.metrics.ClassificationReport;
import io.cxr4j.core.metrics.ConfidenceInterval;
import io.cxr4j.core.metrics.Evaluation;
import io.cxr4j.core.metrics.OperatingPoint;
import io.cxr4j.core.model.ChosenThreshold;
import io.cxr4j.core.metrics.PrecisionRecallCurve;
import io.cxr4j.core.metrics.Proportion;
import io.cxr4j.core.metrics.RocCurve;
import io.cxr4j.core.metrics.ScoreDistributions;
import io.cxr4j.core.report.MarkdownTables;
import io.cxr4j.core.split.TrainTestSplit;
import io.cxr4j.core.training.EpochResult;
import io.cxr4j.core.training.TrainingHistory;
import io.cxr4j.dataset.IgnoredFolder;
import io.cxr4j.dataset.SkippedFile;
import io.cxr4j.experiment.ExperimentData;
import io.cxr4j.experiment.ModelOutcome;
import io.cxr4j.experiment.Protocol;
import io.cxr4j.experiment.RunReport;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import picocli.CommandLine.ParseResult;

/** What the command-line tool prints: data, split, training history and the trusted report. */
final class Console {

    private final PrintWriter out;

    Console(PrintWriter out) {
        this.out = out;
    }

    PrintWriter out() {
        return out;
    }

    void dataset(ExperimentData loaded) {
        XrayDataset d = loaded.dataset();
        out.printf("Data set '%s' (%s): %d images, %s%n", d.name(), loaded.folder().toAbsolutePath(), d.size(),
                counts(d.countsPerClass()));
        long withPatient = d.samples().stream().filter(s -> s.patientId() != null).count();
        long patients = d.samples().stream().map(Sample::patientId).filter(p -> p != null).distinct().count();
        if (withPatient > 0) {
            out.printf("  patient ids known for %d images (%d patients)%n", withPatient, patients);
        }
        for (IgnoredFolder f : loaded.ignoredFolders()) {
            out.printf("  left out folder %s (%s)%n", f.folder(), f.dropped() ? "not in this label set" : "unknown class");
        }
        for (SkippedFile f : loaded.skipped()) {
            out.printf("  skipped %s: %s%n", f.path(), f.reason());
        }
        out.flush();
    }

    void split(TrainTestSplit split) {
        double testFraction = (double) split.test().size() / (split.train().size() + split.test().size());
        out.printf("Split %s-level, %.0f/%.0f, seed %d: train %d (%s), test %d (%s)%n",
                split.strategy().name().toLowerCase(Locale.ROOT), 100 * (1 - testFraction), 100 * testFraction,
                split.seed(), split.train().size(), counts(split.train().countsPerClass()),
                split.test().size(), counts(split.test().countsPerClass()));
        out.flush();
    }

    /** The history's note when the held-out columns are a validation part carved from the training data. */
    static final String CARVED_NOTE = "(held-out = the validation part carved from the training data; the test data"
            + " is not scored until training ends)";

    /** The history's note when the held-out columns are the test split. */
    static final String TEST_NOTE = "(held-out = the test split, shown for the learning curves only: no epoch or"
            + " threshold is chosen on it)";

    /** @param heldOutNote what the held-out columns are, such as {@link #CARVED_NOTE} */
    void history(TrainingHistory history, String heldOutNote) {
        out.println();
        out.println("epoch  train loss  train acc  held-out loss  held-out acc  seconds");
        for (EpochResult e : history.epochs()) {
            out.printf(Locale.ROOT, "%5d  %10.4f  %9.3f  %13.4f  %12.3f  %7.1f%n", e.epoch(), e.trainLoss(),
                    e.trainAccuracy(), e.validationLoss(), e.validationAccuracy(), e.seconds());
        }
        out.println(heldOutNote);
        out.flush();
    }

    /** Prints the classification report, the score summary and, on the seed set, the seed comparison. */
    void evaluation(EvaluationReport report, String datasetName) {
        Evaluation e = report.evaluation();
        out.println();
        out.printf("Classification report on %d test images of '%s'%n%n", e.testSize(), report.datasetName());
        out.println(ClassificationReport.format(e));
        String positive = Protocol.positiveClass(e.confusionMatrix().classNames());
        scoreSummary(report.scores(), positive);
        if ("seed".equals(datasetName)) {
            out.println();
            out.printf("%-12s %-38s %s%n", "", "cxr4j, this run", "seed project (published, n = 15)");
            out.printf("%-12s %-38s %s%n", "accuracy", rate(e.accuracy()), "93%");
            out.printf("%-12s %-38s %s%n", "sensitivity", rate(e.sensitivity(positive)), "100%");
            out.printf("%-12s %-38s %s%n", "specificity", rate(e.specificity(positive)), "88%");
        }
        out.flush();
    }

    /**
     * Prints the images a run left out.
     *
     * @param skipped every image the run could not read: at evaluation, and for train also in training
     */
    void skipped(List<SkippedImage> skipped) {
        if (!skipped.isEmpty()) {
            out.printf("%d unreadable image(s) left out:%n", skipped.size());
        }
        for (SkippedImage s : skipped) {
            out.printf("  skipped %s: %s%n", s.image(), s.reason());
        }
        out.flush();
    }

    /** AUC with its interval and average precision per class (the positive class alone for two), and calibration. */
    private void scoreSummary(ScoreDistributions scores, String positive) {
        List<String> classes = scores.classNames();
        for (int c = 0; c < classes.size(); c++) {
            if (classes.size() == 2 && !classes.get(c).equals(positive)) {
                continue;
            }
            RocCurve roc = scores.rocCurves().get(c);
            PrecisionRecallCurve pr = scores.precisionRecallCurves().get(c);
            ConfidenceInterval ci = roc.auc95();
            out.printf(Locale.ROOT, "%s vs rest: AUC %s, average precision %s (chance %.3f)%n", classes.get(c),
                    MarkdownTables.fixed(roc.auc(), 3) + (ci == null ? noIntervalReason(roc)
                            : String.format(Locale.ROOT, " (95%% CI %.3f-%.3f, DeLong)", ci.lower(), ci.upper())),
                    MarkdownTables.fixed(pr.averagePrecision(), 3), pr.prevalence());
        }
        Calibration calibration = scores.calibration(Protocol.CALIBRATION_BINS);
        out.printf("Expected calibration error %s (%d bins)%n",
                MarkdownTables.fixed(calibration.expectedCalibrationError(), 3), Protocol.CALIBRATION_BINS);
    }

    private static String noIntervalReason(RocCurve roc) {
        if (Double.isNaN(roc.auc())) {
            return "";
        }
        return roc.positives() < 2 || roc.negatives() < 2 ? " (no interval: too few images of a class)"
                : " (no DeLong interval: the scores separate the classes perfectly or are all tied)";
    }

    void operatingPoint(ModelOutcome outcome) {
        if (outcome.onTest() == null) {
            return;
        }
        OperatingPoint chosen = outcome.chosenOnValidation();
        OperatingPoint test = outcome.onTest();
        out.println();
        ChosenThreshold recorded = outcome.training().manifest().chosenThreshold();
        out.printf(Locale.ROOT, "Threshold p(%s) >= %s, chosen on validation data%s (sensitivity %s there)%n",
                chosen.positiveClass(), MarkdownTables.threshold(chosen.threshold()),
                recorded == null || recorded.carvedFromTraining() ? ""
                        : " '" + recorded.validationData() + "'" + (recorded.fromUnseenSources()
                                ? ", of sources the model did not train on" : ", which shares sources with training"),
                rate(chosen.sensitivity()));
        out.printf("  on test data: sensitivity %s, specificity %s%n", rate(test.sensitivity()),
                rate(test.specificity()));
        out.flush();
    }

    /** Prints the model's recorded threshold on the evaluated images, when it has one. */
    void recordedThreshold(RunReport.OperatingPoints points) {
        if (points == null) {
            return;
        }
        ChosenThreshold chosen = points.chosenOn();
        OperatingPoint here = points.test();
        out.println();
        out.printf(Locale.ROOT, "At the model's threshold p(%s) >= %s (chosen on '%s' for sensitivity %s%s):%n",
                chosen.positiveClass(), MarkdownTables.threshold(chosen.threshold()), chosen.validationData(),
                MarkdownTables.fixed(chosen.targetSensitivity(), 2),
                chosen.carvedFromTraining() ? ", carved from its training data" : "");
        out.printf("  sensitivity %s, specificity %s%n", rate(here.sensitivity()), rate(here.specificity()));
        out.flush();
    }

    /**
     * The warnings about each of these options the user gave although something else overrides
     * them, for the experiment to carry (and print through its listener).
     *
     * @param because what decides instead, e.g. "the split comes from FILE."
     */
    static List<String> ignored(ParseResult parsed, List<String> options, String because) {
        return options.stream().filter(parsed::hasMatchedOption).map(o -> o + " is ignored: " + because).toList();
    }

    /** Prints a warning in the command line's words ({@link CommandLineTerms}). */
    void warning(String message) {
        out.println("WARNING: " + CommandLineTerms.translate(message));
        out.flush();
    }

    static String rate(Proportion p) {
        if (p.trials() == 0) {
            return "n/a (0/0)";
        }
        ConfidenceInterval ci = p.wilson95();
        return String.format(Locale.ROOT, "%.1f%% (95%% CI %.1f-%.1f%%, %d/%d)",
                100 * p.value(), 100 * ci.lower(), 100 * ci.upper(), p.successes(), p.trials());
    }

    private static String counts(Map<String, Integer> counts) {
        return counts.entrySet().stream().map(en -> en.getKey() + " " + en.getValue())
                .collect(Collectors.joining(", "));
    }
}
