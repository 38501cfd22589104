package io.cxr4j.spark.cli;

import io.cxr4j.core.metrics.EvaluationReport;
import io.cxr4j.core.metrics.ClassificationReport;
import io.cxr4j.core.metrics.SourceBreakdown;
import io.cxr4j.core.report.MarkdownTables;
import io.cxr4j.core.inference.XrayClassifier;
import io.cxr4j.dataset.DatasetRegistry;
import io.cxr4j.dataset.LabelMap;
import io.cxr4j.experiment.EvaluationResult;
import io.cxr4j.experiment.ExperimentData;
import io.cxr4j.experiment.ModelEvaluation;
import io.cxr4j.experiment.Protocol;
import io.cxr4j.spark.ImageTables;
import io.cxr4j.spark.PredictionTable;
import io.cxr4j.spark.SparkClassifier;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code cxr4j-spark}: classify or evaluate image collections on Apache Spark. Run with {@code java
 * -jar} it starts Spark in local mode on every core; under {@code spark-submit} it runs on the
 * cluster that command names.
 */
@Command(name = "cxr4j-spark", mixinStandardHelpOptions = true,
        subcommands = {SparkCommand.Predict.class, SparkCommand.Evaluate.class},
        description = "Classify and evaluate chest X-rays on Apache Spark (local mode unless run by spark-submit).")
public final class SparkCommand {

    SparkCommand() {}

    /**
     * Runs the command line.
     *
     * @param args the arguments
     */
    public static void main(String[] args) {
        System.setProperty("ai.djl.offline", System.getProperty("ai.djl.offline", "true"));
        System.exit(new CommandLine(new SparkCommand()).execute(args));
    }

    /** Options every subcommand shares. */
    abstract static class Common {
        @Spec
        CommandSpec spec;

        @Option(names = "--model", required = true, paramLabel = "DIR", description = "A model directory written by cxr4j.")
        Path model;

        @Option(names = "--data", paramLabel = "PATH", description = "Images: a folder (one subfolder"
                + " per class), a CSV manifest (.csv: path, label, patient_id, view, source) or a Parquet table"
                + " (.parquet) with a path column; any Hadoop file system URI.")
        String data;

        @Option(names = "--master", paramLabel = "URL", description = "Spark master when not run by spark-submit."
                + " Default: local[*].")
        String master;

        @Option(names = "--batch-size", defaultValue = "16", description = "Images per engine call. Default: ${DEFAULT-VALUE}.")
        int batchSize;

        SparkSession session() {
            SparkConf conf = new SparkConf();
            SparkSession.Builder builder = SparkSession.builder().appName("cxr4j-spark " + spec.name());
            if (master != null) {
                builder.master(master);
            } else if (!conf.contains("spark.master")) {
                builder.master("local[*]");
            }
            return builder.getOrCreate();
        }

        Dataset<Row> images(SparkSession spark) {
            String lower = data.toLowerCase(Locale.ROOT);
            if (lower.endsWith(".csv")) {
                return ImageTables.manifest(spark, data);
            }
            if (lower.endsWith(".parquet")) {
                return ImageTables.parquet(spark, data);
            }
            return ImageTables.folder(spark, data);
        }
    }

    /** {@code predict}: one row per image, written with Spark's writers. */
    @Command(name = "predict", mixinStandardHelpOptions = true, description = "Classifies every image and writes"
            + " one row per image: path, prediction, one probability per class, and the problem of any image that"
            + " could not be read.")
    static final class Predict extends Common implements Callable<Integer> {

        @Option(names = "--output", required = true, paramLabel = "DIR", description = "Folder to write the table to.")
        String output;

        @Option(names = "--format", defaultValue = "parquet", description = "parquet or csv. Default: ${DEFAULT-VALUE}.")
        String format;

