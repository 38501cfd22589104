package io.cxr4j.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cxr4j.core.data.Sample;
import io.cxr4j.core.data.XrayDataset;
import io.cxr4j.core.testing.SyntheticImages;
import io.cxr4j.dataset.audit.AuditReport;
import io.cxr4j.dataset.audit.DatasetAudit;
import io.cxr4j.dataset.audit.DuplicatePair;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Named sets and folders joined into one data set: sources, patients, classes, duplicates across sets. */
class DatasetUnionTest {

    @TempDir Path temp;

    private static DatasetRegistry offline(Path root) {
        return DatasetRegistry.builder().optDataRoot(root).optDownloads(false).build();
    }

    @Test
    void joinsFoldersKeepingEachSamplesSourceAndPrefixingPatientIdsByMember() throws Exception {
        Path a = temp.resolve("sites/a");
        Fixtures.image(a.resolve("covid/p1_1.png"));
        Fixtures.image(a.resolve("normal/x.png"));
        Fixtures.text(a.resolve("metadata.csv"), "path,label,patient_id,view,source,note\n"
                + "covid/p1_1.png,covid,p1,PA,Hospital A,\nnormal/x.png,normal,p2,PA,,\n");
        Path b = temp.resolve("sites/b");
        Fixtures.image(b.resolve("covid/y.png"));
        Fixtures.text(b.resolve("metadata.csv"), "path,label,patient_id,view,source,note\n"
                + "covid/y.png,covid,p1,AP,,\n");

        DatasetUnion union = offline(temp).union().addFolder(a).addFolder(b).optLabelMap(LabelMap.binary()).build();

        XrayDataset dataset = union.dataset();
        assertThat(dataset.name()).isEqualTo("a+b");
        assertThat(dataset.classNames()).containsExactly("covid", "normal");
        assertThat(union.folder()).isEqualTo(temp.resolve("sites").toAbsolutePath().normalize());
        assertThat(union.members()).extracting(DatasetUnion.Member::name).containsExactly("a", "b");
        assertThat(dataset.samples()).extracting(Sample::image).containsExactly(
                a.resolve("covid/p1_1.png").toAbsolutePath(), a.resolve("normal/x.png").toAbsolutePath(),
                b.resolve("covid/y.png").toAbsolutePath());
        assertThat(dataset.samples()).extracting(Sample::source).as("metadata first, else the member's name")
                .containsExactly("Hospital A", "a", "b");
        assertThat(dataset.samples()).extracting(Sample::patientId).as("two members' p1 are two patients")
                .containsExactly("a:p1", "a:p2", "b:p1");
        assertThat(dataset.samples()).extracting(Sample::view).containsExactly("PA", "PA", "AP");
    }

    @Test
    void keepsTheManufacturerReadFromADicomHeader() throws Exception {
        Path a = temp.resolve("sites/a");
        Fixtures.dicom(a.resolve("covid/c.dcm"));
        Fixtures.image(a.resolve("normal/x.png"));
        Path b = temp.resolve("sites/b");
        Fixtures.image(b.resolve("covid/y.png"));

        XrayDataset dataset = offline(temp).union().addFolder(a).addFolder(b).optLabelMap(LabelMap.binary()).build()
                .dataset();

        assertThat(dataset.samples()).extracting(Sample::manufacturer).containsExactly("Acme Imaging", null, null);
        assertThat(dataset.samples()).extracting(Sample::patientId).containsExactly("a:PAT-0042", null, null);
    }

    @Test
    void aMemberMayLackAClassButTheIdentityMapRefusesTwoNamesOfOneClass() throws Exception {
        Path darkStyle = temp.resolve("dark");
        Fixtures.image(darkStyle.resolve("Covid-19/a.png"));
        Fixtures.image(darkStyle.resolve("No_findings/b.png"));
        Path covidOnly = temp.resolve("covid-only");
        Fixtures.image(covidOnly.resolve("covid/c.png"));

        XrayDataset binary = offline(temp).union().addFolder(darkStyle).addFolder(covidOnly)
                .optLabelMap(LabelMap.binary()).build().dataset();
        assertThat(binary.countsPerClass()).isEqualTo(Map.of("covid", 2, "normal", 1));

        assertThatThrownBy(() -> offline(temp).union().addFolder(darkStyle).addFolder(covidOnly).build())
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining("folder 'Covid-19' of 'dark' and folder 'covid' of 'covid-only' both hold covid")
                .hasMessageContaining(LabelMap.BINARY_CALL).hasMessageNotContaining("--");

        Path other = temp.resolve("other");
        Fixtures.image(other.resolve("Covid-19/d.png"));
        Fixtures.image(other.resolve("Pneumonia/e.png"));
        assertThat(offline(temp).union().addFolder(darkStyle).addFolder(other).build().dataset().classNames())
                .as("the identity map: every member's folders").containsExactly("Covid-19", "No_findings", "Pneumonia");
    }

