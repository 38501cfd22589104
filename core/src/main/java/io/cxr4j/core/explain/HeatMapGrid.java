package io.cxr4j.core.explain;

/**
 * The resolution of a model's Grad-CAM maps: the cells of the feature maps they are computed on,
 * and the input they are enlarged to. It decides what the {@link io.cxr4j.core.shortcut.ShortcutCheck} can see: coarse
 * maps cannot put their heat in a thin border band, nor peak there, however the network looks.
 *
 * @param cellsWide the feature maps' width in cells ({@link ExplanationMetadata#featureMapWidth()})
 * @param cellsHigh their height in cells
 * @param width the width of the measured heat maps in pixels (the model's input)
 * @param height their height in pixels
 */
public record HeatMapGrid(int cellsWide, int cellsHigh, int width, int height) {

    /**
     * Validates the sizes.
     *
     * @param cellsWide the feature maps' width in cells, at least 1
     * @param cellsHigh their height in cells, at least 1
     * @param width the width of the measured heat maps in pixels, at least {@code cellsWide}
     * @param height their height in pixels, at least {@code cellsHigh}
     * @throws IllegalArgumentException when there is no cell or more cells than pixels along a side
     */
    public HeatMapGrid {
        if (cellsWide < 1 || cellsHigh < 1 || width < cellsWide || height < cellsHigh) {
            throw new IllegalArgumentException("A heat-map grid needs at least one cell and no more cells than pixels,"
                    + " but has " + cellsWide + " x " + cellsHigh + " cells over " + width + " x " + height + " pixels");
        }
    }

    /**
     * The grid of an explanation's input heat map.
     *
     * @param explanation an explanation
     * @return its feature-map cells and input size
     */
    public static HeatMapGrid of(Explanation explanation) {
        return new HeatMapGrid(explanation.metadata().featureMapWidth(), explanation.metadata().featureMapHeight(),
                explanation.inputHeatMap().width(), explanation.inputHeatMap().height());
    }
}
