package io.cxr4j.core.explain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.cxr4j.core.image.GrayImage;
import io.cxr4j.core.image.ResizeMode;
import io.cxr4j.core.image.Resizer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

class HeatMapTest {

    @Test
    void refusesNegativeAndNonFiniteValues() {
        assertThatThrownBy(() -> new HeatMap(2, 1, new float[] {0f, -1f})).hasMessageContaining("(1, 0)");
        assertThatThrownBy(() -> new HeatMap(1, 1, new float[] {Float.NaN})).hasMessageContaining("NaN");
        assertThatThrownBy(() -> new HeatMap(2, 2, new float[3])).hasMessageContaining("needs 4 values");
    }

    @Test
    void resizingKeepsRawUnitsAndInterpolatesBilinearly() {
        HeatMap map = new HeatMap(2, 1, new float[] {0f, 8f});
        HeatMap wide = map.resize(4, 1);
        // Centres of the new cells sit at 0.25, 0.75, 1.25, 1.75 source cells: 0, 2, 6, 8 after clamping.
        assertThat(wide.values()).containsExactly(new float[] {0f, 2f, 6f, 8f}, within(1e-5f));
        assertThat(wide.max()).isEqualTo(8f);
        assertThat(new HeatMap(2, 2, new float[4]).resize(5, 3).sum()).isZero();
    }

    /**
     * A bright block in a non-square image goes through the model's squaring; read back as a heat
     * map and mapped onto the original geometry it must land where it was, for every resize mode.
     */
    @ParameterizedTest
    @EnumSource(ResizeMode.class)
    void mappingBackUndoesTheSquaringOfEveryResizeMode(ResizeMode mode) {
        int width = 90;
        int height = 60;
        float[] pixels = new float[width * height];
        for (int y = 20; y < 35; y++) {
            for (int x = 50; x < 65; x++) {
                pixels[y * width + x] = 1f;
            }
        }
        GrayImage square = Resizer.toSquare(new GrayImage(width, height, pixels), 48, mode);
        HeatMap back = new HeatMap(48, 48, square.pixels()).toOriginal(width, height, mode);

        assertThat(back.width()).isEqualTo(width);
        assertThat(back.height()).isEqualTo(height);
        double inside = 0;
        for (int y = 20; y < 35; y++) {
            for (int x = 50; x < 65; x++) {
                inside += back.get(x, y);
            }
        }
        assertThat(inside / back.sum()).as("share of the mass back on the block").isGreaterThan(0.75);
        assertThat(back.get(57, 27)).isGreaterThan(0.8f);
    }

    @Test
    void centreCropLeavesTheUnseenEndsAtZero() {
        HeatMap seen = new HeatMap(2, 2, new float[] {1f, 1f, 1f, 1f});
        HeatMap back = seen.toOriginal(100, 40, ResizeMode.CENTER_CROP);
        assertThat(back.get(29, 20)).isZero();
        assertThat(back.get(30, 20)).isEqualTo(1f);
        assertThat(back.get(69, 20)).isEqualTo(1f);
        assertThat(back.get(70, 20)).isZero();
    }

    @Test
    void padCutsTheBarsOff() {
        // A map that is hot only on the padding bars of a 100x40 image maps back to almost nothing.
        float[] values = new float[50 * 50];
        for (int y = 0; y < 50; y++) {
            for (int x = 0; x < 50; x++) {
                values[y * 50 + x] = (y < 15 || y >= 35) ? 1f : 0f;
            }
        }
        HeatMap back = new HeatMap(50, 50, values).toOriginal(100, 40, ResizeMode.PAD);
        assertThat(back.get(50, 20)).isZero();
        assertThat(back.sum() / (100 * 40)).isLessThan(0.1);
    }
}
