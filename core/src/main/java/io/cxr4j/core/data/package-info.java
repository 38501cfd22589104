/**
 * Labelled chest X-ray data sets in memory: an {@link io.cxr4j.core.data.XrayDataset} is an ordered
 * list of {@link io.cxr4j.core.data.Sample}s with the class names whose order fixes each class's
 * index in models and metrics. Alongside are the checks that keep a result honest: whether the
 * classes come from disjoint sources, so that a network could learn the source instead of the
 * disease ({@link io.cxr4j.core.data.SourceConfounding}), and a fingerprint of exactly which images
 * a run used ({@link io.cxr4j.core.data.DatasetChecksum}). A model's output for an image is a {@link
 * io.cxr4j.core.data.Prediction} ({@link io.cxr4j.core.data.BatchPredictions} for many, with the
 * unreadable images as {@link io.cxr4j.core.data.SkippedImage}s): values that the engines, the
 * classifier, the training run and the metrics all pass around.
 *
 * <p>Reading data sets from disk is the job of the {@code cxr4j-dataset} module.
 */
package io.cxr4j.core.data;

