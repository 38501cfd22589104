package io.cxr4j.spark;

import io.cxr4j.core.data.Sample;
import io.cxr4j.core.data.SkippedImage;
import io.cxr4j.core.metrics.EvaluationReport;
import io.cxr4j.core.metrics.Evaluator;
import io.cxr4j.core.image.ImageDecodeException;
import io.cxr4j.core.metrics.EvaluationAccumulator;
import io.cxr4j.core.metrics.ScoreDistributions;
import io.cxr4j.core.model.ModelDirectory;
import io.cxr4j.core.model.ModelManifest;
import io.cxr4j.core.inference.XrayClassifier;
import java.io.IOException;
import java.nio.file.Path;
import io.cxr4j.experiment.DatasetScorer;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.encoders.ExpressionEncoder;
import org.apache.spark.sql.Encoders;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scores image tables ({@link ImageTables}) with one saved model on a Spark cluster or in local
 * mode. The model directory is shipped with the job (a broadcast of its files), checked
 * against its checksums when it arrives, loaded once per executor JVM and shared by that JVM's
 * task threads; each partition is classified in batches. Images that cannot be read are rows with
 * their problem, never a failed job.
 *
 * <pre>{@code
 * SparkClassifier classifier = SparkClassifier.builder(spark, Path.of("models/seed")).build();
 * Dataset<Row> predictions = classifier.predict(ImageTables.folder(spark, "/data/xrays"));
 * EvaluationReport report = classifier.evaluate(ImageTables.manifest(spark, "/data/test.csv"), "test");
 * }</pre>
 */
public final class SparkClassifier {

    private static final Logger LOG = LoggerFactory.getLogger(SparkClassifier.class);

    private final SparkSession spark;
    private final ModelManifest manifest;
    private final ShippedModel model;
    private final int batchSize;

    private SparkClassifier(SparkSession spark, ModelManifest manifest, ShippedModel model, int batchSize) {
        this.spark = spark;
        this.manifest = manifest;
        this.model = model;
        this.batchSize = batchSize;
    }

    /**
     * Starts a classifier for a model directory on the driver's file system.
     *
     * @param spark the session to run on
     * @param modelDirectory a model directory written by cxr4j
     * @return the builder
     */
    public static Builder builder(SparkSession spark, Path modelDirectory) {
        return new Builder(spark, modelDirectory);
    }

    /** @return the model's manifest, as read (and checked) on the driver */
    public ModelManifest manifest() {
        return manifest;
    }

    /**
     * Classifies every row of an image table. Lazy, like any Spark transformation: the work happens
     * when the result is written or collected.
     *
     * @param images a table with {@link ImageTables}' columns
     * @return one row per input row, with {@link PredictionTable}'s columns
     * @throws IllegalArgumentException when the table lacks the {@value ImageTables#PATH} column
     */
    public Dataset<Row> predict(Dataset<Row> images) {
        Dataset<Row> complete = ImageTables.complete(images);
        return complete.mapPartitions(new PartitionScorer(model, batchSize),
                ExpressionEncoder.apply(PredictionTable.schema(model.classNames())));
    }

    /**
     * Explains the prediction of every row of an image table with a Grad-CAM heat map, as {@link
     * XrayClassifier#explain(Path)} does in one JVM: meant for a listed subset ({@link
     * ImageTables#listed}), since each image costs a backward pass. Each image's overlay (the heat
     * map over the X-ray at its original size, {@code <name>-<hash>.gradcam.png}) and raw heat map
     * (over the model's square input, {@code .gradcam.npy}) are written into the output folder by
     * the executors; {@code <hash>}, from the image's path, keeps images of one name apart. Lazy,
     * like {@link #predict}: the files are written when the result is collected or written, once
     * per evaluation of it.
     *
     * @param images a table with {@link ImageTables}' columns
     * @param outputFolder a folder every executor can write to, on any Hadoop file system
     * @return one row per input row, with {@link ExplanationTable}'s columns
     * @throws IllegalArgumentException when the table lacks the {@value ImageTables#PATH} column
     */
    public Dataset<Row> explain(Dataset<Row> images, String outputFolder) {
        Objects.requireNonNull(outputFolder, "outputFolder");
        Dataset<Row> complete = ImageTables.complete(images);
        return complete.mapPartitions(new PartitionExplainer(model, outputFolder),
                ExpressionEncoder.apply(ExplanationTable.schema(model.classNames())));
    }

