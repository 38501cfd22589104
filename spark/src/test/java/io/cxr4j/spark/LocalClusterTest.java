package io.cxr4j.spark;

import static org.assertj.core.api.Assertions.assertThat;

import io.cxr4j.core.engine.Engines;
import io.cxr4j.core.image.PreprocessingSpec;
import io.cxr4j.core.testing.SharedData;
import io.cxr4j.core.config.TrainingConfig;
import io.cxr4j.core.training.TrainingRequest;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Executors as separate JVMs ({@code local-cluster}: a master and workers inside this JVM that
 * start executor processes bound to 127.0.0.1): the model reaches them through Spark's file
 * shipping and each executor JVM loads it, none of it from the driver's memory.
 */
class LocalClusterTest {

    @Test
    void executorsInOtherJvmsReceiveLoadAndUseTheModel(@TempDir Path temp) throws Exception {
        Path seedFolder = SharedData.require("seed");
        Path model = temp.resolve("model");
        TrainingConfig config = TrainingConfig.builder().optEpochs(1)
                .optPreprocessing(PreprocessingSpec.defaults().withImageSize(32)).build();
        Engines.discover().require("pytorch").train(TrainingRequest.of(
                SparkClassifierTest.folderDataset(seedFolder), null, config, model));

        String driverPid = String.valueOf(ProcessHandle.current().pid());
        SparkSession spark = SparkSession.builder().master("local-cluster[2,1,1536]").appName("cxr4j-cluster-test")
                .config("spark.driver.host", "127.0.0.1")
                .config("spark.driver.bindAddress", "127.0.0.1")
                .config("spark.ui.enabled", "false")
                .config("spark.executor.extraClassPath", System.getProperty("java.class.path"))
                .config("spark.executor.extraJavaOptions", String.join(" ", ManagementFactory.getRuntimeMXBean()
                        .getInputArguments().stream().filter(a -> a.startsWith("--add-opens")).toList())
                        + " -Dai.djl.offline=true")
                .getOrCreate();
        try {
            SparkClassifier classifier = SparkClassifier.builder(spark, model).build();
            List<Row> rows = classifier.predict(ImageTables.folder(spark, seedFolder.toString()).repartition(4))
                    .collectAsList();
            assertThat(rows).hasSize(51);
            assertThat(rows.stream().filter(r -> r.getAs(PredictionTable.PREDICTION) != null)).hasSize(50);

            List<String> executorPids = JavaSparkContext.fromSparkContext(spark.sparkContext())
                    .parallelize(List.of(1, 2, 3, 4, 5, 6, 7, 8), 8).map(i -> ProcessHandle.current().pid() + ":" + ExecutorModels.loadedCount())
                    .distinct().collect();
            assertThat(executorPids).isNotEmpty().allSatisfy(p -> {
                assertThat(p).doesNotStartWith(driverPid + ":");
                assertThat(p).endsWith(":1");
            });
        } finally {
            spark.stop();
        }
    }
}
