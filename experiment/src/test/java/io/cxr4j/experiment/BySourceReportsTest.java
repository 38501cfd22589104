package io.cxr4j.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.cxr4j.core.config.TrainingConfig;
import io.cxr4j.core.data.Prediction;
import io.cxr4j.core.data.Sample;
import io.cxr4j.core.data.XrayDataset;
import io.cxr4j.core.image.AugmentationSpec;
import io.cxr4j.core.image.PreprocessingSpec;
import io.cxr4j.core.image.ResizeMode;
import io.cxr4j.core.inference.XrayClassifier;
import io.cxr4j.core.metrics.SourceBreakdown;
import io.cxr4j.core.testing.SyntheticImages;
import io.cxr4j.dataset.DatasetRegistry;
import io.cxr4j.dataset.LabelMap;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every report breaks its results down by source: a train/test run's test part, a saved model's
 * evaluation and a cross-validation's pooled test folds, with counts checked against the data and
 * rates against the model's own predictions.
 */
class BySourceReportsTest {

    @TempDir
    static Path temp;

    private static ExperimentData data;

    private static final TrainingConfig CONFIG = TrainingConfig.builder().optEpochs(1).optBatchSize(8)
            .optPreprocessing(new PreprocessingSpec(32, 1, ResizeMode.CENTER_CROP, 0f, 1f))
            .optAugmentation(AugmentationSpec.none()).build();

    /**
     * Ten images per class from three sources: {@code site-a} holds COVID-19 images only, {@code
     * site-c} normal ones only, {@code site-b} both.
     */
    @BeforeAll
    static void threeSources() throws IOException {
        Path folder = SyntheticImages.squaresAndNoise(temp.resolve("xrays"), 10, 5);
        ExperimentData loaded = ExperimentData.of(DatasetRegistry.create().load(folder, LabelMap.binary()));
        List<Sample> samples = new ArrayList<>();
        for (Sample s : loaded.dataset().samples()) {
            int index = Integer.parseInt(s.image().getFileName().toString().replaceAll("\\D", ""));
            String source = s.label().equals("covid") ? (index < 5 ? "site-a" : "site-b")
                    : (index < 5 ? "site-b" : "site-c");
            samples.add(new Sample(s.image(), s.label(), s.patientId(), s.view(), source));
        }
        XrayDataset sourced = loaded.dataset().withSamples(loaded.dataset().name(), samples);
        data = new ExperimentData(loaded.folder(), sourced, loaded.skipped(), loaded.ignoredFolders());
    }

