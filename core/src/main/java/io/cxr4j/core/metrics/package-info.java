/**
 * Classification metrics with the evidence behind them. Every rate is kept as a {@link
 * io.cxr4j.core.metrics.Proportion}, counts and all, with a Wilson 95% interval, so that a report
 * shows how many images back each number. There are a {@link io.cxr4j.core.metrics.ConfusionMatrix},
 * one-vs-rest {@link io.cxr4j.core.metrics.ClassMetrics} per class (rendered like scikit-learn's
 * classification report by {@link io.cxr4j.core.metrics.ClassificationReport}), ROC curves with AUC
 * and DeLong interval, precision-recall curves, calibration, operating points at a chosen threshold,
 * and means over cross-validation folds ({@link io.cxr4j.core.metrics.FoldAverage}).
 *
 * <p>{@link io.cxr4j.core.metrics.EvaluationAccumulator} collects a classifier's outputs during an
 * evaluation exactly, as each class's distinct scores with their counts, and merges with the
 * accumulators of other partitions of the data; the {@link io.cxr4j.core.metrics.Evaluation} and
 * {@link io.cxr4j.core.metrics.ScoreDistributions} it produces are what everything reported is
 * derived from. Samples added with their source are also kept per source, which {@link
 * io.cxr4j.core.metrics.SourceBreakdown} reports (counts, rates with intervals, AUC) source by source.
 *
 * <p>{@link io.cxr4j.core.metrics.Evaluator} scores a trained classifier on a labelled data set batch
 * by batch, reporting and skipping unreadable images instead of failing, and returns an {@link
 * io.cxr4j.core.metrics.EvaluationReport} with those metrics and the scores they were computed from.
 */
package io.cxr4j.core.metrics;

