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
