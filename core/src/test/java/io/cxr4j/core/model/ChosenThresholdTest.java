package io.cxr4j.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChosenThresholdTest {

    @TempDir
    Path temp;

    private static ChosenThreshold onHannover(List<String> trainingSourcesAmong) {
        return new ChosenThreshold("covid", 0.69, 0.85, "hannover", false,
                List.of(new SourceImages("Hannover", 243, Map.of("covid", 243))), trainingSourcesAmong,
                RecordedEvaluation.Estimate.of(207 / 243.0, 0.80, 0.89),
                RecordedEvaluation.Estimate.of(Double.NaN, Double.NaN, Double.NaN));
    }

    @Test
    void aManifestKeepsItsThresholdThroughTheFileAndAManifestWithoutOneReadsAsNone() throws IOException {
        ModelManifest plain = ModelDirectoryTest.manifest("w.params");
        ModelManifest withThreshold = plain.withChosenThreshold(onHannover(List.of()));
        Files.createDirectories(temp.resolve("a"));
        Files.createDirectories(temp.resolve("b"));

        ManifestFormat.write(temp.resolve("a"), withThreshold);
        ManifestFormat.write(temp.resolve("b"), plain);

        ModelManifest read = ManifestFormat.read(temp.resolve("a").resolve(ModelDirectory.MANIFEST_FILE));
        assertThat(read).isEqualTo(withThreshold);
        assertThat(read.chosenThreshold().fromUnseenSources()).isTrue();
        assertThat(read.chosenThreshold().validationSpecificity().value()).as("no normal image to count").isNull();
        assertThat(Files.readString(temp.resolve("b").resolve(ModelDirectory.MANIFEST_FILE)))
                .doesNotContain("chosenThreshold");
        assertThat(ManifestFormat.read(temp.resolve("b").resolve(ModelDirectory.MANIFEST_FILE)).chosenThreshold())
                .isNull();
    }

    @Test
    void aThresholdFromATrainingSourceOrOnAnotherClassIsNoneOfTheModels() {
        assertThat(onHannover(List.of("Hannover")).fromUnseenSources()).isFalse();
        ChosenThreshold onSick = new ChosenThreshold("sick", 0.5, 0.9, "x", true, List.of(), List.of(),
                RecordedEvaluation.Estimate.of(1, 1, 1), RecordedEvaluation.Estimate.of(1, 1, 1));

        assertThatThrownBy(() -> ModelDirectoryTest.manifest("w.params").withChosenThreshold(onSick))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("p(sick)")
                .hasMessageContaining("[covid, normal]");
    }
}
