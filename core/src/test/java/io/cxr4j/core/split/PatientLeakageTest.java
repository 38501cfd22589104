package io.cxr4j.core.split;

import static org.assertj.core.api.Assertions.assertThat;

import io.cxr4j.core.data.Sample;
import io.cxr4j.core.data.XrayDataset;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class PatientLeakageTest {

    private static Sample sample(String name, String label, String patient) {
        return new Sample(Path.of(name), label, patient, null, null);
    }

    @Test
    void sharedPatientsAreThoseOnBothSides() {
        XrayDataset train = new XrayDataset("t", List.of("a", "b"),
                List.of(sample("1.png", "a", "p1"), sample("2.png", "b", "p2"), sample("3.png", "a", null)));
        XrayDataset test = new XrayDataset("t", List.of("a", "b"),
                List.of(sample("4.png", "a", "p2"), sample("5.png", "b", "p3"), sample("6.png", "a", null)));

        assertThat(PatientLeakage.sharedPatients(train, test)).containsExactly("p2");
    }

    @Test
    void warnsPerClassAboutImagesWithoutPatientIds() {
        XrayDataset dataset = new XrayDataset("mixed", List.of("covid", "normal"), List.of(
                sample("1.png", "covid", null), sample("2.png", "covid", "r1"), sample("3.png", "covid", null),
                sample("4.png", "normal", "n1")));

        assertThat(PatientLeakage.ungroupedImages(dataset)).hasValueSatisfying(w -> assertThat(w)
                .contains("2 of 3 'covid' images of data set 'mixed' carry no patient id")
                .doesNotContain("'normal'").contains("metadata.csv"));
    }

    @Test
    void isQuietWhenEveryImageHasAPatient() {
        XrayDataset dataset = new XrayDataset("ids", List.of("a", "b"),
                List.of(sample("1.png", "a", "p1"), sample("2.png", "b", "p2")));

        assertThat(PatientLeakage.ungroupedImages(dataset)).isEmpty();
    }

    @Test
    void warnsThatAnImageLevelSplitCannotBeCheckedWhenNoImageHasAPatientId() {
        XrayDataset anonymous = new XrayDataset("anonymous", List.of("a", "b"),
                List.of(sample("1.png", "a", null), sample("2.png", "b", null)));
        XrayDataset someIds = new XrayDataset("some", List.of("a", "b"),
                List.of(sample("1.png", "a", "p1"), sample("2.png", "b", null)));

        assertThat(PatientLeakage.unknownPatients(anonymous)).hasValueSatisfying(w -> assertThat(w)
                .contains("No image of data set 'anonymous' carries a patient id").contains("data audit"));
        assertThat(PatientLeakage.unknownPatients(someIds)).isEmpty();
    }

    @Test
    void warnsWhenTestImagesClusterByPatient() {
        XrayDataset clustered = new XrayDataset("c", List.of("a", "b"), List.of(sample("1.png", "a", "p1"),
                sample("2.png", "a", "p1"), sample("3.png", "b", "p2"), sample("4.png", "b", null)));
        XrayDataset onePerPatient = new XrayDataset("o", List.of("a", "b"),
                List.of(sample("1.png", "a", "p1"), sample("2.png", "b", "p2"), sample("3.png", "b", null)));

        assertThat(PatientLeakage.clusteredByPatient(clustered)).hasValueSatisfying(w -> assertThat(w)
                .startsWith("The 4 test images come from 2 patients (and 1 images without a patient id)"));
        assertThat(PatientLeakage.clusteredByPatient(onePerPatient)).isEmpty();
    }
}
