/**
 * Explanations of predictions: Grad-CAM heat maps ({@link io.cxr4j.core.explain.Explanation}),
 * their rendering over the X-ray, a portable float-array file, and the shortcut check that measures
 * how much of a network's attention falls on the image border instead of the lungs.
 *
 * <p>Published COVID-19 X-ray classifiers were shown to key on text labels, borders and devices
 * instead of the lungs (DeGrave et al., Nature Machine Intelligence 2021); these tools make that
 * visible and measurable.
 */
package io.cxr4j.core.explain;