    /**
     * Evaluates the model on a labelled image table: the classification report {@link
     * Evaluator#evaluate} gives in one JVM, from per-partition accumulators merged on the driver,
     * broken down by the {@value ImageTables#SOURCE} column where it is set ({@link
     * ScoreDistributions#bySource()}).
     * Images that cannot be scored, and rows without a label (such as files beside the class
     * folders), are listed in the report's skipped images and left out of the metrics.
     *
     * @param images a table with {@link ImageTables}' columns and labels
     * @param datasetName the name the report gives the data
     * @return the report
     * @throws IllegalArgumentException when a label is not one of the model's classes, or no image
     *     can be scored
     */
    public EvaluationReport evaluate(Dataset<Row> images, String datasetName) {
        List<String> classes = model.classNames();
        requireKnownLabels(images, classes, datasetName);
        Dataset<Row> predictions = predict(images).persist(StorageLevel.MEMORY_AND_DISK());
        try {
            JavaRDD<Row> scored = predictions.filter(predictions.col(PredictionTable.PROBLEM_KIND).isNull()
                    .and(predictions.col(ImageTables.LABEL).isNotNull())).javaRDD();
            EvaluationAccumulator merged = scored.mapPartitions(rows -> List.of(accumulate(classes, rows)).iterator())
                    .treeReduce(EvaluationAccumulator::merge);
            List<SkippedImage> skipped = new ArrayList<>();
            for (Row row : predictions.filter(predictions.col(PredictionTable.PROBLEM_KIND).isNotNull())
                    .select(ImageTables.PATH, PredictionTable.PROBLEM, PredictionTable.PROBLEM_KIND).collectAsList()) {
                skipped.add(new SkippedImage(localPath(row.getString(0)), row.getString(1), reason(row.getString(2))));
            }
            for (Row row : predictions.filter(predictions.col(PredictionTable.PROBLEM_KIND).isNull()
                    .and(predictions.col(ImageTables.LABEL).isNull())).select(ImageTables.PATH).collectAsList()) {
                skipped.add(new SkippedImage(localPath(row.getString(0)), "the image has no label (it lies outside the"
                        + " class folders, or its row has no '" + ImageTables.LABEL + "')", null));
            }
            if (merged.count() == 0) {
                throw new IllegalArgumentException("No image of data set '" + datasetName + "' could be evaluated ("
                        + skipped.size() + " unreadable).");
            }
            ScoreDistributions scores = merged.snapshot();
            LOG.info("Evaluated {} images of '{}' ({} skipped)", merged.count(), datasetName, skipped.size());
            return new EvaluationReport(datasetName, scores.evaluation(), skipped, scores);
        } finally {
            predictions.unpersist();
        }
    }

    /**
     * This classifier as the scorer of a {@link io.cxr4j.experiment.ModelEvaluation}, so that an
     * evaluation on Spark gives the report, guards and warnings of {@code cxr4j evaluate}: the
     * data set's images become an image table with their labels and metadata, and skipped images
     * keep their paths.
     *
     * @return the scorer
     */
    public DatasetScorer scorer() {
        return dataset -> {
            List<Row> rows = new ArrayList<>(dataset.size());
            for (Sample sample : dataset.samples()) {
                rows.add(RowFactory.create(sample.image().toString(), null, sample.label(), sample.patientId(),
                        sample.view(), sample.source()));
            }
            return evaluate(spark.createDataFrame(rows, ImageTables.SCHEMA), dataset.name());
        };
    }

    private static EvaluationAccumulator accumulate(List<String> classes, Iterator<Row> rows) {
        EvaluationAccumulator accumulator = new EvaluationAccumulator(classes);
        float[] probabilities = new float[classes.size()];
        while (rows.hasNext()) {
            Row row = rows.next();
            for (int c = 0; c < classes.size(); c++) {
                // Probabilities were floats before they became doubles in the table: exact both ways.
                probabilities[c] = (float) row.getDouble(row.fieldIndex(PredictionTable.probabilityColumn(classes.get(c))));
            }
            accumulator.add(classes.indexOf(row.<String>getAs(ImageTables.LABEL)), probabilities.clone(),
                    row.<String>getAs(ImageTables.SOURCE));
        }
        return accumulator;
    }

    /** A {@code file:} URI as the path the rest of cxr4j reports; other file systems' URIs as they are. */
    private static Path localPath(String path) {
        return path.startsWith("file:") ? Path.of(java.net.URI.create(path)) : Path.of(path);
    }

    private static ImageDecodeException.Reason reason(String kind) {
        for (ImageDecodeException.Reason reason : ImageDecodeException.Reason.values()) {
            if (reason.name().equals(kind)) {
                return reason;
            }
        }
        return null;
    }

    private static void requireKnownLabels(Dataset<Row> images, List<String> classes, String datasetName) {
        List<String> labels = images.select(ImageTables.LABEL).distinct().as(Encoders.STRING()).collectAsList();
        List<String> unknown = labels.stream().filter(l -> l != null && !classes.contains(l)).sorted().toList();
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("Data set '" + datasetName + "' has labels " + unknown
                    + " that the model does not know (its classes are " + classes + "). Leave those images out or"
                    + " relabel them to the model's classes.");
        }
    }

    /** Configures a {@link SparkClassifier}. */
    public static final class Builder {

        private final SparkSession spark;
        private final Path modelDirectory;
        private int batchSize = XrayClassifier.DEFAULT_BATCH_SIZE;

        private Builder(SparkSession spark, Path modelDirectory) {
            this.spark = Objects.requireNonNull(spark, "spark");
            this.modelDirectory = Objects.requireNonNull(modelDirectory, "modelDirectory");
        }

        /**
         * Images per engine call inside a partition.
         *
         * @param value at least 1; default {@value XrayClassifier#DEFAULT_BATCH_SIZE}
         * @return this builder
         */
        public Builder optBatchSize(int value) {
            if (value < 1) {
                throw new IllegalArgumentException("The batch size must be at least 1, was " + value);
            }
            this.batchSize = value;
            return this;
        }

        /**
         * Checks the model on the driver and ships it to the executors.
         *
         * @return the classifier
         * @throws IOException when the directory is not a complete, intact cxr4j model
         */
        public SparkClassifier build() throws IOException {
            Path directory = modelDirectory.toAbsolutePath().normalize();
            ModelManifest manifest = ModelDirectory.readManifest(directory);
            byte[] archive = ModelShipping.pack(directory);
            ShippedModel model = new ShippedModel(directory.getFileName().toString(),
                    ShippedModel.fingerprintOf(archive), manifest.classNames(),
                    JavaSparkContext.fromSparkContext(spark.sparkContext()).broadcast(archive));
            return new SparkClassifier(spark, manifest, model, batchSize);
        }
    }
}
