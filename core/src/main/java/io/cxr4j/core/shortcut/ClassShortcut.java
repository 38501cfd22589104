package io.cxr4j.core.shortcut;

/**
 * The shortcut check's result for the images of one true class.
 *
 * @param className the class the images belong to
 * @param images the number of explained images of the class
 * @param emptyMaps how many of them had an all-zero heat map (left out of the means)
 * @param meanOutsideCentral the mean share of heat-map mass outside the central lung-field box
 * @param meanBorder the mean share of heat-map mass in the outer border bands
 * @param peakInBorder the share of images whose hottest area is centred in the border bands
 * @param peaksInBorderCount how many images that is, of the {@code images - emptyMaps} measured
 * @param massInBorder whether {@code meanBorder} exceeds the check's warning threshold
 * @param peaksInBorder whether {@code peakInBorder} is above chance ({@link
 *     ShortcutCheck#peakInBorderChance}) even at the lower end of its Wilson 95% interval, so that a
 *     class whose maps peak at the edge far more often than chance is flagged even when most of its
 *     heat lies elsewhere
 * @param reliesOnBorder whether either sign says the network relies on the border for this class
 */
public record ClassShortcut(String className, int images, int emptyMaps, double meanOutsideCentral,
        double meanBorder, double peakInBorder, long peaksInBorderCount, boolean massInBorder,
        boolean peaksInBorder, boolean reliesOnBorder) {

    /**
     * Checks that the verdict follows from its two signs.
     *
     * @param className the class the images belong to
     * @param images the number of explained images of the class
     * @param emptyMaps how many of them had an all-zero heat map
     * @param meanOutsideCentral the mean share of heat-map mass outside the central box, 0 to 1
     * @param meanBorder the mean share of heat-map mass in the border bands, 0 to 1
     * @param peakInBorder the share of measured images whose hottest area is centred in the border bands
     * @param peaksInBorderCount how many images that is
     * @param massInBorder whether {@code meanBorder} exceeds the warning threshold
     * @param peaksInBorder whether {@code peakInBorder} is clearly above chance
     * @param reliesOnBorder whether either sign holds; must equal {@code massInBorder || peaksInBorder}
     * @throws IllegalArgumentException when {@code reliesOnBorder} does not follow from the two signs
     */
    public ClassShortcut {
        if (reliesOnBorder != (massInBorder || peaksInBorder)) {
            throw new IllegalArgumentException("reliesOnBorder must be massInBorder || peaksInBorder");
        }
    }
}
