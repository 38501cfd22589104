package io.cxr4j.spark;

import java.nio.file.Path;
import org.apache.spark.SparkContext;
import org.apache.spark.sql.SparkSession;
import scala.jdk.javaapi.CollectionConverters;

/** Ships a model directory to the executors once per Spark context. */
final class ModelShipping {

    private ModelShipping() {}

    /**
     * Adds the directory to the files every executor fetches, unless this context already ships it.
     *
     * @throws IllegalArgumentException when another directory of the same name is already shipped:
     *     executors find shipped files by name
     */
    static synchronized void ship(SparkSession spark, Path directory) {
        SparkContext context = spark.sparkContext();
        String uri = directory.toUri().toString().replaceAll("/$", "");
        String name = directory.getFileName().toString();
        for (String shipped : CollectionConverters.asJava(context.listFiles())) {
            String trimmed = shipped.replaceAll("/$", "");
            if (trimmed.equals(uri)) {
                return;
            }
            if (trimmed.endsWith("/" + name)) {
                throw new IllegalArgumentException("This Spark session already ships a model named '" + name + "' ("
                        + shipped + "), and executors find models by name. Copy " + directory
                        + " to a folder of another name, or use a new session.");
            }
        }
        context.addFile(uri, true);
    }
}
