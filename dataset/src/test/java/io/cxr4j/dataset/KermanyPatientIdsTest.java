package io.cxr4j.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class KermanyPatientIdsTest {

    @Test
    void pneumoniaNamesCarryThePersonNumber() {
        assertThat(KermanyPatientIds.fromFileName("person123_bacteria_456.jpeg"))
                .hasValue("kermany-person123");
        assertThat(KermanyPatientIds.fromFileName("person1_virus_2.JPG")).hasValue("kermany-person1");
    }

    @Test
    void normalNamesCarryTheImNumber() {
        assertThat(KermanyPatientIds.fromFileName("IM-0033-0001-0001.jpeg")).hasValue("kermany-IM-0033");
        assertThat(KermanyPatientIds.fromFileName("IM-0240-0001.jpeg")).hasValue("kermany-IM-0240");
        assertThat(KermanyPatientIds.fromFileName("NORMAL2-IM-0315-0001.jpeg"))
                .hasValue("kermany-NORMAL2-IM-0315");
    }

    @Test
    void otherNamesHaveNoId() {
        assertThat(KermanyPatientIds.fromFileName("00001280_004.jpg")).isEmpty();
        assertThat(KermanyPatientIds.fromFileName("lancet-case2a.jpg")).isEmpty();
        assertThat(KermanyPatientIds.fromFileName("person123_bacteria_456.txt")).isEmpty();
    }
}
