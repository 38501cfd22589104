package io.cxr4j.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.groups.Tuple.tuple;

import io.cxr4j.core.data.Sample;
import io.cxr4j.core.data.XrayDataset;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Fixtures use the real headers and finding values of the three repositories. */
class CovidChestXrayTest {

    /** The header of ieee8023/covid-chestxray-dataset's metadata.csv since mid 2020. */
    static final String IEEE_HEADER = "patientid,offset,sex,age,finding,RT_PCR_positive,survival,"
            + "intubated,intubation_present,went_icu,in_icu,needed_supplemental_O2,extubated,"
            + "temperature,pO2_saturation,leukocyte_count,neutrophil_count,lymphocyte_count,view,"
            + "modality,date,location,folder,filename,doi,url,license,clinical_notes,other_notes,"
            + "Unnamed: 29";

    @TempDir Path root;

    private static String ieeeRow(String patient, String finding, String view, String modality,
            String folder, String file, String notes) {
        return patient + ",0,M,65," + finding + ",Y,Y,,,,,,,,,,,," + view + "," + modality
                + ",2020,\"Wuhan, China\"," + folder + "," + file + ",,https://example.org/case,,"
                + notes + ",,\r\n";
    }

    @Test
    void ieee8023MapsFindingsFiltersViewAndModalityAndKeepsPatients() throws IOException {
        Fixtures.image(root.resolve("images/a.jpg"));
        Fixtures.image(root.resolve("images/b.jpg"));
        Fixtures.image(root.resolve("images/c.png"));
        Fixtures.image(root.resolve("images/d.jpg"));
        Fixtures.image(root.resolve("images/e.jpg"));
        Fixtures.image(root.resolve("images/f.jpg"));
        Fixtures.image(root.resolve("images/g.jpg"));
        Fixtures.image(root.resolve("volumes/ct.jpg"));
        Fixtures.text(root.resolve("metadata.csv"), "\uFEFF" + IEEE_HEADER + "\r\n"
                + ieeeRow("2", "Pneumonia/Viral/COVID-19", "PA", "X-ray", "images", "a.jpg",
                        "\"Opacities, \"\"bilateral\"\"\nday 0\"")
                + ieeeRow("2", "Pneumonia/Viral/COVID-19", "AP Supine", "X-ray", "images", "b.jpg", "")
                + ieeeRow("5", "Pneumonia/Viral/SARS", "AP", "X-ray", "images", "c.png", "")
                + ieeeRow("7", "No Finding", "PA", "X-ray", "images", "d.jpg", "")
                + ieeeRow("8", "todo", "PA", "X-ray", "images", "e.jpg", "")
                + ieeeRow("9", "Pneumonia/Bacterial/Streptococcus", "L", "X-ray", "images", "f.jpg", "")
                + ieeeRow("10", "Unknown", "PA", "X-ray", "images", "g.jpg", "")
                + ieeeRow("11", "Pneumonia/Viral/COVID-19", "Axial", "CT", "volumes", "ct.jpg", "")
                + ieeeRow("12", "COVID-19", "PA", "X-ray", "images", "missing.jpg", ""));

        LoadedDataset loaded = CovidChestXray.ieee8023(root).build();
        XrayDataset dataset = loaded.dataset();

        assertThat(dataset.classNames()).containsExactly("covid", "normal", "pneumonia");
        assertThat(dataset.samples()).extracting(
                        s -> s.image().getFileName().toString(), Sample::label, Sample::patientId, Sample::view)
                .containsExactly(
                        tuple("a.jpg", "covid", "ieee8023-2", "PA"),
                        tuple("b.jpg", "covid", "ieee8023-2", "AP Supine"),
                        tuple("c.png", "pneumonia", "ieee8023-5", "AP"),
                        tuple("d.jpg", "normal", "ieee8023-7", "PA"));
        assertThat(dataset.samples()).allMatch(s -> s.source().equals("ieee8023/covid-chestxray-dataset"));
        assertThat(loaded.skipped()).extracting(SkippedFile::reason).containsExactly(
                "metadata.csv line 7: finding 'todo' gives no label",
                "metadata.csv line 8: view L, not one of " + CovidChestXray.FRONTAL_VIEWS,
                "metadata.csv line 9: finding 'Unknown' gives no label",
                "metadata.csv line 10: modality CT, not X-ray",
                "metadata.csv line 11: listed but missing");
    }

