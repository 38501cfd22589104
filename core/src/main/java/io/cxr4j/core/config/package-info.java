/**
 * The settings of a training run: {@link io.cxr4j.core.config.TrainingConfig} (architecture,
 * preprocessing, augmentation, optimizer, schedule, class weighting, seed and number format), saved
 * verbatim in every model's manifest, with the values it is made of ({@link
 * io.cxr4j.core.config.LearningRateSchedule}, {@link io.cxr4j.core.config.ClassWeighting}, {@link
 * io.cxr4j.core.config.Precision}). They depend on nothing but the image settings, so that the model
 * format, the engines and the training run can all read them.
 */
package io.cxr4j.core.config;
