package io.cxr4j.spark;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The columns of {@link SparkClassifier#predict}'s result: the image's {@value ImageTables#PATH}
 * and metadata as read, the predicted class ({@value #PREDICTION}), one probability column per
 * class ({@value #PROBABILITY_PREFIX} + class name), and for an image that could not be scored
 * the problem's kind ({@value #PROBLEM_KIND}, e.g. {@code NOT_AN_IMAGE}) and reason
 * ({@value #PROBLEM}); the prediction and probabilities are then null.
 */
public final class PredictionTable {

    /** The predicted class name. */
    public static final String PREDICTION = "prediction";
    /** Prefix of the per-class probability columns. */
    public static final String PROBABILITY_PREFIX = "p_";
    /** Why an image could not be scored, in words a user can act on. */
    public static final String PROBLEM = "problem";
    /** The kind of problem: an {@code ImageDecodeException.Reason} name, or {@value #READ_FAILED}. */
    public static final String PROBLEM_KIND = "problem_kind";
    /** The problem kind of a file the executor could not read from its file system. */
    public static final String READ_FAILED = "READ_FAILED";

    static final List<String> METADATA = List.of(ImageTables.LABEL, ImageTables.PATIENT_ID, ImageTables.VIEW,
            ImageTables.SOURCE);

    private PredictionTable() {}

    /**
     * The result schema for a model's classes.
     *
     * @param classNames the model's classes, in output order
     * @return the schema
     */
    public static StructType schema(List<String> classNames) {
        List<StructField> fields = new ArrayList<>();
        fields.add(DataTypes.createStructField(ImageTables.PATH, DataTypes.StringType, false));
        for (String name : METADATA) {
            fields.add(DataTypes.createStructField(name, DataTypes.StringType, true));
        }
        fields.add(DataTypes.createStructField(PREDICTION, DataTypes.StringType, true));
        for (String name : classNames) {
            fields.add(DataTypes.createStructField(probabilityColumn(name), DataTypes.DoubleType, true));
        }
        fields.add(DataTypes.createStructField(PROBLEM_KIND, DataTypes.StringType, true));
        fields.add(DataTypes.createStructField(PROBLEM, DataTypes.StringType, true));
        return DataTypes.createStructType(fields);
    }

    /**
     * The probability column of a class.
     *
     * @param className the class name
     * @return the column name
     */
    public static String probabilityColumn(String className) {
        return PROBABILITY_PREFIX + className;
    }
}
