package io.cxr4j.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class CaseReportIdsTest {

    private static void sameReport(String id, String... fileNames) {
        for (String name : fileNames) {
            assertThat(CaseReportIds.fromFileName(name)).as(name).hasValue(id);
        }
    }

    @Test
    void figurePanelsDaysAndViewsOfOneReportShareAnId() {
        sameReport("ieee8023-report-jkms-35-e79", "jkms-35-e79-g001-l-a.jpg", "jkms-35-e79-g001-l-c.jpg");
        sameReport("ieee8023-report-nejmoa2001191", "nejmoa2001191_f1-PA.jpeg", "nejmoa2001191_f4.jpg",
                "nejmoa2001191_f5-PA.jpg");
        sameReport("ieee8023-report-lancet-case2", "lancet-case2a.jpg", "lancet-case2b.jpg");
        sameReport("ieee8023-report-ryct.2020200034", "ryct.2020200034.fig2.jpeg", "ryct.2020200034.fig5-day0.jpg",
                "ryct.2020200034.fig5-day7.jpg");
        sameReport("ieee8023-report-auntminnie-2020_01_28_23_51_6665_2020_01_28_vietnam_coronavirus",
                "auntminnie-a-2020_01_28_23_51_6665_2020_01_28_Vietnam_coronavirus.jpg",
                "auntminnie-d-2020_01_28_23_51_6665_2020_01_28_Vietnam_coronavirus.jpeg");
        sameReport("ieee8023-report-1-s2.0-s1684118220300682-main.pdf",
                "1-s2.0-S1684118220300682-main.pdf-002-a1.jpg", "1-s2.0-S1684118220300682-main.pdf-003-b2.jpg");
        sameReport("ieee8023-report-covid-19-pneumonia-evolution-over-a-week-1",
                "covid-19-pneumonia-evolution-over-a-week-1-day0-PA.jpg",
                "covid-19-pneumonia-evolution-over-a-week-1-day4.jpg");
        sameReport("ieee8023-report-covid-19-pneumonia-rapidly-progressive",
                "covid-19-pneumonia-rapidly-progressive-12-hours.jpg",
                "covid-19-pneumonia-rapidly-progressive-3-days.jpg",
                "covid-19-pneumonia-rapidly-progressive-admission.jpg");
    }

    @Test
    void radiopaediaCasesStayApart() {
        List<String> ids = List.of("covid-19-pneumonia-2.jpg", "covid-19-pneumonia-24-day6.jpg",
                "covid-19-pneumonia-30-PA.jpg").stream()
                .map(name -> CaseReportIds.fromFileName(name).orElseThrow()).toList();
        assertThat(ids).containsExactly("ieee8023-report-covid-19-pneumonia-2",
                "ieee8023-report-covid-19-pneumonia-24", "ieee8023-report-covid-19-pneumonia-30");
    }

    @Test
    void hashNamesKeepTheirLastCharacterAndUuidsHaveNoReport() {
        assertThat(CaseReportIds.fromFileName("5e6dd879fde9502400e58b2f.jpg"))
                .hasValue("ieee8023-report-5e6dd879fde9502400e58b2f");
        assertThat(CaseReportIds.fromFileName("figure1-5e71be566aa8714a04de3386-98-left.jpg"))
                .hasValue("ieee8023-report-figure1-5e71be566aa8714a04de3386-98");
        assertThat(CaseReportIds.fromFileName("01E392EE-69F9-4E33-BFCE-E5C968654078.jpeg")).isEmpty();
        assertThat(CaseReportIds.fromFileName("6b44464d-73a7-4cf3-bbb6-ffe7168300e3.annot.original.jpg")).isEmpty();
        assertThat(CaseReportIds.fromFileName("notes.txt")).isEmpty();
    }
}
