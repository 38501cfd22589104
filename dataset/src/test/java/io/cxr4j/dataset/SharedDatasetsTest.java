package io.cxr4j.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import io.cxr4j.core.data.Sample;
import io.cxr4j.core.data.SourceConfounding;
import io.cxr4j.core.data.XrayDataset;
import io.cxr4j.core.split.Fold;
import io.cxr4j.core.split.PatientLeakage;
import io.cxr4j.core.split.SplitStrategy;
import io.cxr4j.core.split.Splits;
import io.cxr4j.core.split.TrainTestSplit;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real shared data sets under {@code CXR4J_DATA_DIR}; they fail on CI when the data is missing
 * and are skipped elsewhere. Downloads are off, so a missing set can never be fetched from here.
 */
class SharedDatasetsTest {

    private static DatasetRegistry registry() {
        return DatasetRegistry.builder().optDownloads(false).build();
    }

    @Test
    void seedHas25Covid25NormalWithPatientsFromMetadata() throws IOException {
        SharedData.require("seed");

        FolderDataset loaded = registry().load("seed", LabelMap.binary());
        XrayDataset dataset = loaded.dataset();

        assertThat(dataset.name()).isEqualTo("seed");
        assertThat(dataset.countsPerClass()).containsExactly(entry("covid", 25), entry("normal", 25));
        List<Sample> covid = dataset.samples().stream().filter(s -> s.label().equals("covid")).toList();
        assertThat(covid).allMatch(s -> s.patientId() != null && s.patientId().startsWith("ieee8023-"));
        assertThat(covid.stream().map(Sample::patientId).distinct()).hasSize(12);
        assertThat(covid).allMatch(s -> "PA".equals(s.view()));
        assertThat(dataset.samples()).allMatch(s -> s.source() != null);
        assertThat(loaded.skipped()).isEmpty();
        assertThat(loaded.ignoredFolders()).isEmpty();
    }

    @Test
    void seedPatientIdsDerivedFromKermanyNamesEqualTheRecordedOnes() throws IOException {
        SharedData.require("seed");

        XrayDataset dataset = registry().load("seed", LabelMap.binary()).dataset();

        for (Sample sample : dataset.samples()) {
            if (sample.label().equals("normal")) {
                assertThat(KermanyPatientIds.fromFileName(sample.image().getFileName().toString()))
                        .as(sample.image().toString()).hasValue(sample.patientId());
            }
        }
    }

    @Test
    void seedOrderIsSortedByRelativePath() throws IOException {
        Path folder = SharedData.require("seed");

        List<String> paths = registry().load(folder, LabelMap.binary()).dataset().samples().stream()
                .map(s -> folder.relativize(s.image()).toString()).toList();

        assertThat(paths).isSorted().hasSize(50);
    }

    @Test
    void darkCovidNetBinaryDropsPneumonia() throws IOException {
        SharedData.require("darkcovidnet");

        FolderDataset loaded = registry().load("darkcovidnet", LabelMap.binary());

        assertThat(loaded.dataset().countsPerClass())
                .containsExactly(entry("covid", 124), entry("normal", 500));
        assertThat(loaded.ignoredFolders()).singleElement()
                .satisfies(f -> assertThat(f.folder().getFileName()).hasToString("Pneumonia"))
                .satisfies(f -> assertThat(f.dropped()).isTrue());
        assertThat(loaded.unknownFolders()).isEmpty();
    }

    @Test
    void darkCovidNetThreeClass() throws IOException {
        SharedData.require("darkcovidnet");

        XrayDataset dataset = registry().load("darkcovidnet", LabelMap.threeClass()).dataset();

        assertThat(dataset.classNames()).containsExactly("covid", "normal", "pneumonia");
        assertThat(dataset.countsPerClass())
                .containsExactly(entry("covid", 124), entry("normal", 500), entry("pneumonia", 500));
    }

    @Test
    void darkCovidNetKnowsNihPatientsAndSources() throws IOException {
        SharedData.require("darkcovidnet");

        XrayDataset dataset = registry().load("darkcovidnet", LabelMap.threeClass()).dataset();

        Map<String, Long> imagesPerPatient = dataset.samples().stream()
                .filter(s -> s.patientId() != null)
                .collect(Collectors.groupingBy(Sample::patientId, Collectors.counting()));
        assertThat(dataset.samples()).filteredOn(s -> !s.label().equals("covid"))
                .allMatch(s -> s.patientId() != null && s.patientId().startsWith("nih-"))
                .allMatch(s -> "NIH ChestX-ray8".equals(s.source()));
        assertThat(dataset.samples()).filteredOn(s -> s.label().equals("covid"))
                .allMatch(s -> "ieee8023/covid-chestxray-dataset".equals(s.source()));
        assertThat(imagesPerPatient.values()).anyMatch(n -> n > 1);
        // The COVID-19 images are grouped by case report where their names tell it: 62 of the 124
        // belong to 18 reports with several images; the UUID-named ones have no id.
        Map<String, Long> imagesPerReport = dataset.samples().stream()
                .filter(s -> s.patientId() != null && s.patientId().startsWith("ieee8023-report-"))
                .collect(Collectors.groupingBy(Sample::patientId, Collectors.counting()));
        assertThat(imagesPerReport.values().stream().filter(n -> n > 1).count()).isEqualTo(18);
        assertThat(imagesPerReport.values().stream().filter(n -> n > 1).mapToLong(Long::longValue).sum())
                .isEqualTo(62);
        assertThat(imagesPerReport).containsEntry("ieee8023-report-jkms-35-e79", 3L)
                .containsEntry("ieee8023-report-nejmoa2001191", 4L);
        assertThat(SourceConfounding.check(
                registry().load("darkcovidnet", LabelMap.binary()).dataset())).isPresent();
    }

    @Test
    void darkCovidNetPatientSplitNeverSharesAPatientButAnImageSplitDoes() throws IOException {
        SharedData.require("darkcovidnet");
        XrayDataset dataset = registry().load("darkcovidnet", LabelMap.threeClass()).dataset();

        for (long seed = 0; seed < 5; seed++) {
            TrainTestSplit split = Splits.trainTest(dataset, 0.3, seed, SplitStrategy.PATIENT);
            assertThat(split.sharedPatients()).as("seed " + seed).isEmpty();
            assertThat(split.train().size() + split.test().size()).isEqualTo(dataset.size());
            for (Fold fold : Splits.kFold(dataset, 5, seed, SplitStrategy.PATIENT)) {
                assertThat(PatientLeakage.sharedPatients(fold.train(), fold.test())).isEmpty();
            }
        }
        assertThat(Splits.trainTest(dataset, 0.3, 42, SplitStrategy.IMAGE).sharedPatients())
                .isNotEmpty();
    }

    @Test
    void missingNamedSetSaysWhereItLookedAndWhereToGetIt(@TempDir Path empty) {
        DatasetRegistry registry =
                DatasetRegistry.builder().optDataRoot(empty).optDownloads(false).build();

        assertThatThrownBy(() -> registry.load("darkcovidnet", LabelMap.binary()))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining("expected the folder " + empty.resolve("darkcovidnet"))
                .hasMessageContaining("github.com/muhammedtalo/COVID-19")
                .hasMessageContaining("CXR4J_DATA_DIR");
    }

    @Test
    void unknownNameListsTheKnownOnes() {
        DatasetRegistry registry = registry();

        assertThat(registry.names()).containsExactly("seed", "darkcovidnet", "hannover", "covid-chestxray");
        assertThatThrownBy(() -> registry.load("mnist", LabelMap.binary()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[seed, darkcovidnet, hannover, covid-chestxray]");
    }
}
