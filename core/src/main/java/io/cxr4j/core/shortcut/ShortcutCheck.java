package io.cxr4j.core.shortcut;

import io.cxr4j.core.explain.HeatMapGrid;
import io.cxr4j.core.explain.HeatMap;
import io.cxr4j.core.metrics.Proportion;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Measures whether a network's Grad-CAM attention falls on the lungs or on the image border.
 *
 * <p>The regions are fixed fractions of the image the network saw, its square input (centre-cropped,
 * padded or stretched as its preprocessing says), not a lung segmentation. Measuring the input
 * rather than the original film matters: the parts a centre crop cuts off can hold no heat, and a
 * padding bar, which the network does see, is not part of the original. The
 * <em>central lung field</em> is the centred box of {@value #DEFAULT_CENTRAL_WIDTH} of the width
 * by {@value #DEFAULT_CENTRAL_HEIGHT} of the height, which holds both lungs on a
 * posterior-anterior chest film; the <em>border bands</em> are the outer {@value
 * #DEFAULT_BORDER_BAND} of each side, where radiographers' text labels, side markers, rulers and
 * collimation edges sit. A pixel belongs to a region when its centre does.
 *
 * <p>A class is flagged when the mean share of heat-map mass in the border bands exceeds the
 * warning threshold, by default the share of the image the bands cover (36% with 10% bands): a
 * network that looks at the lungs puts less of its attention there than an evenly spread map
 * would, one keyed on labels or edges more. It is also flagged when its maps peak in the border
 * bands clearly more often than chance (the Wilson 95% interval of that rate lies above {@link
 * #peakInBorderChance}): a network can keep most of its heat on the lungs and still decide on an
 * edge. Regions and threshold can be changed with {@link
 * #builder()}.
 */
public final class ShortcutCheck {

    /** Default width of the central lung-field box, as a fraction of the image width. */
    public static final double DEFAULT_CENTRAL_WIDTH = 0.7;
    /** Default height of the central lung-field box, as a fraction of the image height. */
    public static final double DEFAULT_CENTRAL_HEIGHT = 0.8;
    /** Default width of each border band, as a fraction of the image side. */
    public static final double DEFAULT_BORDER_BAND = 0.1;

    private final double centralWidth;
    private final double centralHeight;
    private final double borderBand;
    private final double warningThreshold;

    private ShortcutCheck(Builder builder) {
        this.centralWidth = builder.centralWidth;
        this.centralHeight = builder.centralHeight;
        this.borderBand = builder.borderBand;
        this.warningThreshold = Double.isNaN(builder.warningThreshold) ? borderArea() : builder.warningThreshold;
    }

    /** @return a check with the default regions and threshold */
    public static ShortcutCheck defaults() {
        return builder().build();
    }

    /** @return a builder starting from the defaults */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the fraction of an image that the border bands cover */
    public double borderArea() {
        double inner = 1 - 2 * borderBand;
        return 1 - inner * inner;
    }

    /** @return the fraction of an image outside the central box */
    public double outsideCentralArea() {
        return 1 - centralWidth * centralHeight;
    }

    /** @return the mean border share above which a class is flagged */
    public double warningThreshold() {
        return warningThreshold;
    }

    /**
     * Splits one heat map's mass over the regions.
     *
     * @param map a heat map over the model's square input ({@link io.cxr4j.core.explain.Explanation#inputHeatMap()})
     * @return the shares
     */
    public RegionShares measure(HeatMap map) {
        int width = map.width();
        int height = map.height();
        double total = 0;
        double outside = 0;
        double border = 0;
        for (int y = 0; y < height; y++) {
            double fy = (y + 0.5) / height;
            boolean rowInBorder = inBand(fy);
            boolean rowCentral = Math.abs(fy - 0.5) <= centralHeight / 2;
            for (int x = 0; x < width; x++) {
                float v = map.values()[y * width + x];
                double fx = (x + 0.5) / width;
                total += v;
                if (!(rowCentral && Math.abs(fx - 0.5) <= centralWidth / 2)) {
                    outside += v;
                }
                if (rowInBorder || inBand(fx)) {
                    border += v;
                }
            }
        }
        if (total == 0) {
            return new RegionShares(0, Double.NaN, Double.NaN, false);
        }
        return new RegionShares(total, outside / total, border / total, peakInBorder(map));
    }

    /**
     * Whether the centre of the map's hottest area lies in the border bands. An enlarged coarse map
     * is flat from an edge cell's centre out to the image edge; taking the first hottest pixel
     * would count such a plateau as border at the top and left edges but not at the bottom and
     * right, so the plateau's centre decides.
     */
    private boolean peakInBorder(HeatMap map) {
        // Exact ties: the flat part of an enlarged map repeats its edge cell's value bit for bit.
        float max = map.max();
        double sumX = 0;
        double sumY = 0;
        long count = 0;
        for (int y = 0; y < map.height(); y++) {
            for (int x = 0; x < map.width(); x++) {
                if (map.values()[y * map.width() + x] == max) {
                    sumX += x + 0.5;
                    sumY += y + 0.5;
                    count++;
                }
            }
        }
        return inBand(sumX / count / map.width()) || inBand(sumY / count / map.height());
    }

    private boolean inBand(double fraction) {
        return fraction < borderBand || fraction > 1 - borderBand;
    }

    /**
     * How often a map's hottest point would lie in the border bands if its hottest feature-map cell
     * were drawn at random: the chance level of {@link RegionShares#peakInBorder()}. It is not the
     * bands' share of the area, because Grad-CAM maps are coarse and then enlarged: the enlarged map
     * is flat from an edge cell's centre out to the image edge, so for DarkCovidNet's 4 x 4 maps (128
     * px input) a peak in any of the 12 outer cells counts as border, and the chance is 75%, not 36%.
     *
     * @param grid the maps' resolution
     * @return the share of cells whose peak the check counts as in the border
     */
    public double peakInBorderChance(HeatMapGrid grid) {
        // Enlarging is separable and a single hot cell's profile peaks where its row's and its
        // column's do, so columns and rows can be judged on their own: a cell is inside only when
        // both are.
        double innerColumns = innerShare(grid.cellsWide(), grid.width(), true);
        double innerRows = innerShare(grid.cellsHigh(), grid.height(), false);
        return 1 - innerColumns * innerRows;
    }

    /**
     * Whether the check can flag anything on maps of a resolution: whether a map hot in a single
     * corner cell, once enlarged, puts more than the warning threshold of its mass in the border
     * bands, or whether some but not all cells peak there. Maps of 2 x 2 cells (DarkCovidNet at 64
     * px) and of 1 x 1 (at 32 px) do neither.
     *
     * @param grid the maps' resolution
     * @return false when the check is blind at this resolution
     */
    public boolean canFlag(HeatMapGrid grid) {
        float[] hotCorner = new float[grid.cellsWide() * grid.cellsHigh()];
        hotCorner[0] = 1f;
        RegionShares corner = measure(new HeatMap(grid.cellsWide(), grid.cellsHigh(), hotCorner)
                .resize(grid.width(), grid.height()));
        double chance = peakInBorderChance(grid);
        // A margin, since a 1 x 1 map enlarges to an even map whose share equals the threshold up to
        // rounding; and the peak test can only fire when chance leaves room above and below.
        return corner.border() > warningThreshold + 1e-9 || (chance > 0 && chance < 1);
    }

    /** The share of a map's columns (or rows) whose single hot cell, enlarged, peaks inside the bands. */
    private double innerShare(int cells, int enlarged, boolean columns) {
        int inner = 0;
        for (int cell = 0; cell < cells; cell++) {
            float[] hotCell = new float[cells];
            hotCell[cell] = 1f;
            HeatMap line = columns ? new HeatMap(cells, 1, hotCell).resize(enlarged, 1)
                    : new HeatMap(1, cells, hotCell).resize(1, enlarged);
            inner += peakInBorder(line) ? 0 : 1;
        }
        return (double) inner / cells;
    }

    /**
     * Summarises measured heat maps per true class.
     *
     * @param sharesPerClass the shares of each image, grouped by the image's true class, in class
     *     order (use an ordered map)
     * @param grid the maps' resolution, or null when no map was measured
     * @return the report, flagging the classes that rely on the border
     */
    public ShortcutReport summarise(Map<String, List<RegionShares>> sharesPerClass, HeatMapGrid grid) {
        double peakChance = grid == null ? Double.NaN : peakInBorderChance(grid);
        List<ClassShortcut> classes = new ArrayList<>();
        sharesPerClass.forEach((className, shares) -> {
            List<RegionShares> measured = shares.stream().filter(s -> !s.empty()).toList();
            double outside = measured.stream().mapToDouble(RegionShares::outsideCentral).average().orElse(Double.NaN);
            double border = measured.stream().mapToDouble(RegionShares::border).average().orElse(Double.NaN);
            long peakCount = measured.stream().filter(RegionShares::peakInBorder).count();
            double peaks = measured.isEmpty() ? Double.NaN : (double) peakCount / measured.size();
            boolean massInBorder = border > warningThreshold;
            boolean peaksInBorder = !measured.isEmpty()
                    && new Proportion(peakCount, measured.size()).wilson95().lower() > peakChance;
            classes.add(new ClassShortcut(className, shares.size(), shares.size() - measured.size(), outside, border,
                    peaks, peakCount, massInBorder, peaksInBorder, massInBorder || peaksInBorder));
        });
        return new ShortcutReport(centralWidth, centralHeight, borderBand, outsideCentralArea(), borderArea(),
                warningThreshold, peakChance, grid != null && canFlag(grid), classes);
    }

    /** Builds a {@link ShortcutCheck}; every setting starts at its documented default. */
    public static final class Builder {
        private double centralWidth = DEFAULT_CENTRAL_WIDTH;
        private double centralHeight = DEFAULT_CENTRAL_HEIGHT;
        private double borderBand = DEFAULT_BORDER_BAND;
        private double warningThreshold = Double.NaN;

        private Builder() {}

        /**
         * @param width the central box's width, a fraction in (0, 1]
         * @param height its height, a fraction in (0, 1]
         * @return this builder
         */
        public Builder optCentralBox(double width, double height) {
            this.centralWidth = fraction(width, "central box width");
            this.centralHeight = fraction(height, "central box height");
            return this;
        }

        /**
         * @param band each border band's width, a fraction in (0, 0.5)
         * @return this builder
         */
        public Builder optBorderBand(double band) {
            if (!(band > 0 && band < 0.5)) {
                throw new IllegalArgumentException("Border band must lie in (0, 0.5), but is " + band);
            }
            this.borderBand = band;
            return this;
        }

        /**
         * @param threshold the mean border share above which a class is flagged, in (0, 1);
         *     default: the share of the image the bands cover
         * @return this builder
         */
        public Builder optWarningThreshold(double threshold) {
            this.warningThreshold = fraction(threshold, "warning threshold");
            return this;
        }

        /** @return the check */
        public ShortcutCheck build() {
            return new ShortcutCheck(this);
        }

        private static double fraction(double value, String what) {
            if (!(value > 0 && value <= 1)) {
                throw new IllegalArgumentException("The " + what + " must lie in (0, 1], but is " + value);
            }
            return value;
        }
    }
}
