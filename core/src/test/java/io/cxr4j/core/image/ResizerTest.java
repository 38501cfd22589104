package io.cxr4j.core.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ResizerTest {

    @Test
    void constantImageStaysConstant() {
        GrayImage gray = constant(37, 23, 0.6f);

        for (int[] size : new int[][] {{10, 10}, {100, 7}, {5, 60}, {1, 1}}) {
            GrayImage resized = Resizer.resize(gray, size[0], size[1]);
            assertThat(resized.width()).isEqualTo(size[0]);
            assertThat(resized.height()).isEqualTo(size[1]);
            for (float p : resized.pixels()) {
                assertThat(p).isEqualTo(0.6f, within(1e-6f));
            }
        }
    }

    @Test
    void halvingACheckerboardAveragesEveryBlockToHalfGray() {
        GrayImage checker = image(32, 32, (x, y) -> (x + y) % 2);

        GrayImage half = Resizer.resize(checker, 16, 16);

        // Interior pixels see the full 4-tap antialiasing filter; border pixels lose one tap, as
        // in PIL, and are only approximately 0.5.
        for (int y = 1; y < 15; y++) {
            for (int x = 1; x < 15; x++) {
                assertThat(half.get(x, y)).isEqualTo(0.5f, within(1e-6f));
            }
        }
        assertThat(mean(half)).isEqualTo(0.5, within(1e-6));
        for (float p : half.pixels()) {
            assertThat(p).isBetween(0.4f, 0.6f);
        }
    }

    @Test
    void upscalesBilinearlyWithPixelCentresAligned() {
        GrayImage twoPixels = new GrayImage(2, 1, new float[] {0f, 1f});

        GrayImage four = Resizer.resize(twoPixels, 4, 1);

        assertThat(four.pixels()).containsExactly(new float[] {0f, 0.25f, 0.75f, 1f},
                within(1e-6f));
    }

    @Test
    void shrinkingWidensTheTriangleFilterByTheScale() {
        GrayImage ramp = new GrayImage(6, 1, new float[] {0f, 0.2f, 0.4f, 0.6f, 0.8f, 1f});

        GrayImage two = Resizer.resize(ramp, 2, 1);

        // Output 0 is centred at 1.5 with a filter 3 pixels wide each side: pixel centres
        // 0.5, 1.5, 2.5, 3.5 weigh 2/3, 1, 2/3, 1/3 before normalisation (computed by hand).
        double left = (2.0 / 3 * 0 + 1 * 0.2 + 2.0 / 3 * 0.4 + 1.0 / 3 * 0.6) / (8.0 / 3);
        assertThat(left).isEqualTo(0.25, within(1e-12));
        assertThat((double) two.get(0, 0)).isEqualTo(left, within(1e-6));
        assertThat((double) two.get(1, 0)).isEqualTo(1 - left, within(1e-6));
    }

    @Test
    void sameSizeReturnsTheImageAndBadSizesAreRefused() {
        GrayImage gray = constant(4, 3, 0.5f);

        assertThat(Resizer.resize(gray, 4, 3)).isSameAs(gray);
        assertThatThrownBy(() -> Resizer.resize(gray, 0, 3))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Resizer.toSquare(gray, 0, ResizeMode.PAD))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void isDeterministic() {
        GrayImage noisy = image(57, 41, (x, y) -> ((x * 31 + y * 17) % 11) / 10f);

        assertThat(Resizer.resize(noisy, 23, 29)).isEqualTo(Resizer.resize(noisy, 23, 29));
    }

    @Test
    void stretchFillsTheSquare() {
        GrayImage wide = constant(40, 20, 1f);

        GrayImage square = Resizer.toSquare(wide, 20, ResizeMode.STRETCH);

        assertThat(square.width()).isEqualTo(20);
        assertThat(square.height()).isEqualTo(20);
        assertThat(square.pixels()).containsOnly(1f);
    }

    @Test
    void padKeepsAspectAndCentresWideContentBetweenBlackRows() {
        GrayImage wide = constant(40, 20, 1f);

        GrayImage square = Resizer.toSquare(wide, 20, ResizeMode.PAD);

        // Padded to 40x40 (content rows 10..29), then halved: content rows 5..14. The filter
        // blends the bars' edges like any edge: row 4 takes an eighth of the light, row 5 loses it.
        for (int x = 0; x < 20; x++) {
            for (int y = 0; y < 20; y++) {
                float expected = y >= 6 && y < 14 ? 1f : y == 4 || y == 15 ? 0.125f : y == 5 || y == 14 ? 0.875f : 0f;
                assertThat(square.get(x, y)).as("(%d, %d)", x, y).isEqualTo(expected, within(1e-6f));
            }
        }
        assertThat(columnSums(square)[7]).as("all the content's light is kept").isEqualTo(10, within(1e-4));
    }

    @Test
    void padCentresTallContentBetweenBlackColumnsWithTheOddPixelRight() {
        // 11 padding columns at the original resolution: 5 left, 6 right.
        GrayImage square = Resizer.toSquare(constant(19, 30, 1f), 30, ResizeMode.PAD);

        double[] sums = columnSums(square);
        for (int x = 0; x < 30; x++) {
            assertThat(sums[x]).as("column %d", x).isEqualTo(x >= 5 && x < 24 ? 30 : 0, within(1e-5));
        }
    }

    @Test
    void centerCropKeepsTheMiddleOfTheLongerSide() {
        GrayImage wide = image(40, 20, (x, y) -> x / 39f);

        GrayImage square = Resizer.toSquare(wide, 20, ResizeMode.CENTER_CROP);

        for (int y = 0; y < 20; y++) {
            for (int x = 0; x < 20; x++) {
                assertThat(square.get(x, y)).isEqualTo((x + 10) / 39f);
            }
        }
    }

    @Test
    void centerCropScalesTheShorterSideToTheTarget() {
        GrayImage tall = image(50, 100, (x, y) -> y < 25 || y >= 75 ? 1f : 0f);

        GrayImage square = Resizer.toSquare(tall, 10, ResizeMode.CENTER_CROP);

        assertThat(square.width()).isEqualTo(10);
        // Rows 25..74 are kept: all black, the white ends are cut off.
        assertThat(square.pixels()).containsOnly(0f);
    }

    @ParameterizedTest
    @EnumSource(ResizeMode.class)
    void squareInputStaysTheSameInEveryMode(ResizeMode mode) {
        GrayImage square = image(30, 30, (x, y) -> (x * y % 7) / 6f);

        assertThat(Resizer.toSquare(square, 30, mode)).isEqualTo(square);
        assertThat(Resizer.toSquare(square, 12, mode))
                .isEqualTo(Resizer.resize(square, 12, 12));
    }

    private static GrayImage constant(int width, int height, float value) {
        float[] pixels = new float[width * height];
        Arrays.fill(pixels, value);
        return new GrayImage(width, height, pixels);
    }

    private interface PixelFunction {
        float value(int x, int y);
    }

    private static GrayImage image(int width, int height, PixelFunction f) {
        float[] pixels = new float[width * height];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                pixels[y * width + x] = f.value(x, y);
            }
        }
        return new GrayImage(width, height, pixels);
    }

    private static double mean(GrayImage image) {
        double sum = 0;
        for (float p : image.pixels()) {
            sum += p;
        }
        return sum / image.pixels().length;
    }

    private static double[] columnSums(GrayImage image) {
        double[] sums = new double[image.width()];
        for (int y = 0; y < image.height(); y++) {
            for (int x = 0; x < image.width(); x++) {
                sums[x] += image.get(x, y);
            }
        }
        return sums;
    }
}
