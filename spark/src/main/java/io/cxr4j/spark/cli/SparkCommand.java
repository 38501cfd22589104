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
import io.cxr4j.core.explain.ExplanationUnsupportedException;
import io.cxr4j.spark.ExplanationTable;
import io.cxr4j.spark.ImageTables;
import io.cxr4j.spark.PredictionTable;
import io.cxr4j.spark.SparkClassifier;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
        subcommands = {SparkCommand.Predict.class, SparkCommand.Evaluate.class, SparkCommand.Explain.class},
        description = "Classify, evaluate and explain chest X-rays on Apache Spark (local mode unless run by spark-submit).")
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

    /** {@code explain}: Grad-CAM heat maps of a listed subset, written as files, and a row per image. */
    @Command(name = "explain", mixinStandardHelpOptions = true, description = "Explains the prediction of each"
            + " listed image with a Grad-CAM heat map: writes <name>-<hash>.gradcam.png (the heat map over the X-ray)"
            + " and <name>-<hash>.gradcam.npy (the raw map over the model's input) into --output, with"
            + " explanations/ (CSV, a row per image, and the problem of any image that could not be read).")
    static final class Explain extends Common implements Callable<Integer> {

        @Option(names = "--images", required = true, paramLabel = "LIST", description = "A text file listing the"
                + " images of --data to explain, one per line: absolute paths, URIs, or paths relative to the"
                + " list's folder. Blank lines and lines starting with # are ignored.")
        Path images;

        @Option(names = "--output", required = true, paramLabel = "DIR", description = "Folder for the heat maps"
                + " and the table; every executor must be able to write to it.")
        String output;

        @Override
        public Integer call() throws Exception {
            if (data == null) {
                throw new CommandLine.ParameterException(spec.commandLine(), "Give --data: the images to explain"
                        + " are listed by --images among them.");
            }
            PrintWriter out = spec.commandLine().getOut();
            List<String> listed = listedImages();
            try (XrayClassifier local = XrayClassifier.load(model)) {
                if (!local.canExplain()) {
                    throw new ExplanationUnsupportedException(local.manifest().engine(),
                            local.manifest().architecture());
                }
            }
            try (SparkSession spark = session()) {
                org.apache.hadoop.fs.Path table = new org.apache.hadoop.fs.Path(output, "explanations");
                if (table.getFileSystem(spark.sparkContext().hadoopConfiguration()).exists(table)) {
                    throw new CommandLine.ParameterException(spec.commandLine(), table + " exists already, from an"
                            + " earlier run: pass another --output, or remove it.");
                }
                SparkClassifier classifier = SparkClassifier.builder(spark, model).optBatchSize(batchSize).build();
                Dataset<Row> subset;
                try {
                    subset = ImageTables.listed(images(spark), listed);
                } catch (IllegalArgumentException e) {
                    throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage().replace(
                            "the image table", "--data").replace("List images of the table", "List images of --data"));
                }
                // Collected once: each evaluation of the lazy result would explain and write again.
                List<Row> rows = classifier.explain(subset, output).collectAsList();
                spark.createDataFrame(rows, ExplanationTable.schema(classifier.manifest().classNames())).coalesce(1)
                        .write().mode(SaveMode.ErrorIfExists).option("header", "true")
                        .csv(table.toString());
                long problems = 0;
                for (Row row : rows) {
                    String path = row.getAs(ImageTables.PATH);
                    if (row.getAs(PredictionTable.PROBLEM_KIND) != null) {
                        problems++;
                        out.printf("%s: not explained, %s%n", path, row.<String>getAs(PredictionTable.PROBLEM));
                    } else {
                        out.printf(Locale.ROOT, "%s\t%s\theat map max %.4g%n    overlay %s%n    heat map %s%n", path,
                                row.<String>getAs(PredictionTable.PREDICTION),
                                row.<Double>getAs(ExplanationTable.HEAT_MAP_MAX),
                                row.<String>getAs(ExplanationTable.OVERLAY),
                                row.<String>getAs(ExplanationTable.HEAT_MAP));
                    }
                }
                out.printf("%d images explained, %d could not be read; table in %s/explanations (csv)%n",
                        rows.size() - problems, problems, output);
                return problems == 0 ? 0 : 3;
            }
        }

        /** The list's entries, relative ones resolved against the list's folder. */
        private List<String> listedImages() throws java.io.IOException {
            Path folder = images.toAbsolutePath().getParent();
            List<String> listed = new ArrayList<>();
            for (String line : java.nio.file.Files.readAllLines(images)) {
                String entry = line.strip();
                if (entry.isEmpty() || entry.startsWith("#")) {
                    continue;
                }
                boolean absolute = entry.startsWith("/") || entry.matches("^[a-zA-Z][a-zA-Z0-9+.-]*:.*");
                listed.add(absolute ? entry : folder.resolve(entry).toString());
            }
            if (listed.isEmpty()) {
                throw new CommandLine.ParameterException(spec.commandLine(), "The list " + images
                        + " names no image; put one path per line.");
            }
            return listed;
        }
    }
}
