/**
 * The shortcut check: how much of a network's Grad-CAM attention falls on the image border, where
 * text labels, side markers and collimation edges sit, instead of the lungs ({@link
 * io.cxr4j.core.shortcut.ShortcutCheck}), per class and with Wilson intervals ({@link
 * io.cxr4j.core.shortcut.ShortcutReport}).
 *
 * <p>Published COVID-19 X-ray classifiers were shown to key on text labels, borders and devices
 * instead of the lungs (DeGrave et al., Nature Machine Intelligence 2021); this check makes that
 * measurable.
 */
package io.cxr4j.core.shortcut;
