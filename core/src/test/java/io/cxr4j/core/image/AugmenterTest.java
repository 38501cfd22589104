package io.cxr4j.core.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AugmenterTest {

    private static final double CENTRE = 0.5; // nextDouble() value that draws 0 of a range
    private static final double HIGH = 1.0; // nextDouble() value that draws +max of a range

    @Test
    void sameSeedGivesIdenticalImages() {
        GrayImage image = pattern(48, 40);
        Augmenter augmenter = new Augmenter(AugmentationSpec.defaults());

        Random first = new Random(42);
        Random second = new Random(42);
        for (int i = 0; i < 5; i++) {
            assertThat(augmenter.apply(image, first)).isEqualTo(augmenter.apply(image, second));
        }
    }

    @Test
    void differentSeedsGiveDifferentImages() {
        GrayImage image = pattern(48, 40);
        Augmenter augmenter = new Augmenter(AugmentationSpec.defaults());

        assertThat(augmenter.apply(image, new Random(1)))
                .isNotEqualTo(augmenter.apply(image, new Random(2)));
    }

    @Test
    void drawsSixValuesPerCallWhateverTheSpec() {
        GrayImage image = pattern(8, 8);
        Random used = new Random(7);
        new Augmenter(AugmentationSpec.none()).apply(image, used);
        new Augmenter(AugmentationSpec.defaults()).apply(image, used);
        new Augmenter(AugmentationSpec.seedProject()).apply(image, used);

        assertStreamIsPast(used, 7, 18);
    }

    @Test
    void horizontalFlipsDrawOneMoreValueAfterTheSix() {
        GrayImage image = pattern(8, 8);
        Random used = new Random(7);
        new Augmenter(AugmentationSpec.defaults().withHorizontalFlip(true)).apply(image, used);

        assertStreamIsPast(used, 7, 7);
    }

    @Test
    void flipMirrorsLeftToRightWhenItsDrawIsBelowOneHalf() {
        Augmenter flipOnly = new Augmenter(AugmentationSpec.none().withHorizontalFlip(true));
        GrayImage dot = dot(5, 3, 1, 2);

        GrayImage mirrored = flipOnly.apply(dot, fixed(CENTRE, CENTRE, CENTRE, CENTRE, CENTRE,
                CENTRE, 0.25));
        GrayImage kept = flipOnly.apply(dot, fixed(CENTRE, CENTRE, CENTRE, CENTRE, CENTRE,
                CENTRE, 0.75));

        assertThat(mirrored).isEqualTo(dot(5, 3, 3, 2));
        assertThat(kept).isEqualTo(dot);
    }

    @Test
    void flipsMirrorAboutHalfOfTheImages() {
        Augmenter flipOnly = new Augmenter(AugmentationSpec.none().withHorizontalFlip(true));
        GrayImage dot = dot(4, 1, 0, 0);
        Random random = new Random(5);

        int mirrored = 0;
        for (int i = 0; i < 1000; i++) {
            if (flipOnly.apply(dot, random).get(3, 0) == 1f) {
                mirrored++;
            }
        }
        assertThat(mirrored).isBetween(440, 560);
    }

    @Test
    void noneIsTheIdentityAndLeavesTheInputAlone() {
        GrayImage image = pattern(31, 17);
        float[] before = image.pixels().clone();

        GrayImage out = new Augmenter(AugmentationSpec.none()).apply(image, new Random(3));

        assertThat(out).isEqualTo(image);
        assertThat(out.pixels()).isNotSameAs(image.pixels());
        assertThat(image.pixels()).containsExactly(before);
    }

    @Test
    void shiftMovesABrightPixelRightAndDown() {
        GrayImage dot = dot(16, 16, 5, 5);
        Augmenter shiftOnly = new Augmenter(new AugmentationSpec(0, 0, 0.125, 0, 0));

        // +12.5% of 16 pixels = 2 pixels right; y draws 0.
        GrayImage moved = shiftOnly.apply(dot, fixed(CENTRE, CENTRE, HIGH, CENTRE, CENTRE, CENTRE));

        assertThat(moved).isEqualTo(dot(16, 16, 7, 5));
    }

    @Test
    void shiftsAreRoundedToWholePixelsSoNothingIsBlurred() {
        GrayImage dot = dot(16, 16, 5, 5);
        Augmenter shiftOnly = new Augmenter(new AugmentationSpec(0, 0, 0.1, 0, 0));

        // +10% of 16 pixels = 1.6 pixels, rounded to 2; -0.4 pixels rounds to 0.
        GrayImage moved = shiftOnly.apply(dot, fixed(CENTRE, CENTRE, HIGH, 0.375, CENTRE, CENTRE));

        assertThat(moved).isEqualTo(dot(16, 16, 7, 5));
    }

    @Test
    void warpsTakeTheNearestPixelSoEveryValueComesFromTheSourceOrIsBlack() {
        GrayImage image = pattern(32, 32);
        Set<Float> source = new HashSet<>();
        for (float p : image.pixels()) {
            source.add(p);
        }
        source.add(0f);
        Augmenter warpOnly = new Augmenter(new AugmentationSpec(10, 0.1, 0.1, 0, 0));
        Random random = new Random(5);

        for (int i = 0; i < 10; i++) {
            for (float p : warpOnly.apply(image, random).pixels()) {
                assertThat(source).contains(p);
            }
        }
    }

    @Test
    void theSeedsRotationInterpolatesBilinearlyAndFillsWithTheNearestEdgePixel() {
        // A plane v = 0.2 + 0.015 x + 0.01 y: bilinear interpolation of a plane is exact, and
        // Keras's fill_mode="nearest" clamps each source coordinate to the image, so the rotated
        // value at every pixel is the plane at the clamped source position, never black.
        int size = 32;
        float[] pixels = new float[size * size];
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                pixels[y * size + x] = (float) plane(x, y);
            }
        }
        GrayImage image = new GrayImage(size, size, pixels);

        // HIGH draws +10 degrees, the seed's whole range.
        GrayImage rotated = new Augmenter(AugmentationSpec.seedProject())
                .apply(image, fixed(HIGH, CENTRE, CENTRE, CENTRE, CENTRE, CENTRE));

        double centre = (size - 1) / 2.0;
        double cos = Math.cos(Math.toRadians(10));
        double sin = Math.sin(Math.toRadians(10));
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                double sourceX = centre + (x - centre) * cos - (y - centre) * sin;
                double sourceY = centre + (x - centre) * sin + (y - centre) * cos;
                double expected = plane(Math.min(size - 1, Math.max(0, sourceX)),
                        Math.min(size - 1, Math.max(0, sourceY)));
                assertThat(rotated.get(x, y)).as("pixel (%d, %d)", x, y).isCloseTo((float) expected, within(1e-5f));
            }
        }
        // The corners the rotation uncovers hold edge values: (0, 0) comes from above the image.
        assertThat(rotated.get(0, 0)).isGreaterThan(0.2f);
        assertThat(rotated.get(size - 1, size - 1)).isGreaterThan(0.2f);
        GrayImage blackFilled = new Augmenter(new AugmentationSpec(10, 0, 0, 0, 0))
                .apply(image, fixed(HIGH, CENTRE, CENTRE, CENTRE, CENTRE, CENTRE));
        assertThat(blackFilled.get(0, 0)).isZero();
        assertThat(blackFilled.get(size - 1, size - 1)).isZero();
    }

    @Test
    void nearestEdgeFillWithNearestSamplingTakesOnlySourceValues() {
        float[] lifted = pattern(32, 32).pixels();
        for (int i = 0; i < lifted.length; i++) {
            lifted[i] = 0.1f + lifted[i] / 2;
        }
        GrayImage image = new GrayImage(32, 32, lifted);
        Set<Float> source = new HashSet<>();
        for (float p : image.pixels()) {
            source.add(p);
        }
        Augmenter warpOnly = new Augmenter(new AugmentationSpec(10, 0.3, 0.2, 0, 0, false, WarpFill.NEAREST_EDGE,
                WarpInterpolation.NEAREST));
        // The image holds no 0, so a black fill would show; shrinking by up to 30% uncovers borders.
        assertThat(source).doesNotContain(0f);
        Random random = new Random(5);
        for (int i = 0; i < 10; i++) {
            for (float p : warpOnly.apply(image, random).pixels()) {
                assertThat(source).contains(p);
            }
        }
    }

    private static double plane(double x, double y) {
        return 0.2 + 0.015 * x + 0.01 * y;
    }

    @Test
    void positiveRotationTurnsCounterClockwiseAboutTheCentre() {
        // Pixel (12, 8) is 4 pixels right of the centre of a 16x16 image (centre at 8, 8 in
        // pixel-centre coordinates, i.e. between pixels 7 and 8); a quarter turn takes it up to
        // (8, 3).
        GrayImage dot = dot(16, 16, 12, 8);
        Augmenter rotateOnly = new Augmenter(new AugmentationSpec(90, 0, 0, 0, 0));

        GrayImage turned = rotateOnly.apply(dot, fixed(HIGH, CENTRE, CENTRE, CENTRE, CENTRE,
                CENTRE));

        assertThat(turned.get(8, 3)).isEqualTo(1f, within(1e-5f));
        assertThat(sum(turned)).isEqualTo(1.0, within(1e-4));
    }

    @Test
    void zoomBelowOneShrinksAboutTheCentreAndFillsOutsideWithBlack() {
        GrayImage white = constant(20, 20, 1f);
        Augmenter zoomOnly = new Augmenter(new AugmentationSpec(0, 0.5, 0, 0, 0));

        GrayImage zoomedOut = zoomOnly.apply(white, fixed(CENTRE, 0.0, CENTRE, CENTRE, CENTRE,
                CENTRE));

        // Zoom factor 0.5: the white square shrinks to the central 10x10, the rest is black.
        assertThat(zoomedOut.get(10, 10)).isEqualTo(1f);
        assertThat(zoomedOut.get(0, 0)).isZero();
        assertThat(zoomedOut.get(19, 10)).isZero();
        assertThat(sum(zoomedOut)).isEqualTo(100, within(2.0));
    }

    @Test
    void brightnessMultipliesAndContrastScalesAroundTheMeanThenClamps() {
        GrayImage image = new GrayImage(4, 1, new float[] {0.2f, 0.4f, 0.6f, 0.8f});

        GrayImage brighter = new Augmenter(new AugmentationSpec(0, 0, 0, 0.5, 0))
                .apply(image, fixed(CENTRE, CENTRE, CENTRE, CENTRE, HIGH, CENTRE));
        // Factor 1.5: 0.8 -> 1.2, clamped to 1.
        assertThat(brighter.pixels()).containsExactly(new float[] {0.3f, 0.6f, 0.9f, 1f},
                within(1e-6f));
        GrayImage black = new GrayImage(2, 1, new float[] {0f, 0f});
        assertThat(new Augmenter(new AugmentationSpec(0, 0, 0, 0.5, 0))
                .apply(black, fixed(CENTRE, CENTRE, CENTRE, CENTRE, HIGH, CENTRE)).pixels())
                .as("black stays black").containsExactly(0f, 0f);

        // Contrast factor 2 around the mean 0.5: 0.2 -> -0.1 (clamped to 0), 0.8 -> 1.1 (to 1).
        GrayImage stronger = new Augmenter(new AugmentationSpec(0, 0, 0, 0, 1))
                .apply(image, fixed(CENTRE, CENTRE, CENTRE, CENTRE, CENTRE, HIGH));
        assertThat(stronger.pixels()).containsExactly(new float[] {0f, 0.3f, 0.7f, 1f},
                within(1e-6f));
    }

    @Test
    void defaultAugmentationStaysInRange() {
        GrayImage image = pattern(64, 64);
        Augmenter augmenter = new Augmenter(new AugmentationSpec(30, 0.3, 0.3, 0.5, 0.9));
        Random random = new Random(11);

        for (int i = 0; i < 20; i++) {
            for (float p : augmenter.apply(image, random).pixels()) {
                assertThat(p).isBetween(0f, 1f);
            }
        }
    }

    /** Asserts that {@code used}, seeded with {@code seed}, has given exactly {@code doubles} doubles. */
    private static void assertStreamIsPast(Random used, long seed, int doubles) {
        Random reference = new Random(seed);
        for (int i = 0; i < doubles; i++) {
            reference.nextDouble();
        }
        assertThat(used.nextLong()).isEqualTo(reference.nextLong());
    }

    /** A Random that returns given values from nextDouble(), in order. */
    private static Random fixed(double... values) {
        Deque<Double> queue = new ArrayDeque<>();
        Arrays.stream(values).forEach(queue::add);
        return new Random() {
            private static final long serialVersionUID = 1L;

            @Override
            public double nextDouble() {
                return queue.remove();
            }
        };
    }

    private static GrayImage dot(int width, int height, int x, int y) {
        float[] pixels = new float[width * height];
        pixels[y * width + x] = 1f;
        return new GrayImage(width, height, pixels);
    }

    private static GrayImage constant(int width, int height, float value) {
        float[] pixels = new float[width * height];
        Arrays.fill(pixels, value);
        return new GrayImage(width, height, pixels);
    }

    private static GrayImage pattern(int width, int height) {
        float[] pixels = new float[width * height];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = ((i * 37) % 101) / 100f;
        }
        return new GrayImage(width, height, pixels);
    }

    private static double sum(GrayImage image) {
        double sum = 0;
        for (float p : image.pixels()) {
            sum += p;
        }
        return sum;
    }
}