    @Test
    void aTrainTestRunAndAnEvaluationOfItsModelBreakTheirResultsDownBySource() throws IOException {
        Path output = temp.resolve("train");
        TrainTestResult trained = TrainTestExperiment.builder(data, CONFIG, output).optAudit(false).build().run();

        SourceBreakdown test = trained.report().bySource();
        assertThat(test.positiveClass()).isEqualTo("covid");
        assertThat(test.imagesWithoutSource()).isZero();
        Map<String, Map<String, Long>> expected = classCountsBySource(trained.split().test().samples());
        for (SourceBreakdown.SourceSummary s : test.sources()) {
            assertThat(s.classCounts()).as(s.source()).isEqualTo(expected.get(s.source()));
        }
        assertThat(test.sources()).extracting(SourceBreakdown.SourceSummary::source)
                .containsExactlyElementsOf(expected.keySet());
        assertThat(trained.toMarkdown()).contains("### By source");

        try (XrayClassifier classifier = XrayClassifier.load(output.resolve("model"))) {
            EvaluationResult evaluated = ModelEvaluation.builder(classifier, data).optAudit(false).build().run();
            SourceBreakdown all = evaluated.report().bySource();
            assertThat(all.sources()).extracting(SourceBreakdown.SourceSummary::source)
                    .containsExactly("site-a", "site-b", "site-c");

            // The rates count the model's own predictions, image by image.
            Map<Path, String> predicted = new HashMap<>();
            for (Prediction p : classifier.predictAll(data.dataset().samples().stream().map(Sample::image).toList())
                    .predictions()) {
                predicted.put(p.image(), p.label());
            }
            for (SourceBreakdown.SourceSummary s : all.sources()) {
                List<Sample> of = data.dataset().samples().stream().filter(x -> x.source().equals(s.source())).toList();
                long covid = of.stream().filter(x -> x.label().equals("covid")).count();
                long detected = of.stream().filter(x -> x.label().equals("covid")
                        && predicted.get(x.image()).equals("covid")).count();
                long kept = of.stream().filter(x -> !x.label().equals("covid")
                        && !predicted.get(x.image()).equals("covid")).count();
                long right = of.stream().filter(x -> predicted.get(x.image()).equals(x.label())).count();
                assertThat(s.images()).isEqualTo(of.size());
                assertThat(s.accuracy().successes()).isEqualTo(right);
                if (covid > 0) {
                    assertThat(s.sensitivity().successes()).isEqualTo(detected);
                    assertThat(s.sensitivity().trials()).isEqualTo(covid);
                } else {
                    assertThat(s.sensitivity()).isNull();
                }
                if (covid < of.size()) {
                    assertThat(s.specificity().successes()).isEqualTo(kept);
                    assertThat(s.specificity().trials()).isEqualTo(of.size() - covid);
                } else {
                    assertThat(s.specificity()).isNull();
                }
            }
            assertThat(all.sources().get(1).auc()).as("site-b has both classes").isNotNull();

            JsonObject json = JsonParser.parseString(evaluated.toJson()).getAsJsonObject();
            JsonObject siteA = json.getAsJsonObject("bySource").getAsJsonArray("sources").get(0).getAsJsonObject();
            assertThat(siteA.has("specificity")).isFalse();
            assertThat(siteA.has("auc")).isFalse();
            assertThat(siteA.getAsJsonArray("notReported").get(0).getAsString()).startsWith("specificity:");
            assertThat(evaluated.toMarkdown()).contains("### By source").contains("| site-a | 5 | covid 5, normal 0 |")
                    .contains("- site-a: specificity: no image of another class than 'covid' comes from this source");
        }
    }

    @Test
    void aCrossValidationBreaksItsPooledTestFoldsDownBySource() throws IOException {
        CrossValidationResult result = CrossValidation.builder(data, CONFIG, temp.resolve("cv")).optFolds(2)
                .optAudit(false).build().run();

        CrossValidationReport.Pooled pooled = result.report().pooled().get(0);
        // Every image is tested once over the folds, so each source's counts are the data set's.
        Map<String, Map<String, Long>> expected = classCountsBySource(data.dataset().samples());
        assertThat(pooled.bySource().sources()).extracting(SourceBreakdown.SourceSummary::source)
                .containsExactly("site-a", "site-b", "site-c");
        for (SourceBreakdown.SourceSummary s : pooled.bySource().sources()) {
            assertThat(s.classCounts()).as(s.source()).isEqualTo(expected.get(s.source()));
        }
        long detected = pooled.bySource().sources().stream().filter(s -> s.sensitivity() != null)
                .mapToLong(s -> s.sensitivity().successes()).sum();
        assertThat(detected).as("the sources' detections add up to the pooled sensitivity's")
                .isEqualTo(pooled.evaluation().perClass().get(0).sensitivity().successes());
        assertThat(result.summaryMarkdown()).contains("### By source");
        assertThat(JsonParser.parseString(result.toJson()).getAsJsonObject().getAsJsonArray("pooled").get(0)
                .getAsJsonObject().has("bySource")).isTrue();
    }

    private static Map<String, Map<String, Long>> classCountsBySource(List<Sample> samples) {
        Map<String, Map<String, Long>> counts = new TreeMap<>();
        for (Sample s : samples) {
            counts.computeIfAbsent(s.source(), k -> new LinkedHashMap<>())
                    .merge(s.label(), 1L, Long::sum);
        }
        counts.values().forEach(m -> {
            m.putIfAbsent("covid", 0L);
            m.putIfAbsent("normal", 0L);
        });
        return counts;
    }
}
