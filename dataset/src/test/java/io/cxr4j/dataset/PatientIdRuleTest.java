package io.cxr4j.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import io.cxr4j.core.data.Sample;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PatientIdRuleTest {

    private static final String IEEE = DatasetRegistry.IEEE8023_SOURCE;

    @TempDir Path root;

    @Test
    void forSourceAppliesTheRuleToThatSourceOnly() {
        PatientIdRule rule = PatientIdRule.caseReports().forSource(IEEE);
        Path image = Path.of("Covid-19", "lancet-case2a.png");

        assertThat(rule.patientIdOf(image, IEEE)).hasValue("ieee8023-report-lancet-case2");
        assertThat(rule.patientIdOf(image, DatasetRegistry.NIH_SOURCE)).isEmpty();
        assertThat(rule.patientIdOf(image, null)).isEmpty();
    }

    @Test
    void orElseTriesTheSecondRuleOnlyWhereTheFirstFindsNoId() {
        PatientIdRule first = (image, source) -> image.getFileName().toString().startsWith("a")
                ? Optional.of("first") : Optional.empty();
        PatientIdRule rule = first.orElse((image, source) -> Optional.of("second"));

        assertThat(rule.patientIdOf(Path.of("x", "a.png"), null)).hasValue("first");
        assertThat(rule.patientIdOf(Path.of("x", "b.png"), null)).hasValue("second");
        assertThat(PatientIdRule.none().patientIdOf(Path.of("normal", "person1_virus_2.jpeg"), null)).isEmpty();
    }

    @Test
    void knownNamingSchemesReadKermanyAndNihNamesAnywhereAndCaseReportsInTheirCollection() {
        PatientIdRule rule = PatientIdRule.knownNamingSchemes();

        assertThat(rule.patientIdOf(Path.of("normal", "person1_virus_2.jpeg"), null)).hasValue("kermany-person1");
        assertThat(rule.patientIdOf(Path.of("normal", "00000061_012.jpg"), "mine")).hasValue("nih-00000061");
        assertThat(rule.patientIdOf(Path.of("covid", "lancet-case2a.png"), IEEE))
                .hasValue("ieee8023-report-lancet-case2");
        assertThat(rule.patientIdOf(Path.of("covid", "lancet-case2a.png"), null)).isEmpty();
    }

    @Test
    void aDataSetCanBringItsOwnRuleSuchAsOneFolderPerPatient() throws IOException {
        Fixtures.image(root.resolve("covid/patient7/a.png"));
        Fixtures.image(root.resolve("covid/patient7/b.png"));
        Fixtures.image(root.resolve("normal/patient8/person1_virus_2.jpeg"));
        PatientIdRule byFolder = (image, source) -> image.getNameCount() > 2
                ? Optional.of(image.getName(1).toString()) : Optional.empty();

        var dataset = FolderDataset.builder().setFolder(root).optLabelMap(LabelMap.binary())
                .optPatientIdRule(byFolder).build().dataset();

        assertThat(dataset.samples()).extracting(Sample::patientId)
                .containsExactly("patient7", "patient7", "patient8");
    }
}
