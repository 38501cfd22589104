package io.cxr4j.core.explain;

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
 * bands clearly more often than the bands' share of the image (the Wilson 95% interval of that rate
 * lies above it): a network can keep most of its heat on the lungs and still decide on an edge. Regions and threshold can be changed with {@link
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
     * @param map a heat map over the model's square input ({@link Explanation#inputHeatMap()})
     * @return the shares
     */
    public RegionShares measure(HeatMap map) {
        int width = map.width();
        int height = map.height();
        double total = 0;
        double outside = 0;
        double border = 0;
        float peak = -1;
        boolean peakInBorder = false;
        for (int y = 0; y < height; y++) {
            double fy = (y + 0.5) / height;
            boolean rowInBorder = fy < borderBand || fy > 1 - borderBand;
            boolean rowCentral = Math.abs(fy - 0.5) <= centralHeight / 2;
            for (int x = 0; x < width; x++) {
                float v = map.values()[y * width + x];
                double fx = (x + 0.5) / width;
                boolean inBorder = rowInBorder || fx < borderBand || fx > 1 - borderBand;
                total += v;
                if (!(rowCentral && Math.abs(fx - 0.5) <= centralWidth / 2)) {
                    outside += v;
                }
                if (inBorder) {
                    border += v;
                }
                if (v > peak) {
                    peak = v;
                    peakInBorder = inBorder;
                }
            }
        }
        if (total == 0) {
            return new RegionShares(0, Double.NaN, Double.NaN, false);
        }
        return new RegionShares(total, outside / total, border / total, peakInBorder);
    }

    /**
     * Summarises measured heat maps per true class.
     *
     * @param sharesPerClass the shares of each image, grouped by the image's true class, in class
     *     order (use an ordered map)
     * @return the report, flagging the classes that rely on the border
     */
    public ShortcutReport summarise(Map<String, List<RegionShares>> sharesPerClass) {
        List<ClassShortcut> classes = new ArrayList<>();
        sharesPerClass.forEach((className, shares) -> {
            List<RegionShares> measured = shares.stream().filter(s -> !s.empty()).toList();
            double outside = measured.stream().mapToDouble(RegionShares::outsideCentral).average().orElse(Double.NaN);
            double border = measured.stream().mapToDouble(RegionShares::border).average().orElse(Double.NaN);
            long peakCount = measured.stream().filter(RegionShares::peakInBorder).count();
            double peaks = measured.isEmpty() ? Double.NaN : (double) peakCount / measured.size();
            boolean peaksInBorder = !measured.isEmpty()
                    && new Proportion(peakCount, measured.size()).wilson95().lower() > borderArea();
            classes.add(new ClassShortcut(className, shares.size(), shares.size() - measured.size(), outside, border,
                    peaks, border > warningThreshold, peaksInBorder));
        });
        return new ShortcutReport(centralWidth, centralHeight, borderBand, outsideCentralArea(), borderArea(),
                warningThreshold, classes);
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
