package io.cxr4j.core.shortcut;

import java.util.List;
import java.util.Locale;

/**
 * The shortcut check over a data set: per true class, how much of the network's Grad-CAM attention
 * falls outside the central lung field and in the border bands where text labels, markers and
 * collimation edges sit, compared with the share of the image those regions cover.
 *
 * @param centralWidth the central box's width as a fraction of the image width
 * @param centralHeight its height as a fraction of the image height
 * @param borderBand the width of each border band as a fraction of the image side
 * @param outsideCentralArea the fraction of the image outside the central box
 * @param borderArea the fraction of the image in the border bands
 * @param warningThreshold the mean border share above which a class is flagged
 * @param peakChance how often a map would peak in the border bands by chance ({@link
 *     ShortcutCheck#peakInBorderChance})
 * @param canFlag whether the check can flag anything at the maps' resolution ({@link
 *     ShortcutCheck#canFlag}); when false, no warning means nothing
 * @param classes one entry per class, in the data set's class order
 */
public record ShortcutReport(double centralWidth, double centralHeight, double borderBand,
        double outsideCentralArea, double borderArea, double warningThreshold, double peakChance, boolean canFlag,
        List<ClassShortcut> classes) {

    /**
     * Freezes the class list.
     *
     * @param centralWidth the central box's width as a fraction of the image width
     * @param centralHeight its height as a fraction of the image height
     * @param borderBand the width of each border band as a fraction of the image side
     * @param outsideCentralArea the fraction of the image outside the central box
     * @param borderArea the fraction of the image in the border bands
     * @param warningThreshold the mean border share above which a class is flagged
     * @param peakChance how often a map would peak in the border bands by chance
     * @param canFlag whether the check can flag anything at the maps' resolution
     * @param classes one entry per class, in the data set's class order; copied
     */
    public ShortcutReport {
        classes = List.copyOf(classes);
    }

    /** @return whether any class relies on the border */
    public boolean reliesOnBorder() {
        return classes.stream().anyMatch(ClassShortcut::reliesOnBorder);
    }

    /** @return the classes with images whose every heat map was empty, so the check has nothing to judge */
    public List<String> unmeasured() {
        return classes.stream().filter(c -> c.images() > 0 && c.emptyMaps() == c.images())
                .map(ClassShortcut::className).toList();
    }

    /** @return one warning sentence per class that relies on the border */
    public List<String> warnings() {
        return classes.stream().filter(ClassShortcut::reliesOnBorder).map(this::warning).toList();
    }

    private String warning(ClassShortcut c) {
        String mass = String.format(Locale.ROOT, "%.1f%% of the Grad-CAM mass lies in the outer %.0f%% border bands,"
                + " which cover %.1f%% of the model's input (warning above %.1f%%)", 100 * c.meanBorder(),
                100 * borderBand, 100 * borderArea, 100 * warningThreshold);
        String peaks = String.format(Locale.ROOT, "%.1f%% of its heat maps peak there (%d of %d; %.1f%% would by"
                + " chance%s)", 100 * c.peakInBorder(), c.peaksInBorderCount(), c.images() - c.emptyMaps(),
                100 * peakChance, c.peaksInBorder() ? ", which this clearly exceeds" : "");
        return "For class '" + c.className() + "', " + mass + ", and " + peaks + (c.massInBorder()
                ? ": the network relies on the image border (text labels, markers, collimation edges) rather than"
                        + " the lungs."
                : ": its strongest evidence sits at the image border (text labels, markers, collimation edges),"
                        + " not on the lungs, though most of its heat lies elsewhere.")
                + " Look at the overlays before trusting its scores.";
    }
}
