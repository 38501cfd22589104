package io.cxr4j.examples.cli;

import ai.djl.training.util.ProgressBar;
import io.cxr4j.core.data.SkippedImage;
import io.cxr4j.core.data.XrayDataset;
import io.cxr4j.core.metrics.EvaluationReport;
import io.cxr4j.core.metrics.Evaluation;
import io.cxr4j.core.metrics.RocCurve;
import io.cxr4j.core.metrics.ScoreDistributions;
import io.cxr4j.core.report.MarkdownTables;
import io.cxr4j.core.split.FoldGrouping;
import io.cxr4j.core.split.FoldPlan;
import io.cxr4j.core.split.PlannedFold;
import io.cxr4j.core.split.TrainTestSplit;
import io.cxr4j.core.config.Precision;
import io.cxr4j.core.config.TrainingConfig;
import io.cxr4j.experiment.CrossValidationReport;
import io.cxr4j.experiment.ExperimentListener;
import io.cxr4j.experiment.ExperimentWarning;
import io.cxr4j.experiment.ModelOutcome;
import io.cxr4j.experiment.Protocol;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Prints an experiment as it runs, in the command-line tool's words: warnings name the options
 * that address them.
 */
class ConsoleListener implements ExperimentListener {

    private final Console console;
    private final PrintWriter out;
    private final String datasetName;
    private final List<String> classNames;
    /** What the history's held-out columns are. */
    private String heldOutNote = Console.TEST_NOTE;
    private FoldPlan plan;
    private ProgressBar bar;

    /**
     * @param console where to print
     * @param dataset the data set the experiment runs on
     */
    ConsoleListener(Console console, XrayDataset dataset) {
        this.console = console;
        this.out = console.out();
        this.datasetName = dataset.name();
        this.classNames = dataset.classNames();
    }

    @Override
    public void warning(ExperimentWarning warning) {
        console.warning(text(warning));
    }

    /** The warning as the tool words it: advice in terms of its options. */
    private String text(ExperimentWarning warning) {
        switch (warning.kind()) {
            case POSITIVE_CLASS:
                return "No class is named covid: --target-sensitivity sets the threshold on p("
                        + Protocol.positiveClass(classNames) + "), the first class of " + classNames
                        + ", and reports its sensitivity.";
            default:
                return warning.message();
        }
    }

    @Override
    public void auditFinished(int findings) {
        if (findings > 0) {
            out.println("  (cxr4j audit with the same --data or --dataset and --labels lists the files behind"
                    + " each finding)");
        }
    }

    @Override
    public void splitReady(TrainTestSplit split) {
        console.split(split);
    }

    @Override
    public void validationGiven(XrayDataset validation) {
        heldOutNote = "(held-out = the validation data '" + validation.name() + "', apart from the training data;"
                + " the test data is not scored until training ends)";
    }

    @Override
    public void validationCarved(int validation, int train) {
        heldOutNote = Console.CARVED_NOTE;
        out.printf("Validation part (threshold choice and learning curves), carved from the training part:"
                + " %d images; training on %d%n", validation, train);
    }

    @Override
    public void trainingStarted(TrainingConfig config, String engine) {
        out.printf("Training %s with the %s engine for %d epoch%s (batch %d, Adam %s, %s schedule%s)%n",
                config.architecture(), engine, config.epochs(), config.epochs() == 1 ? "" : "s",
                config.batchSize(), config.learningRate(), config.schedule().name().toLowerCase(Locale.ROOT),
                config.precision() == Precision.FLOAT32 ? "" : ", " + config.precision().name().toLowerCase(Locale.ROOT));
        out.flush();
    }

    @Override
    public void modelTrained(ModelOutcome outcome) {
        console.history(outcome.training().history(), heldOutNote);
    }

    @Override
    public void evaluated(EvaluationReport report) {
        console.evaluation(report, datasetName);
    }

    @Override
    public void finished(List<SkippedImage> skipped, ModelOutcome outcome) {
        console.skipped(skipped);
        if (outcome != null) {
            console.operatingPoint(outcome);
        }
    }

    @Override
    public void foldsRead(Path source, int folds, boolean resuming) {
        out.printf("%s the %d folds of %s%n", resuming ? "Resuming" : "Rerunning", folds, source.toAbsolutePath());
    }

    @Override
    public void crossValidationStarted(FoldPlan plan, Path foldsFile, TrainingConfig config, String engine) {
        this.plan = plan;
        out.printf("Cross-validating %s with the %s engine: %d fold(s)%s x %d repeat(s)%s, %s-level, %d epoch%s,"
                + " image %d; folds in %s%n", config.architecture(), engine, plan.folds(),
                plan.grouping() == FoldGrouping.SOURCE ? " (one per source)" : "", plan.repeats(),
                plan.partial() ? ", of which the folds file lists " + plan.planned().size() : "",
                plan.strategy().name().toLowerCase(Locale.ROOT), config.epochs(), config.epochs() == 1 ? "" : "s",
                config.preprocessing().imageSize(), foldsFile.toAbsolutePath());
        out.flush();
    }

    @Override
    public void foldStarted(PlannedFold fold, String name) {
        String heldOut = plan == null ? null : plan.heldOutSource(fold);
        out.printf("%n== %s%s: train %d, validation %d, test %d%n", name,
                heldOut == null ? "" : " (held-out source: " + heldOut + ")", fold.train().size(),
                fold.validationSize(), fold.test().size());
        out.flush();
    }

    @Override
    public void foldFinished(CrossValidationReport.FoldResult result, ModelOutcome outcome) {
        ScoreDistributions scores = outcome.test().scores();
        String positive = Protocol.positiveClass(scores.classNames());
        Evaluation e = scores.evaluation();
        RocCurve roc = scores.roc(positive);
        out.printf(Locale.ROOT, "%s: accuracy %s, %s sensitivity %s, specificity %s, AUC %s, trained in %.0f s%n",
                result.name(), Console.rate(e.accuracy()), positive, Console.rate(e.sensitivity(positive)),
                Console.rate(e.specificity(positive)), MarkdownTables.auc(roc), result.trainingSeconds());
        result.skippedImages().forEach(s -> out.printf("  skipped %s: %s%n", s.path(), s.reason()));
        console.operatingPoint(outcome);
    }

    @Override
    public void scoring(int done, int total) {
        // Drawn from the first finished batch on, so that an error the evaluator raises before
        // predicting (labels the model does not know) is not printed on the bar's line.
        if (bar == null) {
            bar = new ProgressBar("Evaluating", total);
            bar.start(0);
        }
        bar.update(done);
    }

    @Override
    public void scoringFinished() {
        if (bar != null) {
            bar.end();
            bar = null;
        }
    }
}
