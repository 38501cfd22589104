package io.cxr4j.spark;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The columns of {@link SparkClassifier#explain}'s result: the columns of {@link PredictionTable}
 * (path, metadata, prediction, one probability per class, problem kind and problem), and for each
 * explained image the explained class ({@value #EXPLAINED_CLASS}, the predicted one), the largest
 * raw Grad-CAM value ({@value #HEAT_MAP_MAX}), and where its heat-map overlay PNG ({@value
 * #OVERLAY}) and raw heat map ({@value #HEAT_MAP}, float32 {@code .npy} over the model's square
 * input) were written. For an image that could not be explained these are null and the problem
 * columns say why.
 */
public final class ExplanationTable {

    /** The class whose Grad-CAM heat map was computed: the predicted class. */
    public static final String EXPLAINED_CLASS = "explained_class";
    /** The largest raw Grad-CAM value over the model's input; 0 when no region supports the class. */
    public static final String HEAT_MAP_MAX = "heat_map_max";
    /** The written overlay: the heat map over the X-ray at its original size, with a colour bar (PNG). */
    public static final String OVERLAY = "overlay";
    /** The written raw heat map over the model's square input (NumPy {@code .npy}, float32). */
    public static final String HEAT_MAP = "heat_map";

    private ExplanationTable() {}

    /**
     * The result schema for a model's classes.
     *
     * @param classNames the model's classes, in output order
     * @return the schema
     */
    public static StructType schema(List<String> classNames) {
        List<StructField> fields = new ArrayList<>(List.of(PredictionTable.schema(classNames).fields()));
        // The problem columns stay last, as in the prediction table.
        List<StructField> problem = new ArrayList<>(fields.subList(fields.size() - 2, fields.size()));
        fields.removeAll(problem);
        fields.add(DataTypes.createStructField(EXPLAINED_CLASS, DataTypes.StringType, true));
        fields.add(DataTypes.createStructField(HEAT_MAP_MAX, DataTypes.DoubleType, true));
        fields.add(DataTypes.createStructField(OVERLAY, DataTypes.StringType, true));
        fields.add(DataTypes.createStructField(HEAT_MAP, DataTypes.StringType, true));
        fields.addAll(problem);
        return DataTypes.createStructType(fields);
    }
}
