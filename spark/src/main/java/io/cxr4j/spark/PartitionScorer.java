package io.cxr4j.spark;

import io.cxr4j.core.data.SkippedImage;
import io.cxr4j.core.data.BatchPredictions;
import io.cxr4j.core.data.Prediction;
import io.cxr4j.core.inference.XrayClassifier;
import io.cxr4j.core.io.FileErrors;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * Scores one partition of an image table, a batch at a time, so that a partition of any size holds
 * one batch of images in memory. Images on the local file system are read where they are; bytes
 * from the table or from another file system pass through a temporary file that the batch deletes.
 * An image that cannot be read or decoded becomes a row with its problem, never a failed task.
 */
final class PartitionScorer implements MapPartitionsFunction<Row, Row> {

    private static final long serialVersionUID = 1L;

    private final ShippedModel model;
    private final int batchSize;

    PartitionScorer(ShippedModel model, int batchSize) {
        this.model = model;
        this.batchSize = batchSize;
    }

    @Override
    public Iterator<Row> call(Iterator<Row> input) {
        XrayClassifier classifier = ExecutorModels.get(model);
        return new Iterator<>() {
            private final Deque<Row> ready = new ArrayDeque<>();

            @Override
            public boolean hasNext() {
                if (ready.isEmpty() && input.hasNext()) {
                    List<Row> batch = new ArrayList<>(batchSize);
                    while (batch.size() < batchSize && input.hasNext()) {
                        batch.add(input.next());
                    }
                    ready.addAll(score(classifier, batch));
                }
                return !ready.isEmpty();
            }

            @Override
            public Row next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return ready.removeFirst();
            }
        };
    }

    private List<Row> score(XrayClassifier classifier, List<Row> batch) {
        Path scratch;
        try {
            scratch = Files.createTempDirectory("cxr4j-spark-");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create a temporary folder for images on this executor: "
                    + e.getMessage() + ". Check the space and permissions of java.io.tmpdir.", e);
        }
        try {
            List<Integer> positions = new ArrayList<>();
            List<Path> files = new ArrayList<>();
            Row[] out = new Row[batch.size()];
            for (int i = 0; i < batch.size(); i++) {
                Row row = batch.get(i);
                try {
                    Path file = localFile(row, scratch, i);
                    positions.add(i);
                    files.add(file);
                } catch (IOException e) {
                    out[i] = problemRow(row, PredictionTable.READ_FAILED, "the file cannot be read: "
                            + FileErrors.describe(Path.of(row.<String>getAs(ImageTables.PATH)), e));
                }
            }
            BatchPredictions results = classifier.predictAll(files, files.isEmpty() ? 1 : files.size());
            // Both lists keep the input order, so position, not path, pairs each result with its row:
            // a table may list one file twice.
            Iterator<Prediction> predictions = results.predictions().iterator();
            Iterator<SkippedImage> skips = results.skipped().iterator();
            SkippedImage nextSkip = skips.hasNext() ? skips.next() : null;
            for (int k = 0; k < files.size(); k++) {
                int i = positions.get(k);
                if (nextSkip != null && nextSkip.image().equals(files.get(k))) {
                    // A copy's reason names the temporary file; the user knows the image by its path.
                    String reason = files.get(k).startsWith(scratch) ? nextSkip.reason().replace(
                            files.get(k).toString(), batch.get(i).<String>getAs(ImageTables.PATH)) : nextSkip.reason();
                    out[i] = problemRow(batch.get(i), nextSkip.kind() == null ? "UNREADABLE"
                            : nextSkip.kind().name(), reason);
                    nextSkip = skips.hasNext() ? skips.next() : null;
                } else {
                    out[i] = predictionRow(batch.get(i), predictions.next());
                }
            }
            return List.of(out);
        } finally {
            deleteQuietly(scratch);
        }
    }

    /**
     * The file to decode: the path itself on the local file system, else the row's bytes or the
     * remote file's bytes copied below {@code scratch}, named after its position in the batch so that
     * two images of one name do not collide.
     */
    static Path localFile(Row row, Path scratch, int position) throws IOException {
        String path = row.getAs(ImageTables.PATH);
        byte[] content = row.getAs(ImageTables.CONTENT);
        URI uri = toUri(path);
        if (content == null && (uri.getScheme() == null || "file".equals(uri.getScheme()))) {
            Path local = uri.getScheme() == null ? Path.of(path) : Path.of(uri);
            return local;
        }
        Path copy = scratch.resolve(position + "-" + fileName(path));
        if (content != null) {
            Files.write(copy, content);
        } else {
            org.apache.hadoop.fs.Path remote = new org.apache.hadoop.fs.Path(uri);
            FileSystem fs = remote.getFileSystem(new Configuration());
            try (InputStream in = fs.open(remote)) {
                Files.copy(in, copy);
            }
        }
        return copy;
    }

    private static URI toUri(String path) {
        try {
            URI uri = new URI(path);
            return uri.getScheme() == null ? new URI(null, null, path, null) : uri;
        } catch (java.net.URISyntaxException e) {
            return Path.of(path).toUri();
        }
    }

    static String fileName(String path) {
        String name = path.substring(path.lastIndexOf('/') + 1);
        return name.isEmpty() ? "image" : name;
    }

    private Row predictionRow(Row input, Prediction prediction) {
        Object[] values = base(input);
        values[5] = prediction.label();
        for (int c = 0; c < model.classNames().size(); c++) {
            values[6 + c] = prediction.probability(model.classNames().get(c));
        }
        return RowFactory.create(values);
    }

    private Row problemRow(Row input, String kind, String reason) {
        Object[] values = base(input);
        values[values.length - 2] = kind;
        values[values.length - 1] = reason;
        return RowFactory.create(values);
    }

    private Object[] base(Row input) {
        Object[] values = new Object[1 + PredictionTable.METADATA.size() + 1 + model.classNames().size() + 2];
        values[0] = input.getAs(ImageTables.PATH);
        for (int m = 0; m < PredictionTable.METADATA.size(); m++) {
            values[1 + m] = input.getAs(PredictionTable.METADATA.get(m));
        }
        return values;
    }

    static void deleteQuietly(Path folder) {
        try (var files = Files.walk(folder)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // A leftover temporary folder costs disk space, not results.
        }
    }
}
