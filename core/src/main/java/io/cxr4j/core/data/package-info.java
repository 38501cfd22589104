/**
 * Labelled chest X-ray data sets in memory: an {@link io.cxr4j.core.data.XrayDataset} is an ordered
 * list of {@link io.cxr4j.core.data.Sample}s with the class names whose order fixes each class's
 * index in models and metrics. Alongside are the checks that keep a result honest: whether the
 * classes come from disjoint sources, so that a network could learn the source instead of the
 * disease ({@link io.cxr4j.core.data.SourceConfounding}), and a fingerprint of exactly which images
 * a run used ({@link io.cxr4j.core.data.DatasetChecksum}).
 *
 * <p>Reading data sets from disk is the job of the {@code cxr4j-dataset} module.
 */
package io.cxr4j.core.data;
