/**
 * Train/test splits and k-fold partitions that keep an evaluation honest. {@link
 * io.cxr4j.core.split.Splits} draws seeded, stratified splits that give the same images on every
 * machine and engine, optionally keeping each patient's images on one side ({@link
 * io.cxr4j.core.split.SplitStrategy}); {@link io.cxr4j.core.split.PatientLeakage} finds patients
 * that straddle a split; {@link io.cxr4j.core.split.SplitFile} saves a split and applies it again,
 * so that every run and engine trains and tests on the very same images.
 */
package io.cxr4j.core.split;