    @Test
    void refusesOneFolderTwiceTwoMembersOfOneNameAndAUnionOfOne() throws Exception {
        Path a = SyntheticImages.writeTwoClassFolder(temp.resolve("x/data"), 2);
        Path b = SyntheticImages.writeTwoClassFolder(temp.resolve("y/data"), 2);

        assertThatThrownBy(() -> offline(temp).union().addFolder(a).addFolder("again", a).build())
                .isInstanceOf(DatasetException.class).hasMessageContaining("are the same folder");
        assertThatThrownBy(() -> offline(temp).union().addFolder(a).addFolder(b).build())
                .isInstanceOf(DatasetException.class).hasMessageContaining("named 'data'")
                .hasMessageContaining(DatasetUnion.ADD_NAMED_FOLDER_CALL);
        assertThat(offline(temp).union().addFolder(a).addFolder("data-y", b).build().dataset().size()).isEqualTo(8);
        assertThatThrownBy(() -> offline(temp).union().addFolder(a).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("at least two");
    }

    @Test
    void theAuditOfAUnionFindsAnImageCopiedFromOneMemberIntoAnother() throws Exception {
        Path a = SyntheticImages.squaresAndNoise(temp.resolve("a"), 4, 1);
        Path b = SyntheticImages.squaresAndNoise(temp.resolve("b"), 4, 2);
        Path copied = a.resolve("covid").resolve(Files.list(a.resolve("covid")).sorted().findFirst().orElseThrow()
                .getFileName());
        Files.copy(copied, b.resolve("normal/copied-from-a.png"));

        DatasetUnion union = offline(temp).union().addFolder(a).addFolder(b).optLabelMap(LabelMap.binary()).build();
        AuditReport report = DatasetAudit.builder().build().run(union);

        assertThat(report.exactDuplicates()).anySatisfy(p -> {
            assertThat(List.of(p.first(), p.second())).containsExactlyInAnyOrder(
                    "a/covid/" + copied.getFileName(), "b/normal/copied-from-a.png");
            assertThat(p.acrossClasses()).isTrue();
        });
    }

    @Test
    void darkcovidnetAndHannoverJoinWithTheirOwnSourcesAndSeedSharesFiguresWithDarkcovidnet() throws Exception {
        Path root = SharedData.require(DatasetRegistry.DARKCOVIDNET).getParent();
        SharedData.require(DatasetRegistry.HANNOVER);
        SharedData.require(DatasetRegistry.SEED);

        DatasetUnion union = offline(root).union().addDataset(DatasetRegistry.DARKCOVIDNET)
                .addDataset(DatasetRegistry.HANNOVER).optLabelMap(LabelMap.binary()).build();

        XrayDataset dataset = union.dataset();
        assertThat(union.folder()).isEqualTo(root.toAbsolutePath().normalize());
        assertThat(dataset.countsPerClass()).isEqualTo(Map.of("covid", 124 + 243, "normal", 500));
        Map<String, Long> bySource = dataset.samples().stream()
                .collect(Collectors.groupingBy(Sample::source, Collectors.counting()));
        assertThat(bySource).isEqualTo(Map.of(DatasetRegistry.IEEE8023_SOURCE, 124L, DatasetRegistry.NIH_SOURCE, 500L,
                DatasetRegistry.HANNOVER_SOURCE, 243L));
        assertThat(dataset.samples()).filteredOn(s -> s.source().equals(DatasetRegistry.HANNOVER_SOURCE))
                .allSatisfy(s -> assertThat(s.patientId()).startsWith("hannover:mhh-"));

        // Seed's COVID-19 figures are darkcovidnet's, re-encoded there at a smaller size.
        DatasetUnion seedAndDark = offline(root).union().addDataset(DatasetRegistry.SEED)
                .addDataset(DatasetRegistry.DARKCOVIDNET).optLabelMap(LabelMap.binary()).build();
        AuditReport report = DatasetAudit.builder().build().run(seedAndDark);
        List<DuplicatePair> acrossSets = report.nearDuplicates().stream()
                .filter(p -> p.first().startsWith("seed/") != p.second().startsWith("seed/")).toList();
        assertThat(acrossSets).anySatisfy(p -> assertThat(List.of(p.first(), p.second())).containsExactlyInAnyOrder(
                "seed/covid/lancet-case2b.jpg", "darkcovidnet/Covid-19/lancet-case2b.jpg"));
    }
}
