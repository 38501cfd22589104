package io.cxr4j.spark;

import io.cxr4j.core.explain.Explanation;
import io.cxr4j.core.explain.HeatMapRenderer;
import io.cxr4j.core.explain.NpyFiles;
import io.cxr4j.core.image.ImageDecodeException;
import io.cxr4j.core.image.ImageDecoder;
import io.cxr4j.core.inference.XrayClassifier;
import io.cxr4j.core.io.FileErrors;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * Explains the images of one partition, one at a time (Grad-CAM needs a backward pass per image),
 * with the executor's shared model: writes each image's overlay and raw heat map into the output
 * folder, on any Hadoop file system, and returns a row per image. An image that cannot be read or
 * decoded becomes a row with its problem; an output folder that cannot be written fails the task,
 * which Spark retries (a retry rewrites the same files).
 */
final class PartitionExplainer implements MapPartitionsFunction<Row, Row> {

    private static final long serialVersionUID = 1L;

    private final ShippedModel model;
    private final String outputFolder;

    PartitionExplainer(ShippedModel model, String outputFolder) {
        this.model = model;
        this.outputFolder = outputFolder;
    }

    @Override
    public Iterator<Row> call(Iterator<Row> input) {
        XrayClassifier classifier = ExecutorModels.get(model);
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return input.hasNext();
            }

            @Override
            public Row next() {
                return explain(classifier, input.next());
            }
        };
    }

    private Row explain(XrayClassifier classifier, Row row) {
        String path = row.getAs(ImageTables.PATH);
        Path scratch;
        try {
            scratch = Files.createTempDirectory("cxr4j-spark-explain-");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create a temporary folder for images on this executor: "
                    + e.getMessage() + ". Check the space and permissions of java.io.tmpdir.", e);
        }
        try {
            Path file;
            Explanation explanation;
            try {
                file = PartitionScorer.localFile(row, scratch, 0);
            } catch (IOException e) {
                return problemRow(row, PredictionTable.READ_FAILED, "the file cannot be read: "
                        + FileErrors.describe(Path.of(path), e));
            }
            try {
                explanation = classifier.explain(file);
            } catch (ImageDecodeException e) {
                // A copy's reason names the temporary file; the user knows the image by its path.
                return problemRow(row, e.reason().name(),
                        String.valueOf(e.getMessage()).replace(file.toString(), path));
            } catch (IOException e) {
                return problemRow(row, "UNREADABLE", String.valueOf(e.getMessage()).replace(file.toString(), path));
            }
            String name = PartitionScorer.fileName(path).replaceFirst("\\.[^.]+$", "") + "-" + digest(path)
                    + ".gradcam";
            Path png = scratch.resolve(name + ".png");
            Path npy = scratch.resolve(name + ".npy");
            try {
                HeatMapRenderer.writePng(HeatMapRenderer.overlay(new ImageDecoder().decode(file),
                        explanation.heatMap(), explanation.className()), png);
                // The network's own resolution, as cxr4j explain writes it.
                NpyFiles.write(explanation.inputHeatMap(), npy);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot write the heat map of " + path + " to this executor's"
                        + " temporary folder " + scratch + ": " + e.getMessage(), e);
            }
            return explainedRow(row, explanation, copyOut(png), copyOut(npy));
        } finally {
            PartitionScorer.deleteQuietly(scratch);
        }
    }

    /** Copies a written file into the output folder, replacing what a failed attempt left there. */
    private String copyOut(Path local) {
        org.apache.hadoop.fs.Path target = new org.apache.hadoop.fs.Path(outputFolder, local.getFileName().toString());
        try {
            FileSystem fs = target.getFileSystem(new Configuration());
            fs.copyFromLocalFile(false, true, new org.apache.hadoop.fs.Path(local.toUri()), target);
            return fs.makeQualified(target).toString();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + target + ": " + e.getMessage() + ". Check that every"
                    + " executor can write to the output folder " + outputFolder + ".", e);
        }
    }

    /**
     * Eight hex digits of the path's SHA-256: two images of one file name in different folders get
     * different files, without the tasks agreeing on names.
     */
    private static String digest(String path) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(path.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("This JVM lacks SHA-256, which every Java platform must provide", e);
        }
    }

    private Row explainedRow(Row input, Explanation explanation, String overlay, String heatMap) {
        List<String> classes = model.classNames();
        Object[] values = base(input);
        values[5] = explanation.prediction().label();
        for (int c = 0; c < classes.size(); c++) {
            values[6 + c] = explanation.prediction().probability(classes.get(c));
        }
        int next = 6 + classes.size();
        values[next] = explanation.className();
        values[next + 1] = (double) explanation.max();
        values[next + 2] = overlay;
        values[next + 3] = heatMap;
        return RowFactory.create(values);
    }

    private Row problemRow(Row input, String kind, String reason) {
        Object[] values = base(input);
        values[values.length - 2] = kind;
        values[values.length - 1] = reason;
        return RowFactory.create(values);
    }

    private Object[] base(Row input) {
        Object[] values = new Object[ExplanationTable.schema(model.classNames()).size()];
        values[0] = input.getAs(ImageTables.PATH);
        for (int m = 0; m < PredictionTable.METADATA.size(); m++) {
            values[1 + m] = input.getAs(PredictionTable.METADATA.get(m));
        }
        return values;
    }
}