    @Test
    void binaryDropsPneumoniaAndLateralCanBeKept() throws IOException {
        Fixtures.image(root.resolve("images/a.jpg"));
        Fixtures.image(root.resolve("images/b.jpg"));
        Fixtures.image(root.resolve("images/c.jpg"));
        Fixtures.text(root.resolve("metadata.csv"), IEEE_HEADER + "\n"
                + ieeeRow("1", "COVID-19", "L", "X-ray", "images", "a.jpg", "")
                + ieeeRow("3", "No Finding", "PA", "X-ray", "images", "b.jpg", "")
                + ieeeRow("4", "ARDS", "PA", "X-ray", "images", "c.jpg", ""));

        LoadedDataset loaded = CovidChestXray.ieee8023(root).optLabelMap(LabelMap.binary())
                .optViews("PA", "L").build();

        assertThat(loaded.dataset().countsPerClass()).containsExactly(entry("covid", 1), entry("normal", 1));
        assertThat(loaded.skipped()).singleElement().extracting(SkippedFile::reason).asString()
                .contains("'ARDS' (pneumonia) is not in the label set");
    }

    @Test
    void oldHeaderWithoutModalityLoads() throws IOException {
        Fixtures.image(root.resolve("images/lancet-case2a.jpg"));
        Fixtures.image(root.resolve("images/ARDSSevere.png"));
        Fixtures.text(root.resolve("metadata.csv"),
                "Patientid,offset,sex,age,finding,survival,view,date,location,filename,doi, url,license,notes\n"
                        + "6,0,,,COVID-19,,PA,2020,,lancet-case2a.jpg,10.1016/S0140-6736(20)30211-7,"
                        + "https://www.thelancet.com,,\"Case 2: chest x-ray obtained on Jan 6 (2A).\"\n"
                        + "5,,,,ARDS,,PA,2017,,ARDSSevere.png,,https://en.wikipedia.org,,Severe ARDS.\n");

        XrayDataset dataset = CovidChestXray.ieee8023(root).build().dataset();

        assertThat(dataset.countsPerClass()).containsExactly(
                entry("covid", 1), entry("normal", 0), entry("pneumonia", 1));
    }

    @Test
    void figure1UsesThePatientIdAsFileNameAndGroupsLetterSuffixes() throws IOException {
        Fixtures.image(root.resolve("images/COVID-00003a.jpg"));
        Fixtures.image(root.resolve("images/COVID-00003b.jpg"));
        Fixtures.image(root.resolve("images/COVID-00004.png"));
        Fixtures.image(root.resolve("images/COVID-00005.jpg"));
        Fixtures.text(root.resolve("metadata.csv"), "patientid,offset,sex,age,finding,survival,"
                + "temperature,pO2 saturation,view,modality,originalfile,artifacts/distortion,notes\n"
                + "COVID-00003a,8,M,28,COVID-19,,39.1,90,AP erect,X-ray,COVID-0024.jpeg,,\"28M, SOB\"\n"
                + "COVID-00003b,8,M,28,COVID-19,,39.1,90,AP erect,X-ray,COVID-0025.jpeg,,Post-intubation\n"
                + "COVID-00004,2,M,42,No finding,,,91-92,PA,X-ray,COVID-0033.jpeg,,\n"
                + "COVID-00005,,,,,,,,,X-ray,,,\n");

        LoadedDataset loaded = CovidChestXray.figure1(root).build();

        assertThat(loaded.dataset().samples())
                .extracting(s -> s.image().getFileName().toString(), Sample::label, Sample::patientId, Sample::view)
                .containsExactly(
                        tuple("COVID-00003a.jpg", "covid", "figure1-COVID-00003", "AP"),
                        tuple("COVID-00003b.jpg", "covid", "figure1-COVID-00003", "AP"),
                        tuple("COVID-00004.png", "normal", "figure1-COVID-00004", "PA"));
        assertThat(loaded.skipped()).singleElement().extracting(SkippedFile::reason).asString()
                .contains("line 5: no view recorded");
    }