        @Override
        public Integer call() throws Exception {
            if (!format.equals("parquet") && !format.equals("csv")) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--format must be parquet or csv, was "
                        + format);
            }
            PrintWriter out = spec.commandLine().getOut();
            try (SparkSession spark = session()) {
                SparkClassifier classifier = SparkClassifier.builder(spark, model).optBatchSize(batchSize).build();
                Dataset<Row> predictions = classifier.predict(images(spark));
                predictions.write().mode(SaveMode.ErrorIfExists).option("header", "true").format(format).save(output);
                Dataset<Row> written = spark.read().option("header", "true").option("inferSchema", "false")
                        .format(format).load(output);
                long total = written.count();
                long problems = written.filter(written.col(PredictionTable.PROBLEM_KIND).isNotNull()).count();
                out.printf("%d images classified, %d could not be read; predictions in %s (%s)%n", total - problems,
                        problems, output, format);
                return problems == 0 ? 0 : 3;
            }
        }
    }

    /**
     * {@code evaluate}: for a folder or a named data set, the report {@code cxr4j evaluate} gives
     * (guards, warnings, intervals, curves), scored on Spark; for a CSV or Parquet list, the
     * classification report merged from the partitions.
     */
    @Command(name = "evaluate", mixinStandardHelpOptions = true, description = "Scores a model on labelled images"
            + " and prints the classification report with sensitivity, specificity and 95%% intervals; with a"
            + " folder or --dataset, the full report of 'cxr4j evaluate', written to --output when given.")
    static final class Evaluate extends Common implements Callable<Integer> {

        @Option(names = "--dataset", paramLabel = "NAME", description = "A named data set (seed, darkcovidnet,"
                + " hannover) under CXR4J_DATA_DIR, instead of --data.")
        String dataset;

        @Option(names = "--output", paramLabel = "DIR", description = "Write report.json, report.md and plots here.")
        Path output;

        @Override
        public Integer call() throws Exception {
            if ((dataset == null) == (data == null)) {
                throw new CommandLine.ParameterException(spec.commandLine(), "Give either --data or --dataset.");
            }
            PrintWriter out = spec.commandLine().getOut();
            String lower = data == null ? "" : data.toLowerCase(Locale.ROOT);
            try (SparkSession spark = session()) {
                SparkClassifier classifier = SparkClassifier.builder(spark, model).optBatchSize(batchSize).build();
                if (lower.endsWith(".csv") || lower.endsWith(".parquet")) {
                    EvaluationReport report = classifier.evaluate(images(spark), data);
                    out.printf("Classification report on %d images of '%s'%n%n", report.evaluation().testSize(), data);
                    out.println(ClassificationReport.format(report.scores()));
                    SourceBreakdown bySource = SourceBreakdown.of(report.scores(),
                            Protocol.positiveClass(report.scores().classNames()));
                    if (!bySource.sources().isEmpty()) {
                        out.println("By source:");
                        out.println();
                        out.println(MarkdownTables.bySource(bySource));
                    }
                    report.skipped().forEach(s -> out.printf("  skipped %s: %s%n", s.image(), s.reason()));
                    return report.skipped().isEmpty() ? 0 : 3;
                }
                try (XrayClassifier local = XrayClassifier.load(model)) {
                    LabelMap labels = local.classNames().size() == 3 ? LabelMap.threeClass() : LabelMap.binary();
                    DatasetRegistry registry = DatasetRegistry.create();
                    ExperimentData loaded = ExperimentData.of(dataset != null ? registry.load(dataset, labels)
                            : registry.load(Path.of(data), labels));
                    EvaluationResult result = ModelEvaluation.builder(local, loaded).optScorer(classifier.scorer())
                            .optArguments(spec.commandLine().getParseResult().originalArgs()).build().run();
                    result.warnings().forEach(w -> out.println("WARNING: " + w.message()));
                    out.println(result.toMarkdown());
                    if (output != null) {
                        out.printf("Report: %s%n", result.writeTo(output).toAbsolutePath());
                    }
                    return result.evaluation().skipped().isEmpty() ? 0 : 3;
                }
            }
        }
    }
}
