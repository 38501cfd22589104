/**
 * Explanations of predictions: Grad-CAM heat maps ({@link io.cxr4j.core.explain.Explanation}), their
 * rendering over the X-ray and a portable float-array file. What the heat maps of many images say
 * about a network is measured in {@code io.cxr4j.core.shortcut}.
 */
package io.cxr4j.core.explain;