    @Test
    void actualmedUsesTheImagenameColumn() throws IOException {
        Fixtures.image(root.resolve("images/CR.1.2.840.113564.1722810170.20200318082923328940.1003000225002.png"));
        Fixtures.image(root.resolve("images/CR.1.2.840.113564.1722810170.20200317090830828260.1003000225002.png"));
        Fixtures.image(root.resolve("images/CR.1.2.840.113564.1722810170.20200313090023421700.1003000225002.png"));
        Fixtures.text(root.resolve("metadata.csv"), "patientid,offset,sex,age,finding,survival,"
                + "temperature,pO2 saturation,view,modality,imagename,artifacts/distortion,notes\n"
                + "ANON196,,,,,,,,PA,X-ray,CR.1.2.840.113564.1722810170.20200313090023421700.1003000225002.png,,"
                + "\"Inconclusive, date taken (YYYYMMDD): 20200313\"\n"
                + "ANON56,,,,No finding,,,,PA,X-ray,CR.1.2.840.113564.1722810170.20200317090830828260.1003000225002.png,,"
                + "\"Negative (covid-19 viral infection is excluded), date taken (YYYYMMDD): 20200317\"\n"
                + "ANON196,,,,COVID-19,,,,PA,X-ray,CR.1.2.840.113564.1722810170.20200318082923328940.1003000225002.png,,"
                + "\", date taken (YYYYMMDD): 20200318\"\n");

        LoadedDataset loaded = CovidChestXray.actualmed(root).optLabelMap(LabelMap.binary()).build();

        assertThat(loaded.dataset().samples()).extracting(Sample::label, Sample::patientId, Sample::source)
                .containsExactlyInAnyOrder(
                        tuple("normal", "actualmed-ANON56", "agchung/Actualmed-COVID-chestxray-dataset"),
                        tuple("covid", "actualmed-ANON196", "agchung/Actualmed-COVID-chestxray-dataset"));
        assertThat(loaded.skipped()).singleElement().extracting(SkippedFile::reason).asString()
                .contains("line 2: finding '' gives no label");
    }

    @Test
    void missingFindingColumnNamesFileAndHeader() {
        Fixtures.text(root.resolve("metadata.csv"), "patientid,view,filename\n1,PA,a.jpg\n");

        assertThatThrownBy(() -> CovidChestXray.ieee8023(root).build())
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining(root.resolve("metadata.csv").toString())
                .hasMessageContaining("no column 'finding'")
                .hasMessageContaining("patientid,view,filename");
    }

    @Test
    void missingMetadataSaysWhatTheFolderMustHold() {
        assertThatThrownBy(() -> CovidChestXray.ieee8023(root).build())
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining("metadata.csv and images/");
    }

    @Test
    void findingCategoriesAndViews() {
        assertThat(CovidChestXray.categoryOf("COVID-19, ARDS")).hasValue("covid");
        assertThat(CovidChestXray.categoryOf("Pneumonia/Fungal/Pneumocystis")).hasValue("pneumonia");
        assertThat(CovidChestXray.categoryOf("No Finding")).hasValue("normal");
        assertThat(CovidChestXray.categoryOf("Pneumonia/Viral/Unknown")).isEmpty();
        assertThat(CovidChestXray.categoryOf(" ")).isEmpty();
        assertThat(CovidChestXray.canonicalView("APS")).isEqualTo("AP Supine");
        assertThat(CovidChestXray.canonicalView("AP erect")).isEqualTo("AP");
        assertThat(CovidChestXray.canonicalView("Coronal")).isEqualTo("Coronal");
    }
}
