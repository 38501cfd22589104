/**
 * Classifying chest X-ray image files with a trained model. {@link
 * io.cxr4j.core.inference.XrayClassifier} loads a model directory, applies the preprocessing saved
 * with the model in plain Java, runs the network on the engine that trained it and returns a
 * {@link io.cxr4j.core.data.Prediction} per image ({@link io.cxr4j.core.data.BatchPredictions} for
 * many, with unreadable files skipped and listed), and a Grad-CAM {@link
 * io.cxr4j.core.explain.Explanation} where the engine can compute one.
 */
package io.cxr4j.core.inference;

