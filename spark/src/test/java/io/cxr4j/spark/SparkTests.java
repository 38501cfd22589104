package io.cxr4j.spark;

import org.apache.spark.sql.SparkSession;

/** Spark sessions for tests: bound to 127.0.0.1, no UI, few shuffle partitions. */
final class SparkTests {

    private SparkTests() {}

    static SparkSession session(String master) {
        return SparkSession.builder().master(master).appName("cxr4j-test")
                .config("spark.driver.host", "127.0.0.1")
                .config("spark.driver.bindAddress", "127.0.0.1")
                .config("spark.ui.enabled", "false")
                .config("spark.sql.shuffle.partitions", "4")
                .getOrCreate();
    }
}
