package io.cxr4j.dataset.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.cxr4j.core.split.SplitStrategy;
import io.cxr4j.core.split.Splits;
import io.cxr4j.dataset.DataDirectory;
import io.cxr4j.dataset.DatasetRegistry;
import io.cxr4j.dataset.FolderDataset;
import io.cxr4j.dataset.LabelMap;
import java.io.IOException;
import java.nio.file.Files;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** The audit on the shared data sets; fails on CI when they are missing, skipped elsewhere. */
class SharedDatasetAuditTest {

    private static FolderDataset load(String name, LabelMap labels) throws IOException {
        DataDirectory root = DataDirectory.resolve();
        if (!Files.isDirectory(root.folder(name))) {
            String message = "Shared data set '" + name + "' not found under " + root
                    + ". Set CXR4J_DATA_DIR to the shared datasets folder.";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail(message);
            }
            Assumptions.abort(message);
        }
        return DatasetRegistry.builder().optDownloads(false).build().load(name, labels);
    }

    @Test
    void seedFlagsAll18PneumoniaFilesUnderNormalAndTheShapeShortcut() throws IOException {
        FolderDataset seed = load("seed", LabelMap.binary());

        AuditReport report = DatasetAudit.builder().build().run(seed);

        assertThat(report.suspiciousLabels()).hasSize(18)
                .allMatch(s -> s.label().equals("normal"))
                .allMatch(s -> s.path().matches("normal/person\\d+_(bacteria|virus)_\\d+\\.jpe?g"));
        assertThat(report.unreadable()).isEmpty();
        assertThat(report.confounding().warning()).isTrue();
    }

    @Test
    void darkCovidNetCovidIsRecognisedFromFilePropertiesAndPatientSplitsHoldNoPatientTwice()
            throws IOException {
        FolderDataset dark = load("darkcovidnet", LabelMap.threeClass());

        AuditReport report = DatasetAudit.builder()
                .optSplit(Splits.trainTest(dark.dataset(), 0.3, 42, SplitStrategy.PATIENT)).build().run(dark);

        assertThat(report.images()).isEqualTo(1124);
        assertThat(report.confounding().identifiableClasses()).contains("covid");
        assertThat(report.split().sharedPatients()).isEmpty();
        // The one near-duplicate COVID-19 pair straddles the split; a patient split cannot help with it.
        assertThat(report.split().duplicatesAcross()).hasSize(1);
        assertThat(report.warnings()).anyMatch(w -> w.contains("Remove the duplicates, or keep each pair on one side"))
                .noneMatch(w -> w.contains("Split by patient"));
        assertThat(report.classes()).filteredOn(c -> !c.label().equals("covid"))
                .allSatisfy(c -> assertThat(c.squareShare()).isEqualTo(1.0))
                .allSatisfy(c -> assertThat(c.colourTypes()).containsOnlyKeys("gray"));
        assertThat(report.seconds()).isLessThan(120);
    }
}
