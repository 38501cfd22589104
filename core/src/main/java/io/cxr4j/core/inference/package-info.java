/**
 * Classifying chest X-ray image files with a trained model. {@link
 * io.cxr4j.core.inference.XrayClassifier} loads a model directory, applies the preprocessing saved
 * with the model in plain Java, runs the network on the engine that trained it and returns a
 * {@link io.cxr4j.core.inference.Prediction} per image ({@link
 * io.cxr4j.core.inference.BatchPredictions} for many, with unreadable files skipped and listed).
 * {@link io.cxr4j.core.inference.ProbabilityTranslator} is the DJL translator every engine serves
 * with, so that all engines turn logits into probabilities the same way.
 */
package io.cxr4j.core.inference;
