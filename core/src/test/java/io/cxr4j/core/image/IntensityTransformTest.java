package io.cxr4j.core.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The expected values are worked out by hand in the comments, from the definitions in the javadoc. */
class IntensityTransformTest {

    private static final float EXACT = 1e-6f;

    @Test
    void noneReturnsTheImageItself() {
        GrayImage image = new GrayImage(2, 1, new float[] {0.2f, 0.7f});

        assertThat(IntensityTransform.NONE.apply(image)).isSameAs(image);
    }

    @Test
    void histogramEqualizationMapsTheCumulativeCountsFromTheDarkestLevel() {
        // Levels floor(256 v): 0, 64, 64, 192, 255; pixels at or below each: 1, 3, 3, 4, 5 of n = 5.
        // (cdf - cdf(darkest)) / (n - cdf(darkest)) = (cdf - 1) / 4.
        GrayImage image = new GrayImage(5, 1, new float[] {0f, 0.25f, 0.25f, 0.75f, 1f});

        GrayImage equalized = IntensityTransform.HISTOGRAM_EQUALIZATION.apply(image);

        assertThat(equalized.pixels()).containsExactly(new float[] {0f, 0.5f, 0.5f, 0.75f, 1f}, within(EXACT));
    }

    @Test
    void histogramEqualizationSpreadsANarrowRangeOverTheWholeScale() {
        // Levels 25, 25, 128, 230: cumulative counts 2, 3, 4 of 4; (cdf - 2) / 2 = 0, 0.5, 1.
        GrayImage image = new GrayImage(2, 2, new float[] {0.1f, 0.1f, 0.5f, 0.9f});

        GrayImage equalized = IntensityTransform.HISTOGRAM_EQUALIZATION.apply(image);

        assertThat(equalized.pixels()).containsExactly(new float[] {0f, 0f, 0.5f, 1f}, within(EXACT));
    }

    @Test
    void histogramEqualizationLeavesAnImageOfOneLevelUnchanged() {
        GrayImage flat = new GrayImage(3, 3, new float[] {0.4f, 0.4f, 0.4f, 0.4f, 0.4f, 0.4f, 0.4f, 0.4f, 0.4f});

        assertThat(IntensityTransform.HISTOGRAM_EQUALIZATION.apply(flat)).isSameAs(flat);
    }

    @Test
    void claheWithOneTileAndNoClippingIsTheCumulativeHistogram() {
        // One tile of 4 pixels, clip max(1, 1000 * 4 / 256) = 15.6 never reached: cdf / 4 at levels
        // 25, 25, 128, 230 = 2/4, 2/4, 3/4, 4/4.
        GrayImage image = new GrayImage(2, 2, new float[] {0.1f, 0.1f, 0.5f, 0.9f});

        GrayImage result = Equalization.clahe(image, 1, 1, 1000);

        assertThat(result.pixels()).containsExactly(new float[] {0.5f, 0.5f, 0.75f, 1f}, within(EXACT));
    }

    @Test
    void claheClipsTheHistogramAndSpreadsTheExcessOverAllLevels() {
        // Clip max(1, 2 * 4 / 256) = 1: level 25 holds 2, keeps 1; the excess 1 adds 1/256 to each of
        // the 256 levels. Cumulative / 4: level 25: (1 + 26/256) / 4 = 282/1024; level 128:
        // (2 + 129/256) / 4 = 641/1024; level 230: (3 + 231/256) / 4 = 999/1024.
        GrayImage image = new GrayImage(2, 2, new float[] {0.1f, 0.1f, 0.5f, 0.9f});

        GrayImage result = Equalization.clahe(image, 1, 1, 2);

        assertThat(result.pixels()).containsExactly(
                new float[] {282f / 1024, 282f / 1024, 641f / 1024, 999f / 1024}, within(EXACT));
    }

    @Test
    void claheInterpolatesBetweenTheNearestTileCentres() {
        // Two tiles of 2 pixels (levels 51, 51 | 204, 204), centres at x = 1 and 3 (pixel centres at
        // x + 0.5). Tile 0 maps levels 51 and 204 to 1; tile 1 maps 51 to 0 and 204 to 1.
        // x = 0 lies left of the first centre: tile 0 alone, 1. x = 1: a quarter of the way to
        // tile 1: 0.75 * 1 + 0.25 * 0 = 0.75. x = 2: 0.25 * 1 + 0.75 * 1 = 1. x = 3: tile 1 alone, 1.
        GrayImage image = new GrayImage(4, 1, new float[] {0.2f, 0.2f, 0.8f, 0.8f});

        GrayImage result = Equalization.clahe(image, 2, 1, 1000);

        assertThat(result.pixels()).containsExactly(new float[] {1f, 0.75f, 1f, 1f}, within(EXACT));
    }

    @Test
    void claheOfAFlatImageGivesTheSameValueEverywhere() {
        // 16x16 in 8x8 tiles of 2x2 pixels, all at level 128. Clip max(1, 2 * 4 / 256) = 1: the
        // tile keeps 1 of 4, the excess 3 adds 3/256 to each level; (1 + 129 * 3/256) / 4 = 643/1024.
        float[] pixels = new float[16 * 16];
        Arrays.fill(pixels, 0.5f);

        GrayImage result = IntensityTransform.CLAHE.apply(new GrayImage(16, 16, pixels));

        for (float value : result.pixels()) {
            assertThat(value).isEqualTo(643f / 1024, within(EXACT));
        }
    }

    @Test
    void claheKeepsTheSizeAndTheValueRangeOnImagesOfAnyShape() {
        Random random = new Random(3);
        for (int[] size : new int[][] {{37, 23}, {5, 130}, {128, 128}}) {
            float[] pixels = new float[size[0] * size[1]];
            for (int i = 0; i < pixels.length; i++) {
                pixels[i] = random.nextFloat();
            }
            GrayImage result = IntensityTransform.CLAHE.apply(new GrayImage(size[0], size[1], pixels));

            assertThat(result.width()).isEqualTo(size[0]);
            assertThat(result.height()).isEqualTo(size[1]);
            for (float value : result.pixels()) {
                assertThat(value).isBetween(0f, 1f);
            }
        }
    }
}
