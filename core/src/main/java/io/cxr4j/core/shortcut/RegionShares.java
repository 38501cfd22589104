package io.cxr4j.core.shortcut;

/**
 * How one heat map's mass splits over the regions of a {@link ShortcutCheck}.
 *
 * @param total the map's total mass; 0 when no region supports the explained class
 * @param outsideCentral the share of the mass outside the central lung-field box, NaN when empty
 * @param border the share of the mass in the outer border bands, NaN when empty
 * @param peakInBorder whether the centre of the map's hottest area lies in the border bands (false when empty)
 */
public record RegionShares(double total, double outsideCentral, double border, boolean peakInBorder) {

    /** @return whether the map has no mass at all, so that its shares are undefined */
    public boolean empty() {
        return total == 0;
    }
}
