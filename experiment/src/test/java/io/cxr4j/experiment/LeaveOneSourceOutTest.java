package io.cxr4j.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cxr4j.core.config.TrainingConfig;
import io.cxr4j.core.split.FoldGrouping;
import io.cxr4j.core.split.FoldPlan;
import io.cxr4j.core.split.SplitFile;
import io.cxr4j.core.testing.SyntheticImages;
import io.cxr4j.dataset.DatasetRegistry;
import io.cxr4j.dataset.LabelMap;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Leave-one-source-out on three synthetic sources joined into one data set, one of which holds
 * COVID-19 images only: a fold per source, the message about the missing class, a fold that
 * reports its sensitivity instead of failing, and folds that a resumed run reads back.
 */
class LeaveOneSourceOutTest {

    @TempDir
    static Path temp;

    private static ExperimentData data;

    private static final TrainingConfig CONFIG = ExperimentsTest.CONFIG;

    @BeforeAll
    static void threeSources() throws IOException {
        Path a = SyntheticImages.squaresAndNoise(temp.resolve("sites/site-a"), 6, 1);
        Path b = SyntheticImages.squaresAndNoise(temp.resolve("sites/site-b"), 6, 2);
        Path c = SyntheticImages.squaresAndNoise(temp.resolve("sites/site-c"), 5, 3);
        try (var normals = Files.list(c.resolve("normal"))) {
            for (Path n : normals.toList()) {
                Files.delete(n);
            }
        }
        Files.delete(c.resolve("normal"));
        data = ExperimentData.of(DatasetRegistry.create().union().addFolder(a).addFolder(b).addFolder(c)
                .optLabelMap(LabelMap.binary()).build());
    }

    /** Records what a listener is told. */
    private static final class Recorder implements ExperimentListener {
        final List<ExperimentWarning> warnings = new ArrayList<>();

        @Override
        public void warning(ExperimentWarning warning) {
            warnings.add(warning);
        }
    }

    @Test
    void eachSourceIsHeldOutOnceAndASourceWithoutNormalImagesReportsItsSensitivity() throws IOException {
        Path output = temp.resolve("loso");
        Recorder recorder = new Recorder();

        CrossValidationResult result = CrossValidation.builder(data, CONFIG, output).optGroupBy(FoldGrouping.SOURCE)
                .optAudit(false).optListener(recorder).build().run();

        CrossValidationReport report = result.report();
        assertThat(report.folds()).isEqualTo(3);
        assertThat(report.perFold()).extracting(CrossValidationReport.FoldResult::testSize).containsExactly(12, 12, 5);
        assertThat(report.groupBy()).isEqualTo("source");
        assertThat(report.perFold()).extracting(CrossValidationReport.FoldResult::heldOutSource)
                .containsExactly("site-a", "site-b", "site-c");
        assertThat(result.toJson()).contains("\"groupBy\": \"source\"", "\"heldOutSource\": \"site-c\"");
        assertThat(result.plan().planned()).extracting(result.plan()::heldOutSource)
                .containsExactly("site-a", "site-b", "site-c");
        assertThat(recorder.warnings).filteredOn(w -> w.kind() == ExperimentWarning.Kind.MISSING_CLASS)
                .singleElement().satisfies(w -> assertThat(w.message()).startsWith("fold-3 holds out source 'site-c',"
                        + " which has no normal images, so the fold measures covid sensitivity alone"));
        var third = report.perFold().get(2).evaluation();
        var covid = third.perClass().get(0);
        assertThat(covid.sensitivity().trials()).isEqualTo(5);
        assertThat(covid.specificity().trials()).as("no normal images to be specific on").isZero();
        assertThat(report.perFold().get(2).auc()).isNaN();
        assertThat(report.pooled().get(0).testImages()).isEqualTo(29);
        assertThat(result.writeTo(output)).isRegularFile();
        assertThat(result.toMarkdown()).contains("fold-3");

        FoldPlan saved = SplitFile.readFoldPlan(output.resolve(Protocol.FOLDS_FILE), data.dataset(), data.folder());
        assertThat(saved.grouping()).isEqualTo(FoldGrouping.SOURCE);
        assertThat(saved.planned()).extracting(saved::heldOutSource).containsExactly("site-a", "site-b", "site-c");
    }

    @Test
    void aResumedRunMustGroupBySourceAgainAndRepeatsAreRefused() throws IOException {
        Path output = temp.resolve("loso-stopped");
        CrossValidation.builder(data, CONFIG, output).optGroupBy(FoldGrouping.SOURCE).optAudit(false).build().run();

        assertThatThrownBy(() -> CrossValidation.builder(data, CONFIG, output).optResume(true).build().run())
                .isInstanceOfSatisfying(ExperimentException.class, e -> assertThat(e.differences()).containsExactly(
                        new ExperimentException.PlanDifference("groupBy", "source", "stratified"),
                        new ExperimentException.PlanDifference("folds", "3", "5")));
        CrossValidationResult resumed = CrossValidation.builder(data, CONFIG, output).optGroupBy(FoldGrouping.SOURCE)
                .optResume(true).optAudit(false).build().run();
        assertThat(resumed.report().perFold()).hasSize(3);

        assertThatThrownBy(() -> CrossValidation.builder(data, CONFIG, output).optGroupBy(FoldGrouping.SOURCE)
                .optRepeats(2).build()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(FoldGrouping.SOURCE_CALL).hasMessageContaining("use 1 repeat");
    }
}
