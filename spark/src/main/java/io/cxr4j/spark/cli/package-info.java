/** The {@code cxr4j-spark} command line: maps options to {@link io.cxr4j.spark.SparkClassifier} and prints. */
package io.cxr4j.spark.cli;
