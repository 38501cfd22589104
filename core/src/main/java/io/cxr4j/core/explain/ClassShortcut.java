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
 * @param massInBorder whether {@code meanBorder} exceeds the check's warning threshold
 * @param peaksInBorder whether {@code peakInBorder} is above the border bands' share of the image
 *     even at the lower end of its Wilson 95% interval: an evenly spread map peaks there only that
 *     often, so a class whose maps mostly peak at the edge is flagged even when most of its heat lies
 *     elsewhere
 */
public record ClassShortcut(String className, int images, int emptyMaps, double meanOutsideCentral,
        double meanBorder, double peakInBorder, boolean massInBorder, boolean peaksInBorder) {

    /** @return whether either sign says the network relies on the border for this class */
    public boolean reliesOnBorder() {
        return massInBorder || peaksInBorder;
    }

    /** @return how many maps peak in the border bands, of the {@code images - emptyMaps} measured */
    public long peaksInBorderCount() {
        return Math.round(peakInBorder * (images - emptyMaps));
    }
}
