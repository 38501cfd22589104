package io.cxr4j.core.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class GrayImageTest {

    @Test
    void readsPixelsRowMajor() {
        GrayImage image = new GrayImage(3, 2, new float[] {0f, 0.1f, 0.2f, 0.3f, 0.4f, 0.5f});

        assertThat(image.get(0, 0)).isEqualTo(0f);
        assertThat(image.get(2, 0)).isEqualTo(0.2f);
        assertThat(image.get(0, 1)).isEqualTo(0.3f);
        assertThat(image.get(2, 1)).isEqualTo(0.5f);
    }

    @Test
    void refusesWrongPixelCount() {
        assertThatThrownBy(() -> new GrayImage(3, 2, new float[5]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("3x2")
                .hasMessageContaining("6 pixel values, but 5");
        assertThatThrownBy(() -> new GrayImage(0, 2, new float[0]))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesValuesOutsideUnitRangeAndNaN() {
        assertThatThrownBy(() -> new GrayImage(2, 1, new float[] {0f, 1.5f}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Pixel (1, 0)");
        assertThatThrownBy(() -> new GrayImage(1, 1, new float[] {-0.01f}))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new GrayImage(1, 1, new float[] {Float.NaN}))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesReadsOutsideTheImage() {
        GrayImage image = new GrayImage(2, 2, new float[4]);

        assertThatThrownBy(() -> image.get(2, 0)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> image.get(0, -1)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void comparesByContent() {
        GrayImage a = new GrayImage(2, 1, new float[] {0.25f, 0.5f});
        GrayImage b = new GrayImage(2, 1, new float[] {0.25f, 0.5f});

        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
        assertThat(a).isNotEqualTo(new GrayImage(1, 2, new float[] {0.25f, 0.5f}));
        assertThat(a).hasToString("GrayImage[2x1]");
    }
}
