package io.cxr4j.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cxr4j.core.data.Sample;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a model records about its data and its tests: training sources and held-out figures in the
 * sealed manifest, later tests beside it without touching the seal.
 */
class RecordedEvaluationTest {

    @TempDir
    Path temp;

    private static final List<SourceImages> SOURCES = List.of(
            new SourceImages("ieee8023", 3, Map.of("covid", 3)),
            new SourceImages("kermany", 2, Map.of("normal", 2)),
            new SourceImages(null, 1, Map.of("normal", 1)));

    static RecordedEvaluation evaluation(RecordedEvaluation.Kind kind, String dataset) {
        return new RecordedEvaluation(kind, dataset, "2026-12-07T20:00:00Z", "covid", 10, 4, 6,
                RecordedEvaluation.Estimate.of(0.9, 0.6, 0.98), RecordedEvaluation.Estimate.of(0.75, 0.3, 0.95),
                RecordedEvaluation.Estimate.of(1.0, 0.61, 1.0), RecordedEvaluation.Estimate.of(0.95, Double.NaN,
                        Double.NaN), List.of(new SourceImages("hannover", 10, Map.of("covid", 4, "normal", 6))));
    }

    private Path model() throws IOException {
        Path staging = ModelStaging.stage(temp.resolve("model"));
        Files.writeString(staging.resolve(ModelDirectoryTest.WEIGHTS), "weights");
        ModelManifest plain = ModelDirectoryTest.manifest(ModelDirectoryTest.WEIGHTS);
        ModelManifest manifest = new ModelManifest(plain.formatVersion(), plain.engine(), plain.architecture(),
                plain.classNames(), plain.preprocessing(), plain.training(),
                plain.provenance().withTrainingSources(SOURCES), plain.weightsFile());
        ManifestFormat.write(staging, manifest);
        ModelStaging.commit(staging, temp.resolve("model"));
        return temp.resolve("model");
    }

    @Test
    void sourcesAreCountedPerClassWithTheUnknownSourceLast() {
        List<Sample> samples = List.of(
                new Sample(Path.of("a.png"), "normal", null, null, "kermany"),
                new Sample(Path.of("b.png"), "covid", null, null, "ieee8023"),
                new Sample(Path.of("c.png"), "normal", null, null, null),
                new Sample(Path.of("d.png"), "covid", null, null, "ieee8023"),
                new Sample(Path.of("e.png"), "normal", null, null, "kermany"),
                new Sample(Path.of("f.png"), "covid", null, null, "ieee8023"));

        assertThat(SourceImages.of(samples)).isEqualTo(SOURCES);
    }

    @Test
    void imagesAreAllFromTrainingSourcesOnlyWhenEverySourceIsKnownAndAmongThem() {
        assertThat(SourceImages.allAmong(List.of("kermany", "ieee8023", "kermany"), SOURCES)).isTrue();
        assertThat(SourceImages.allAmong(Arrays.asList("kermany", null), SOURCES)).isFalse();
        assertThat(SourceImages.allAmong(List.of("kermany", "hannover"), SOURCES)).isFalse();
        assertThat(SourceImages.allAmong(List.of(), SOURCES)).isFalse();
    }

    @Test
    void trainingSourcesAndTheHeldOutTestRoundTripThroughTheSealedManifest() throws IOException {
        Path model = model();
        RecordedEvaluation heldOut = evaluation(RecordedEvaluation.Kind.HELD_OUT_TEST, "seed");

        ModelManifest amended = ModelStaging.amendManifest(model, m -> m.withHeldOutTest(heldOut));

        ModelManifest read = ModelDirectory.readManifest(model);
        assertThat(read).isEqualTo(amended);
        assertThat(read.heldOutTest()).isEqualTo(heldOut);
        assertThat(read.heldOutTest().auc().ci95Lower()).isNull();
        assertThat(read.provenance().trainingSources()).isEqualTo(SOURCES);
        assertThat(Files.readString(model.resolve(ModelDirectory.MANIFEST_FILE)))
                .contains("\"heldOutTest\": {").contains("\"trainingSources\": [");
        assertThat(Files.readString(model.resolve(ModelDirectoryTest.WEIGHTS))).isEqualTo("weights");
        try (var left = Files.list(temp)) {
            assertThat(left.map(p -> p.getFileName().toString())).noneMatch(n -> n.contains("staging"));
        }
    }

    @Test
    void aLaterTestIsRecordedBesideTheSealedFilesWhichStillVerify() throws IOException {
        Path model = model();
        String sealed = Files.readString(model.resolve(ModelChecksums.FILE));
        RecordedEvaluation later = evaluation(RecordedEvaluation.Kind.LATER_TEST, "hannover");

        ModelDirectory.appendEvaluation(model, later);
        ModelDirectory.appendEvaluation(model, evaluation(RecordedEvaluation.Kind.LATER_TEST, "other"));

        assertThat(Files.readString(model.resolve(ModelChecksums.FILE))).isEqualTo(sealed);
        assertThat(ModelDirectory.readManifest(model).heldOutTest()).isNull();
        assertThat(ModelDirectory.appendedEvaluations(model)).extracting(RecordedEvaluation::datasetName)
                .containsExactly("hannover", "other");

        ModelStaging.amendManifest(model,
                m -> m.withHeldOutTest(evaluation(RecordedEvaluation.Kind.HELD_OUT_TEST, "seed")));
        assertThat(ModelDirectory.appendedEvaluations(model)).extracting(RecordedEvaluation::datasetName)
                .containsExactly("hannover", "other");
    }

    @Test
    void theRecordOfAnotherModelIsIgnored() throws IOException {
        Path model = model();
        ModelDirectory.appendEvaluation(model, evaluation(RecordedEvaluation.Kind.LATER_TEST, "hannover"));
        Path record = Files.copy(model.resolve(AppendedEvaluations.FILE), temp.resolve("record.json"));

        ModelStaging.commit(writeOther(), model);
        Files.copy(record, model.resolve(AppendedEvaluations.FILE));

        assertThat(ModelDirectory.readManifest(model)).isNotNull();
        assertThat(ModelDirectory.appendedEvaluations(model)).isEmpty();
    }

    private Path writeOther() throws IOException {
        Path staging = ModelStaging.stage(temp.resolve("model"));
        Files.writeString(staging.resolve(ModelDirectoryTest.WEIGHTS), "other weights");
        ManifestFormat.write(staging, ModelDirectoryTest.manifest(ModelDirectoryTest.WEIGHTS));
        return staging;
    }

    @Test
    void eachKindOfTestHasItsPlace() throws IOException {
        Path model = model();
        assertThatThrownBy(() -> ModelDirectory.appendEvaluation(model,
                evaluation(RecordedEvaluation.Kind.HELD_OUT_TEST, "seed")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ModelManifest.withHeldOutTest");
        assertThatThrownBy(() -> ModelDirectory.readManifest(model)
                .withHeldOutTest(evaluation(RecordedEvaluation.Kind.LATER_TEST, "hannover")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ModelDirectory.appendEvaluation");
    }
}
