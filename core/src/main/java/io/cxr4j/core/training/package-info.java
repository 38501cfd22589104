/**
 * What every engine shares when it trains, so that engines differ only in the network library: the
 * settings ({@link io.cxr4j.core.config.TrainingConfig}, saved in the model's manifest), the
 * request and result ({@link io.cxr4j.core.training.TrainingRequest}, {@link
 * io.cxr4j.core.training.TrainingResult}), images decoded once and cached in memory or on disk
 * ({@link io.cxr4j.core.training.PreparedImages}, {@link io.cxr4j.core.training.ImageCache}),
 * seeded shuffles and augmentation that give the same batches on every machine and engine ({@link
 * io.cxr4j.core.training.AugmentedBatches}), learning-rate schedules, class weights, and the
 * per-epoch checkpoints that let a killed run resume ({@link
 * io.cxr4j.core.training.TrainingCheckpoint}).
 */
package io.cxr4j.core.training;

import io.cxr4j.core.config.TrainingConfig;
