package io.cxr4j.core.image;

import static io.cxr4j.core.testing.SyntheticImages.gray8;
import static io.cxr4j.core.testing.SyntheticImages.writePng;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.cxr4j.core.image.ImageDecodeException.Reason;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PreprocessorTest {

    @TempDir
    Path dir;

    @Test
    void loadDecodesAndMakesSquareWithTheSpecMode() throws IOException {
        // A white 64x32 image: padding leaves black bands, stretching does not.
        Path file = writePng(gray8(64, 32, (x, y, b) -> 255), dir.resolve("wide.png"));

        GrayImage padded = new Preprocessor(new PreprocessingSpec(16, 1, ResizeMode.PAD, 0f, 1f))
                .load(file);
        GrayImage stretched = new Preprocessor(
                new PreprocessingSpec(16, 1, ResizeMode.STRETCH, 0f, 1f)).load(file);

        assertThat(padded.width()).isEqualTo(16);
        assertThat(padded.height()).isEqualTo(16);
        assertThat(padded.get(8, 0)).isZero();
        assertThat(padded.get(8, 8)).isEqualTo(1f, within(1e-6f));
        assertThat(stretched.get(8, 0)).isEqualTo(1f, within(1e-6f));
    }

    @Test
    void loadAppliesTheSpecIntensityTransformToTheSquareImage() throws IOException {
        // A horizontal ramp of dark values only (0 to 63 of 255): equalized, it spans 0 to 1.
        Path file = writePng(gray8(64, 32, (x, y, b) -> x), dir.resolve("dark.png"));
        PreprocessingSpec plain = new PreprocessingSpec(16, 1, ResizeMode.CENTER_CROP, 0f, 1f);

        GrayImage square = new Preprocessor(plain).load(file);
        for (IntensityTransform transform : IntensityTransform.values()) {
            Preprocessor preprocessor = new Preprocessor(plain.withIntensity(transform));
            GrayImage loaded = preprocessor.load(file);

            assertThat(loaded.pixels()).containsExactly(transform.apply(square).pixels());
            assertThat(preprocessor.square(preprocessor.decode(file)).pixels()).containsExactly(loaded.pixels());
        }
        GrayImage equalized = new Preprocessor(plain.withIntensity(IntensityTransform.HISTOGRAM_EQUALIZATION))
                .load(file);
        assertThat(max(square)).isLessThan(0.3f);
        assertThat(max(equalized)).isEqualTo(1f);
    }

    private static float max(GrayImage image) {
        float max = 0f;
        for (float value : image.pixels()) {
            max = Math.max(max, value);
        }
        return max;
    }

    @Test
    void toTensorMapsToTheRangeAndRepeatsGrayInEveryChannelChannelFirst() {
        Preprocessor rgb = new Preprocessor(
                new PreprocessingSpec(16, 3, ResizeMode.STRETCH, -1f, 1f));
        float[] pixels = new float[16 * 16];
        pixels[0] = 1f; // (0, 0) white
        pixels[16 + 2] = 0.5f; // (2, 1) mid gray, everything else black

        float[] tensor = rgb.toTensor(new GrayImage(16, 16, pixels));

        assertThat(tensor).hasSize(3 * 16 * 16);
        for (int c = 0; c < 3; c++) {
            int plane = c * 16 * 16;
            assertThat(tensor[plane]).isEqualTo(1f);
            assertThat(tensor[plane + 16 + 2]).isEqualTo(0f);
            assertThat(tensor[plane + 1]).isEqualTo(-1f);
        }
    }

    @Test
    void caffeNormalizationIsKerasPreprocessInputOfTheRepeatedGrayImage() throws IOException {
        // Keras's caffe mode on an RGB image x (0-255): x[..., ::-1] (BGR), then minus these means.
        double[] kerasMeansBgr = {103.939, 116.779, 123.68};
        int[] gray = {0, 17, 128, 255};
        // Four 8x8 quadrants, one gray value each.
        Path file = writePng(gray8(16, 16, (x, y, b) -> gray[(y / 8) * 2 + x / 8]), dir.resolve("gray.png"));
        PreprocessingSpec spec = new PreprocessingSpec(16, 3, ResizeMode.STRETCH, 0f, 1f)
                .withNormalization(PixelNormalization.CAFFE);

        float[] tensor = new Preprocessor(spec).toTensor(new GrayImage(16, 16, upscaled(gray, 8)));

        int plane = 16 * 16;
        for (int pixel : new int[] {0, 8, 16 * 8, 16 * 8 + 8}) {
            int value = gray[(pixel / 16 / 8) * 2 + (pixel % 16) / 8];
            double[] rgb = {value, value, value};
            for (int c = 0; c < 3; c++) {
                double expected = rgb[2 - c] - kerasMeansBgr[c];
                assertThat(tensor[c * plane + pixel]).as("channel %d of gray %d", c, value)
                        .isCloseTo((float) expected, within(1e-3f));
            }
        }
        assertThat(tensor[0]).as("black in the blue channel").isCloseTo(-103.939f, within(1e-3f));
        assertThat(tensor[2 * plane]).as("black in the red channel").isCloseTo(-123.68f, within(1e-3f));
        assertThat(new Preprocessor(spec).preprocess(file)).as("a decoded 8-bit file gives the same numbers")
                .containsExactly(tensor, within(1e-3f));
    }

    @Test
    void caffeNormalizationNeedsThreeChannelsAndNoRange() {
        assertThatThrownBy(() -> PreprocessingSpec.defaults().withNormalization(PixelNormalization.CAFFE))
                .hasMessageContaining("three channels");
        PreprocessingSpec caffe = PreprocessingSpec.defaults().withChannels(3).withNormalization(PixelNormalization.CAFFE);
        assertThatThrownBy(() -> caffe.withRange(-1f, 1f)).hasMessageContaining("takes no value range");
        assertThat(new PreprocessingSpec(16, 3, ResizeMode.PAD, 0f, 1f, null, null).normalization())
                .as("a model that records none").isEqualTo(PixelNormalization.RANGE);
    }

    /** Each value of a 2x2 image as a square of {@code factor x factor} pixels, in [0, 1]. */
    private static float[] upscaled(int[] gray2x2, int factor) {
        int side = 2 * factor;
        float[] pixels = new float[side * side];
        for (int y = 0; y < side; y++) {
            for (int x = 0; x < side; x++) {
                pixels[y * side + x] = gray2x2[(y / factor) * 2 + x / factor] / 255f;
            }
        }
        return pixels;
    }

    @Test
    void toTensorWithDefaultsIsThePixelsThemselves() {
        Preprocessor gray = new Preprocessor(PreprocessingSpec.defaults());
        float[] pixels = new float[224 * 224];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (i % 256) / 255f;
        }

        assertThat(gray.toTensor(new GrayImage(224, 224, pixels))).containsExactly(pixels);
    }

    @Test
    void toTensorRefusesImagesOfTheWrongSize() {
        Preprocessor gray = new Preprocessor(PreprocessingSpec.defaults());

        assertThatThrownBy(() -> gray.toTensor(new GrayImage(100, 224, new float[100 * 224])))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("224x224")
                .hasMessageContaining("100x224");
    }

    @Test
    void preprocessIsLoadThenToTensor() throws IOException {
        Path file = writePng(gray8(40, 30, (x, y, b) -> (x * 6 + y) % 256), dir.resolve("a.png"));
        Preprocessor preprocessor = new Preprocessor(
                new PreprocessingSpec(32, 3, ResizeMode.CENTER_CROP, -2f, 2f));

        assertThat(preprocessor.preprocess(file))
                .containsExactly(preprocessor.toTensor(preprocessor.load(file)));
    }

    @Test
    void decodeFailuresReachTheCaller() throws IOException {
        Path empty = Files.createFile(dir.resolve("empty.jpg"));

        assertThatThrownBy(() -> new Preprocessor(PreprocessingSpec.defaults()).preprocess(empty))
                .isInstanceOfSatisfying(ImageDecodeException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.EMPTY_FILE));
    }

    @Test
    void usesTheGivenDecoder() throws IOException {
        Path file = writePng(gray8(40, 30, (x, y, b) -> 0), dir.resolve("big.png"));
        Preprocessor limited = new Preprocessor(PreprocessingSpec.defaults(), new ImageDecoder(100));

        assertThatThrownBy(() -> limited.load(file))
                .isInstanceOfSatisfying(ImageDecodeException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.TOO_LARGE));
    }
}
