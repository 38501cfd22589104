/**
 * cxr4j on Apache Spark: classify and evaluate chest X-rays across a cluster, or in local mode on
 * one machine. {@link io.cxr4j.spark.ImageTables} reads image sources into a table,
 * {@link io.cxr4j.spark.SparkClassifier} scores them on the executors (the model is shipped with
 * the job and loaded once per executor JVM) and merges per-partition evaluations into one report.
 */
package io.cxr4j.spark;
