package io.cxr4j.core.explain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ShortcutCheckTest {

    private static HeatMap map(int size, Cell cell) {
        float[] values = new float[size * size];
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                values[y * size + x] = cell.value(x, y);
            }
        }
        return new HeatMap(size, size, values);
    }

    interface Cell {
        float value(int x, int y);
    }

    @Test
    void anEvenMapSplitsLikeTheAreas() {
        ShortcutCheck check = ShortcutCheck.defaults();
        RegionShares shares = check.measure(map(100, (x, y) -> 1f));
        assertThat(check.borderArea()).isCloseTo(0.36, within(1e-12));
        assertThat(check.outsideCentralArea()).isCloseTo(0.44, within(1e-12));
        assertThat(shares.border()).isCloseTo(0.36, within(1e-9));
        assertThat(shares.outsideCentral()).isCloseTo(0.44, within(1e-9));
        assertThat(check.warningThreshold()).isCloseTo(0.36, within(1e-12));
    }

    @Test
    void aCornerMapIsFlaggedAndALungMapIsNot() {
        ShortcutCheck check = ShortcutCheck.defaults();
        RegionShares corner = check.measure(map(100, (x, y) -> x < 12 && y < 12 ? 1f : 0f));
        RegionShares lungs = check.measure(map(100, (x, y) -> x >= 25 && x < 75 && y >= 20 && y < 80 ? 1f : 0f));
        assertThat(corner.border()).isGreaterThan(0.9);
        assertThat(corner.outsideCentral()).isEqualTo(1.0);
        assertThat(corner.peakInBorder()).isTrue();
        assertThat(lungs.border()).isZero();
        assertThat(lungs.outsideCentral()).isZero();

        Map<String, List<RegionShares>> perClass = new LinkedHashMap<>();
        perClass.put("marked", List.of(corner, corner));
        perClass.put("plain", List.of(lungs, check.measure(map(10, (x, y) -> 0f))));
        ShortcutReport report = check.summarise(perClass);

        assertThat(report.classes()).extracting(ClassShortcut::className).containsExactly("marked", "plain");
        ClassShortcut plain = report.classes().get(1);
        assertThat(plain.images()).isEqualTo(2);
        assertThat(plain.emptyMaps()).isEqualTo(1);
        assertThat(plain.reliesOnBorder()).isFalse();
        assertThat(report.reliesOnBorder()).isTrue();
        assertThat(report.warnings()).singleElement().asString().contains("class 'marked'").contains("border");
    }

    @Test
    void regionsAndThresholdCanBeChanged() {
        ShortcutCheck check = ShortcutCheck.builder().optBorderBand(0.05).optCentralBox(0.5, 0.5)
                .optWarningThreshold(0.5).build();
        assertThat(check.borderArea()).isCloseTo(0.19, within(1e-12));
        assertThat(check.outsideCentralArea()).isCloseTo(0.75, within(1e-12));
        assertThat(check.warningThreshold()).isEqualTo(0.5);
    }
}
