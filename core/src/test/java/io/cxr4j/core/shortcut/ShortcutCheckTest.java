package io.cxr4j.core.shortcut;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.cxr4j.core.explain.HeatMapGrid;
import io.cxr4j.core.explain.HeatMap;
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

    /** Maps as fine as the pixels they cover: the chance of a peak in the bands is their share of the area. */
    private static final HeatMapGrid FINE = new HeatMapGrid(100, 100, 100, 100);

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
        ShortcutReport report = check.summarise(perClass, FINE);

        assertThat(report.classes()).extracting(ClassShortcut::className).containsExactly("marked", "plain");
        ClassShortcut plain = report.classes().get(1);
        assertThat(plain.images()).isEqualTo(2);
        assertThat(plain.emptyMaps()).isEqualTo(1);
        assertThat(plain.reliesOnBorder()).isFalse();
        assertThat(report.reliesOnBorder()).isTrue();
        assertThat(report.warnings()).singleElement().asString().contains("class 'marked'").contains("border");
    }

    @Test
    void mapsThatPeakAtTheEdgeAreFlaggedEvenWithMostHeatOnTheLungs() {
        ShortcutCheck check = ShortcutCheck.defaults();
        RegionShares lungsAndCornerPeak = check.measure(map(100, (x, y) -> x == 2 && y == 2 ? 5f
                : x >= 25 && x < 75 && y >= 20 && y < 80 ? 1f : 0f));
        RegionShares lungs = check.measure(map(100, (x, y) -> x >= 25 && x < 75 && y >= 20 && y < 80 ? 1f : 0f));
        assertThat(lungsAndCornerPeak.border()).isLessThan(0.01);
        assertThat(lungsAndCornerPeak.peakInBorder()).isTrue();

        Map<String, List<RegionShares>> perClass = new LinkedHashMap<>();
        perClass.put("edge", java.util.Collections.nCopies(10, lungsAndCornerPeak));
        // 4 of 10 peaking in the border is no more than an even map's 36% within the interval.
        List<RegionShares> mixed = new java.util.ArrayList<>(java.util.Collections.nCopies(4, lungsAndCornerPeak));
        mixed.addAll(java.util.Collections.nCopies(6, lungs));
        perClass.put("mixed", mixed);
        ShortcutReport report = check.summarise(perClass, FINE);

        ClassShortcut edge = report.classes().get(0);
        assertThat(edge.massInBorder()).isFalse();
        assertThat(edge.peaksInBorder()).isTrue();
        assertThat(edge.peaksInBorderCount()).isEqualTo(10);
        assertThat(report.classes().get(1).reliesOnBorder()).isFalse();
        assertThat(report.warnings()).singleElement().asString().contains("class 'edge'")
                .contains("100.0% of its heat maps peak there (10 of 10; 36.0% would by chance, which this clearly"
                        + " exceeds)")
                .contains("though most of its heat lies elsewhere");
    }

    @Test
    void coarseMapsPeakInTheBorderByChanceMoreOftenThanTheBandsArea() {
        ShortcutCheck check = ShortcutCheck.defaults();
        // DarkCovidNet at 128 px: 4 x 4 cells; the 12 of the outer ring peak at the edge once enlarged.
        assertThat(check.peakInBorderChance(new HeatMapGrid(4, 4, 128, 128))).isEqualTo(12.0 / 16);
        // Fine maps approach the bands' share of the area.
        assertThat(check.peakInBorderChance(FINE)).isCloseTo(check.borderArea(), within(1e-9));
        assertThat(check.canFlag(new HeatMapGrid(4, 4, 128, 128))).isTrue();
        // DarkCovidNet at 64 px: a corner-hot 2 x 2 map spreads over a quarter and more, and its flat
        // peak is centred 12.5% from the edge, outside the 10% bands.
        assertThat(check.peakInBorderChance(new HeatMapGrid(2, 2, 64, 64))).isZero();
        assertThat(check.canFlag(new HeatMapGrid(2, 2, 64, 64))).isFalse();
        assertThat(check.canFlag(new HeatMapGrid(1, 1, 32, 32))).isFalse();
        ShortcutReport blind = check.summarise(Map.of("covid", List.of(check.measure(map(64, (x, y) -> 1f)))),
                new HeatMapGrid(2, 2, 64, 64));
        assertThat(blind.canFlag()).isFalse();
        assertThat(blind.reliesOnBorder()).isFalse();
    }

    @Test
    void classesWhoseEveryMapIsEmptyAreNamedAsUnmeasured() {
        ShortcutCheck check = ShortcutCheck.defaults();
        RegionShares empty = check.measure(map(10, (x, y) -> 0f));
        Map<String, List<RegionShares>> perClass = new LinkedHashMap<>();
        perClass.put("covid", List.of(empty, empty));
        RegionShares lungs = check.measure(map(100, (x, y) -> x >= 25 && x < 75 && y >= 20 && y < 80 ? 1f : 0f));
        perClass.put("normal", List.of(lungs));
        perClass.put("pneumonia", List.of());
        ShortcutReport report = check.summarise(perClass, FINE);
        assertThat(report.unmeasured()).containsExactly("covid");
        assertThat(report.classes().get(0).meanBorder()).isNaN();
        assertThat(report.reliesOnBorder()).isFalse();
        assertThat(check.summarise(perClass, null).canFlag()).isFalse();
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
