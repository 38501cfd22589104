package io.cxr4j.core.explain;

/**
 * The shortcut check's result for the images of one true class.
 *
 * @param className the class the images belong to
 * @param images the number of explained images of the class
 * @param emptyMaps how many of them had an all-zero heat map (left out of the means)
 * @param meanOutsideCentral the mean share of heat-map mass outside the central lung-field box
 * @param meanBorder the mean share of heat-map mass in the outer border bands
 * @param peakInBorder the share of images whose hottest pixel lies in the border bands
 * @param reliesOnBorder whether {@code meanBorder} exceeds the check's warning threshold
 */
public record ClassShortcut(String className, int images, int emptyMaps, double meanOutsideCentral,
        double meanBorder, double peakInBorder, boolean reliesOnBorder) {}
