package io.cxr4j.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NihPatientIdsTest {

    @Test
    void chestXray8NamesCarryThePatientNumber() {
        assertThat(NihPatientIds.fromFileName("00000061_012.jpg")).hasValue("nih-00000061");
        assertThat(NihPatientIds.fromFileName("00030805_000.PNG")).hasValue("nih-00030805");
    }

    @Test
    void otherNamesHaveNoId() {
        assertThat(NihPatientIds.fromFileName("person123_bacteria_456.jpeg")).isEmpty();
        assertThat(NihPatientIds.fromFileName("0000061_012.jpg")).isEmpty();
        assertThat(NihPatientIds.fromFileName("00000061_012.txt")).isEmpty();
        assertThat(NihPatientIds.fromFileName("lancet-case2a.jpg")).isEmpty();
    }
}
