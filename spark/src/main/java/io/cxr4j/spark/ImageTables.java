package io.cxr4j.spark;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.spark.api.java.function.FilterFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Reads image sources into the table {@link SparkClassifier} scores: one row per image with the
 * columns {@value #PATH} (a path or URI on any Hadoop file system), {@value #CONTENT} (the file's
 * bytes, as Spark's {@code binaryFile} source gives them, or null to read the file on the executor), and, where the source knows them, {@value #LABEL},
 * {@value #PATIENT_ID}, {@value #VIEW} and {@value #SOURCE}.
 */
public final class ImageTables {

    /** The image's path or URI. */
    public static final String PATH = "path";
    /** The image file's bytes; null when the executor reads the file from {@link #PATH}. */
    public static final String CONTENT = "content";
    /** The true class name, when known. */
    public static final String LABEL = "label";
    /** The patient identifier, when known. */
    public static final String PATIENT_ID = "patient_id";
    /** The projection (PA, AP, ...), when known. */
    public static final String VIEW = "view";
    /** Where the image comes from, when known. */
    public static final String SOURCE = "source";

    private static final List<String> METADATA = List.of(LABEL, PATIENT_ID, VIEW, SOURCE);
    static final StructType SCHEMA = DataTypes.createStructType(List.of(
            DataTypes.createStructField(PATH, DataTypes.StringType, false),
            DataTypes.createStructField(CONTENT, DataTypes.BinaryType, true),
            DataTypes.createStructField(LABEL, DataTypes.StringType, true),
            DataTypes.createStructField(PATIENT_ID, DataTypes.StringType, true),
            DataTypes.createStructField(VIEW, DataTypes.StringType, true),
            DataTypes.createStructField(SOURCE, DataTypes.StringType, true)));

    private ImageTables() {}

    /**
     * Every file below a folder on any Hadoop file system, listed on the driver and read by the
     * executors; the name of the folder directly holding a file is its label (one subfolder per
     * class, as the folder data sets of {@code cxr4j-dataset} are laid out), and files directly in
     * the folder have none. Hidden files (names starting with a dot) are left out, as Spark's own
     * file sources do; every other file is kept, so that scoring reports non-images and empty
     * files as problems (Spark's {@code binaryFile} source would silently drop empty ones).
     *
     * @param spark the session
     * @param folder a folder path or URI on any Hadoop file system
     * @return the image table, one partition per core of the session by default
     * @throws UncheckedIOException when the folder cannot be listed
     */
    public static Dataset<Row> folder(SparkSession spark, String folder) {
        org.apache.hadoop.fs.Path root = new org.apache.hadoop.fs.Path(folder);
        List<Row> rows = new ArrayList<>();
        try {
            FileSystem fs = root.getFileSystem(spark.sparkContext().hadoopConfiguration());
            org.apache.hadoop.fs.Path qualified = fs.makeQualified(root);
            RemoteIterator<LocatedFileStatus> files = fs.listFiles(qualified, true);
            while (files.hasNext()) {
                org.apache.hadoop.fs.Path file = files.next().getPath();
                if (file.getName().startsWith(".")) {
                    continue;
                }
                org.apache.hadoop.fs.Path parent = file.getParent();
                String label = parent.equals(qualified) ? null : parent.getName();
                rows.add(RowFactory.create(file.toString(), null, label, null, null, null));
            }
        } catch (FileNotFoundException e) {
            throw new IllegalArgumentException("The image folder " + folder + " does not exist. Pass the folder"
                    + " that holds one subfolder per class.", e);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list the image folder " + folder + ": " + e.getMessage(), e);
        }
        return spark.createDataFrame(rows, SCHEMA);
    }

    /**
     * Images listed in a CSV file with a header: a {@value #PATH} column (absolute, or relative to
     * the CSV file's folder) and any of {@value #LABEL}, {@value #PATIENT_ID}, {@value #VIEW},
     * {@value #SOURCE}. The executors read each listed file; a missing one becomes a problem row.
     *
     * @param spark the session
     * @param csv the manifest's path or URI
     * @return the image table
     * @throws IllegalArgumentException when the manifest has no {@value #PATH} column
     */
    public static Dataset<Row> manifest(SparkSession spark, String csv) {
        Dataset<Row> rows = spark.read().option("header", "true").csv(csv);
        String folder = csv.contains("/") ? csv.substring(0, csv.lastIndexOf('/') + 1) : "";
        Column path = rows.col(requireColumn(rows, PATH, csv));
        Column resolved = functions.when(path.rlike("^([a-zA-Z][a-zA-Z0-9+.-]*:|/)"), path)
                .otherwise(functions.concat(functions.lit(folder), path));
        return withMetadata(rows, resolved);
    }

    /**
     * Images listed in a Parquet table with a {@value #PATH} column and optional metadata columns
     * as for {@link #manifest}; paths must be absolute or URIs.
     *
     * @param spark the session
     * @param parquet the table's path or URI
     * @return the image table
     * @throws IllegalArgumentException when the table has no {@value #PATH} column
     */
    public static Dataset<Row> parquet(SparkSession spark, String parquet) {
        Dataset<Row> rows = spark.read().parquet(parquet);
        return withMetadata(rows, rows.col(requireColumn(rows, PATH, parquet)));
    }

    /**
     * The rows of an image table whose images are listed, such as the few to explain. A listed
     * path matches a row's path when both name the same file: a local path and its {@code file:}
     * URI match, as do paths that differ only by {@code .} and {@code ..} segments.
     *
     * @param images an image table
     * @param paths absolute paths or URIs of images of that table
     * @return the matching rows
     * @throws IllegalArgumentException when a listed path is not in the table (naming the first few)
     */
    public static Dataset<Row> listed(Dataset<Row> images, List<String> paths) {
        requireColumn(images, PATH, "passed in");
        HashSet<String> wanted = new HashSet<>();
        paths.forEach(p -> wanted.add(sameFile(p)));
        Dataset<Row> subset = images.filter((FilterFunction<Row>) row -> wanted.contains(sameFile(row.getAs(PATH))));
        Set<String> found = new HashSet<>();
        subset.select(PATH).as(Encoders.STRING()).collectAsList().forEach(p -> found.add(sameFile(p)));
        List<String> missing = paths.stream().filter(p -> !found.contains(sameFile(p))).toList();
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException(missing.size() + " of the " + paths.size() + " listed images are not"
                    + " in the image table, such as " + missing.subList(0, Math.min(3, missing.size()))
                    + ". List images of the table, by absolute path or URI.");
        }
        return subset;
    }

    /** A path in the form two names of one file share: a local path for local files, else the URI. */
    static String sameFile(String path) {
        URI uri = new org.apache.hadoop.fs.Path(path).toUri();
        if (uri.getScheme() == null || "file".equals(uri.getScheme())) {
            return Path.of(uri.getPath()).toAbsolutePath().normalize().toString();
        }
        return uri.normalize().toString();
    }

    /**
     * The table with every column scoring reads, adding {@value #CONTENT} and metadata columns a
     * user's own table lacks as nulls.
     */
    static Dataset<Row> complete(Dataset<Row> rows) {
        requireColumn(rows, PATH, "passed in");
        List<String> present = Arrays.asList(rows.columns());
        Column content = present.contains(CONTENT) ? rows.col(CONTENT)
                : functions.lit(null).cast(DataTypes.BinaryType).as(CONTENT);
        Column[] columns = new Column[2 + METADATA.size()];
        columns[0] = rows.col(PATH);
        columns[1] = content;
        for (int i = 0; i < METADATA.size(); i++) {
            String name = METADATA.get(i);
            columns[2 + i] = present.contains(name) ? rows.col(name) : nulls(name);
        }
        return rows.select(columns);
    }

    private static Dataset<Row> withMetadata(Dataset<Row> rows, Column path) {
        List<String> present = Arrays.asList(rows.columns());
        Column[] columns = new Column[2 + METADATA.size()];
        columns[0] = path.cast(DataTypes.StringType).as(PATH);
        columns[1] = functions.lit(null).cast(DataTypes.BinaryType).as(CONTENT);
        for (int i = 0; i < METADATA.size(); i++) {
            String name = METADATA.get(i);
            columns[2 + i] = present.contains(name) ? rows.col(name).cast(DataTypes.StringType).as(name) : nulls(name);
        }
        return rows.select(columns);
    }

    private static String requireColumn(Dataset<Row> rows, String column, String where) {
        if (!Arrays.asList(rows.columns()).contains(column)) {
            throw new IllegalArgumentException("The image list " + where + " has no '" + column + "' column (its"
                    + " columns: " + Arrays.toString(rows.columns()) + "). Name the column holding each image's path '"
                    + column + "'.");
        }
        return column;
    }

    private static Column nulls(String name) {
        return functions.lit(null).cast(DataTypes.StringType).as(name);
    }
}
