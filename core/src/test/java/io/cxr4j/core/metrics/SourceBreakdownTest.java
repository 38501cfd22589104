package io.cxr4j.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.cxr4j.core.io.Json;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The evaluation by source, on synthetic predictions whose counts, Wilson intervals, AUC and
 * DeLong interval are computed here from the definitions, independently of the library.
 */
class SourceBreakdownTest {

    private static final List<String> CLASSES = List.of("covid", "normal");
    private static final double Z = 1.959963984540054;

    /** A prediction: actual class, p(covid), source. */
    private record Row(int actual, float covid, String source) {}

    private static final List<Row> ROWS = rows();

    private static List<Row> rows() {
        List<Row> rows = new ArrayList<>();
        // COVID-19 only: 2 of 3 detected.
        for (float p : new float[] {0.9f, 0.3f, 0.8f}) {
            rows.add(new Row(0, p, "ieee8023"));
        }
        // Both classes: covid 3/4 detected, normal 4/5 kept, AUC 18/20.
        for (float p : new float[] {0.9f, 0.8f, 0.4f, 0.7f}) {
            rows.add(new Row(0, p, "hospital"));
        }
        for (float p : new float[] {0.2f, 0.45f, 0.3f, 0.6f, 0.1f}) {
            rows.add(new Row(1, p, "hospital"));
        }
        // One image a side: an AUC, but no DeLong interval.
        rows.add(new Row(0, 0.7f, "kermany"));
        rows.add(new Row(1, 0.2f, "kermany"));
        // Perfectly separated: DeLong's variance is 0.
        rows.add(new Row(0, 0.9f, "separated"));
        rows.add(new Row(0, 0.8f, "separated"));
        rows.add(new Row(1, 0.1f, "separated"));
        rows.add(new Row(1, 0.2f, "separated"));
        // No source.
        rows.add(new Row(0, 0.6f, null));
        rows.add(new Row(1, 0.4f, null));
        return rows;
    }

    private static void add(EvaluationAccumulator accumulator, Row row) {
        accumulator.add(row.actual(), new float[] {row.covid(), 1 - row.covid()}, row.source());
    }

    private static ScoreDistributions all() {
        EvaluationAccumulator accumulator = new EvaluationAccumulator(CLASSES);
        ROWS.forEach(r -> add(accumulator, r));
        return accumulator.snapshot();
    }

    private static SourceBreakdown.SourceSummary source(SourceBreakdown breakdown, String name) {
        return breakdown.sources().stream().filter(s -> s.source().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void eachSourceHasItsCountsRatesWilsonIntervalsAndAucWithDeLong() {
        SourceBreakdown breakdown = SourceBreakdown.of(all(), "covid");

        assertThat(breakdown.sources()).extracting(SourceBreakdown.SourceSummary::source)
                .containsExactly("hospital", "ieee8023", "kermany", "separated");
        assertThat(breakdown.imagesWithoutSource()).isEqualTo(2);

        SourceBreakdown.SourceSummary hospital = source(breakdown, "hospital");
        assertThat(hospital.images()).isEqualTo(9);
        assertThat(hospital.classCounts()).containsExactly(Map.entry("covid", 4L), Map.entry("normal", 5L));
        assertRate(hospital.accuracy(), 7, 9);
        assertRate(hospital.sensitivity(), 3, 4);
        assertRate(hospital.specificity(), 4, 5);
        double[] positives = {0.9f, 0.8f, 0.4f, 0.7f};
        double[] negatives = {0.2f, 0.45f, 0.3f, 0.6f, 0.1f};
        assertThat(hospital.auc()).isEqualTo(18.0 / 20);
        double[] delong = deLong(positives, negatives);
        assertThat(hospital.auc95().lower()).isCloseTo(delong[0], within(1e-12));
        assertThat(hospital.auc95().upper()).isCloseTo(delong[1], within(1e-12));
        assertThat(hospital.notReported()).isEmpty();
    }

    @Test
    void aSourceWithoutOneClassReportsWhatItCanAndSaysWhy() {
        SourceBreakdown breakdown = SourceBreakdown.of(all(), "covid");

        SourceBreakdown.SourceSummary covidOnly = source(breakdown, "ieee8023");
        assertThat(covidOnly.images()).isEqualTo(3);
        assertThat(covidOnly.classCounts()).containsExactly(Map.entry("covid", 3L), Map.entry("normal", 0L));
        assertRate(covidOnly.sensitivity(), 2, 3);
        assertRate(covidOnly.accuracy(), 2, 3);
        assertThat(covidOnly.specificity()).isNull();
        assertThat(covidOnly.auc()).isNull();
        assertThat(covidOnly.auc95()).isNull();
        assertThat(covidOnly.notReported()).containsExactly(
                "specificity: no image of another class than 'covid' comes from this source",
                "AUC: it needs images of 'covid' and of another class from this source");

        SourceBreakdown.SourceSummary oneEach = source(breakdown, "kermany");
        assertThat(oneEach.auc()).isEqualTo(1.0);
        assertThat(oneEach.auc95()).isNull();
        assertThat(oneEach.notReported()).singleElement().asString().startsWith("AUC interval:")
                .contains("1 'covid' and 1 other");

        SourceBreakdown.SourceSummary separated = source(breakdown, "separated");
        assertThat(separated.auc()).isEqualTo(1.0);
        assertThat(separated.auc95()).isNull();
        assertThat(separated.notReported()).singleElement().asString().contains("variance is 0");

        // Taking normal as positive swaps which rate the one-class source lacks.
        SourceBreakdown.SourceSummary asNormal = source(SourceBreakdown.of(all(), "normal"), "ieee8023");
        assertThat(asNormal.sensitivity()).isNull();
        assertRate(asNormal.specificity(), 2, 3);
    }

    @Test
    void theJsonHasNoUndefinedNumbersOnlyAbsentFields() {
        String json = Json.gson().toJson(SourceBreakdown.of(all(), "covid"));

        assertThat(json).doesNotContain("NaN").doesNotContain("null");
        JsonObject covidOnly = JsonParser.parseString(json).getAsJsonObject().getAsJsonArray("sources")
                .get(1).getAsJsonObject();
        assertThat(covidOnly.get("source").getAsString()).isEqualTo("ieee8023");
        assertThat(covidOnly.has("sensitivity")).isTrue();
        assertThat(covidOnly.has("specificity")).isFalse();
        assertThat(covidOnly.has("auc")).isFalse();
        assertThat(covidOnly.getAsJsonArray("notReported")).hasSize(2);
    }

    @Test
    void mergedPartitionsAndPooledSnapshotsGiveTheSameBreakdownAsOneAccumulator()
            throws IOException, ClassNotFoundException {
        List<EvaluationAccumulator> partitions = List.of(new EvaluationAccumulator(CLASSES),
                new EvaluationAccumulator(CLASSES), new EvaluationAccumulator(CLASSES));
        for (int i = 0; i < ROWS.size(); i++) {
            add(partitions.get(i % 3), ROWS.get(i));
        }
        // As Spark ships them: serialized, then merged on the driver.
        EvaluationAccumulator merged = roundTrip(partitions.get(0)).merge(roundTrip(partitions.get(1)))
                .merge(roundTrip(partitions.get(2)));
        ScoreDistributions pooled = partitions.get(0).snapshot().plus(partitions.get(1).snapshot())
                .plus(partitions.get(2).snapshot());

        assertThat(merged.snapshot()).isEqualTo(all());
        assertThat(pooled).isEqualTo(all());
        assertThat(SourceBreakdown.of(merged.snapshot(), "covid")).isEqualTo(SourceBreakdown.of(all(), "covid"));
        assertThat(all().bySource().get("hospital").count()).isEqualTo(9);
    }

    @Test
    void withoutSourcesThereIsNoBreakdownAndTheWholeIsUnchanged() {
        EvaluationAccumulator sourced = new EvaluationAccumulator(CLASSES);
        EvaluationAccumulator plain = new EvaluationAccumulator(CLASSES);
        for (Row row : ROWS) {
            add(sourced, row);
            plain.add(row.actual(), new float[] {row.covid(), 1 - row.covid()});
        }

        assertThat(plain.snapshot().bySource()).isEmpty();
        assertThat(SourceBreakdown.of(plain.snapshot(), "covid").sources()).isEmpty();
        assertThat(SourceBreakdown.of(plain.snapshot(), "covid").imagesWithoutSource()).isEqualTo(ROWS.size());
        assertThat(sourced.evaluate()).isEqualTo(plain.evaluate());
        assertThat(sourced.snapshot().rocCurves()).isEqualTo(plain.snapshot().rocCurves());
    }

    private static void assertRate(EvaluationSummary.Rate rate, long successes, long trials) {
        assertThat(rate.successes()).isEqualTo(successes);
        assertThat(rate.trials()).isEqualTo(trials);
        double n = trials;
        double p = successes / n;
        double centre = (p + Z * Z / (2 * n)) / (1 + Z * Z / n);
        double half = Z / (1 + Z * Z / n) * Math.sqrt(p * (1 - p) / n + Z * Z / (4 * n * n));
        assertThat(rate.value()).isEqualTo(p);
        assertThat(rate.ci95Lower()).isCloseTo(successes == 0 ? 0 : centre - half, within(1e-12));
        assertThat(rate.ci95Upper()).isCloseTo(successes == trials ? 1 : centre + half, within(1e-12));
    }

    /** DeLong's interval from its definition: placement values, their variances, AUC +- z SE, clipped. */
    private static double[] deLong(double[] positives, double[] negatives) {
        int m = positives.length;
        int n = negatives.length;
        double[] v10 = new double[m];
        double[] v01 = new double[n];
        double auc = 0;
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double psi = positives[i] > negatives[j] ? 1 : positives[i] == negatives[j] ? 0.5 : 0;
                v10[i] += psi / n;
                v01[j] += psi / m;
                auc += psi / (m * (double) n);
            }
        }
        double s10 = 0;
        for (double v : v10) {
            s10 += (v - auc) * (v - auc) / (m - 1);
        }
        double s01 = 0;
        for (double v : v01) {
            s01 += (v - auc) * (v - auc) / (n - 1);
        }
        double se = Math.sqrt(s10 / m + s01 / n);
        return new double[] {Math.max(0, auc - Z * se), Math.min(1, auc + Z * se)};
    }

    private static EvaluationAccumulator roundTrip(EvaluationAccumulator accumulator)
            throws IOException, ClassNotFoundException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(accumulator);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (EvaluationAccumulator) in.readObject();
        }
    }
}
