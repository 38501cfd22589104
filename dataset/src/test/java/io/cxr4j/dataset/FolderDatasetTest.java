package io.cxr4j.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import io.cxr4j.core.data.Sample;
import io.cxr4j.core.data.XrayDataset;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FolderDatasetTest {

    @TempDir Path root;

    private FolderDataset load(LabelMap map) throws IOException {
        return FolderDataset.builder().setFolder(root).optLabelMap(map).build();
    }

    @Test
    void loadsOneClassPerFolderSortedByRelativePath() throws IOException {
        Fixtures.image(root.resolve("normal/b.png"));
        Fixtures.image(root.resolve("covid/z.JPG"));
        Fixtures.image(root.resolve("covid/a.jpeg"));
        Fixtures.image(root.resolve("covid/sub/m.png"));
        Fixtures.image(root.resolve("normal/a.Png"));

        FolderDataset loaded = load(LabelMap.binary());
        XrayDataset dataset = loaded.dataset();

        assertThat(dataset.name()).isEqualTo(root.getFileName().toString());
        assertThat(dataset.classNames()).containsExactly("covid", "normal");
        assertThat(dataset.samples()).extracting(s -> root.relativize(s.image()).toString())
                .containsExactly("covid/a.jpeg", "covid/sub/m.png", "covid/z.JPG",
                        "normal/a.Png", "normal/b.png");
        assertThat(dataset.samples()).extracting(Sample::label)
                .containsExactly("covid", "covid", "covid", "normal", "normal");
        assertThat(loaded.skipped()).isEmpty();
        assertThat(loaded.ignoredFolders()).isEmpty();
    }

    @Test
    void followsLinkedClassFoldersAndReportsLinkLoops(@TempDir Path elsewhere) throws IOException {
        Fixtures.image(elsewhere.resolve("covid-images/a.png"));
        Fixtures.image(elsewhere.resolve("covid-images/nested/b.png"));
        Files.createSymbolicLink(elsewhere.resolve("covid-images/nested/loop"), elsewhere.resolve("covid-images"));
        Files.createDirectories(root);
        Files.createSymbolicLink(root.resolve("covid"), elsewhere.resolve("covid-images"));
        Fixtures.image(root.resolve("normal/n.png"));

        FolderDataset loaded = load(LabelMap.binary());

        assertThat(loaded.dataset().samples()).extracting(s -> root.relativize(s.image()).toString())
                .containsExactly("covid/a.png", "covid/nested/b.png", "normal/n.png");
        assertThat(loaded.skipped()).singleElement()
                .satisfies(f -> assertThat(f.path().getFileName().toString()).isEqualTo("loop"));
    }

    @Test
    void skipsNonImagesAndHiddenEntriesWithTheirPaths() throws IOException {
        Fixtures.image(root.resolve("covid/a.png"));
        Fixtures.image(root.resolve("normal/b.png"));
        Fixtures.text(root.resolve("covid/notes.txt"), "x");
        Fixtures.text(root.resolve("normal/.DS_Store"), "x");
        Fixtures.image(root.resolve("normal/.hidden/c.png"));
        Fixtures.image(root.resolve(".cache/d.png"));
        Fixtures.text(root.resolve("README.md"), "x");

        FolderDataset loaded = load(LabelMap.binary());

        assertThat(loaded.dataset().size()).isEqualTo(2);
        assertThat(loaded.skipped()).containsExactly(
                new SkippedFile(root.resolve(".cache"), "hidden folder"),
                new SkippedFile(root.resolve("README.md"), "file outside the class folders"),
                new SkippedFile(root.resolve("covid/notes.txt"), "not an image (.png, .jpg, .jpeg, .dcm, .dicom)"),
                new SkippedFile(root.resolve("normal/.DS_Store"), "hidden file"),
                new SkippedFile(root.resolve("normal/.hidden"), "hidden folder"));
    }

    @Test
    void readsDicomFilesBesidePngAndJpeg() throws IOException {
        Fixtures.image(root.resolve("normal/n.png"));
        Fixtures.dicom(root.resolve("covid/c.DCM"));
        Fixtures.dicom(root.resolve("covid/d.dicom"));

        FolderDataset loaded = load(LabelMap.binary());

        assertThat(loaded.dataset().samples()).extracting(s -> root.relativize(s.image()).toString())
                .containsExactly("covid/c.DCM", "covid/d.dicom", "normal/n.png");
        assertThat(loaded.skipped()).isEmpty();
    }

    @Test
    void dicomFilesGiveThePatientViewAndManufacturerThatMetadataCsvLeavesOut() throws IOException {
        Fixtures.image(root.resolve("normal/n.png"));
        Fixtures.dicom(root.resolve("covid/c.dcm"));
        Fixtures.dicom(root.resolve("covid/d.dcm"));
        Fixtures.text(root.resolve("metadata.csv"), "path,label,patient_id,view,source\n"
                + "covid/d.dcm,covid,p9,AP,archive\n");

        List<Sample> samples = load(LabelMap.binary()).dataset().samples();

        assertThat(samples).extracting(Sample::patientId, Sample::view, Sample::manufacturer)
                .containsExactly(tuple("PAT-0042", "PA", "Acme Imaging"),
                        tuple("p9", "AP", "Acme Imaging"),
                        tuple(null, null, null));
    }

    @Test
    void aBrokenLinkIsSkippedAsSuch() throws IOException {
        Fixtures.image(root.resolve("covid/a.png"));
        Fixtures.image(root.resolve("normal/b.png"));
        Path link = Files.createSymbolicLink(root.resolve("covid/moved.png"), root.resolve("elsewhere/moved.png"));

        FolderDataset loaded = load(LabelMap.binary());

        assertThat(loaded.dataset().size()).isEqualTo(2);
        assertThat(loaded.skipped()).containsExactly(new SkippedFile(link, "is a link whose target does not exist"));
    }

    @Test
    void symbolicLinkLoopsAreSkippedAsLoopsNotAsMissingFiles() throws IOException {
        Fixtures.image(root.resolve("covid/a.png"));
        Fixtures.image(root.resolve("normal/b.png"));
        // A file link pointing at itself, and a folder link pointing back at its class folder.
        Path fileLoop = Files.createSymbolicLink(root.resolve("covid/loop.png"), root.resolve("covid/loop.png"));
        Path folderLoop = Files.createSymbolicLink(root.resolve("normal/again"), root.resolve("normal"));

        FolderDataset loaded = load(LabelMap.binary());

        assertThat(loaded.dataset().size()).isEqualTo(2);
        assertThat(loaded.skipped()).extracting(SkippedFile::path).containsExactly(fileLoop, folderLoop);
        assertThat(loaded.skipped()).allSatisfy(skip -> assertThat(skip.reason())
                .startsWith("is a symbolic-link loop").contains("point the link at the real file or folder")
                .doesNotContain("does not exist").doesNotContain("Exception"));
    }

    @Test
    void reportsDroppedAndUnknownFolders() throws IOException {
        Fixtures.image(root.resolve("Covid-19/a.png"));
        Fixtures.image(root.resolve("No_findings/b.png"));
        Fixtures.image(root.resolve("Pneumonia/c.png"));
        Fixtures.image(root.resolve("Other/d.png"));

        FolderDataset loaded = load(LabelMap.binary());

        assertThat(loaded.dataset().countsPerClass()).containsExactly(
                org.assertj.core.api.Assertions.entry("covid", 1),
                org.assertj.core.api.Assertions.entry("normal", 1));
        assertThat(loaded.ignoredFolders()).containsExactly(
                new IgnoredFolder(root.resolve("Other"), false),
                new IgnoredFolder(root.resolve("Pneumonia"), true));
        assertThat(loaded.unknownFolders()).containsExactly(root.resolve("Other"));
    }

    @Test
    void identityMapUsesFolderNamesAlphabetically() throws IOException {
        Fixtures.image(root.resolve("Pneumonia/c.png"));
        Fixtures.image(root.resolve("covid/a.png"));
        Fixtures.image(root.resolve("No_findings/b.png"));

        FolderDataset loaded = FolderDataset.builder().setFolder(root).optName("mine").build();

        assertThat(loaded.dataset().name()).isEqualTo("mine");
        assertThat(loaded.dataset().classNames()).containsExactly("covid", "No_findings", "Pneumonia");
    }

    @Test
    void attachesMetadataAndDerivesKermanyIdsOtherwise() throws IOException {
        Fixtures.image(root.resolve("covid/a.png"));
        Fixtures.image(root.resolve("covid/b.png"));
        Fixtures.image(root.resolve("normal/person12_bacteria_34.jpeg"));
        Fixtures.image(root.resolve("normal/other.png"));
        Fixtures.text(root.resolve("metadata.csv"), "path,label,patient_id,view,source,note\n"
                + "covid/a.png,covid,p-7,AP,case reports,\n"
                + "covid/b.png,covid,p-7,PA,case reports,\n"
                + "normal/missing.png,normal,p-9,,,\n");

        XrayDataset dataset = load(LabelMap.binary()).dataset();

        assertThat(dataset.samples()).extracting(Sample::patientId, Sample::view, Sample::source)
                .containsExactly(
                        tuple("p-7", "AP", "case reports"),
                        tuple("p-7", "PA", "case reports"),
                        tuple(null, null, null),
                        tuple("kermany-person12", null, null));
        assertThat(dataset.hasPatientIds()).isTrue();
    }

    @Test
    void derivesNihAndCaseReportIdsAndFolderSourcesSoConfoundingIsDetected() throws IOException {
        Fixtures.image(root.resolve("Covid-19/01E392EE-69F9-4E33-BFCE-E5C968654078.png"));
        Fixtures.image(root.resolve("Covid-19/lancet-case2a.png"));
        Fixtures.image(root.resolve("Covid-19/lancet-case2b.png"));
        Fixtures.image(root.resolve("No_findings/00000061_012.jpg"));
        Fixtures.image(root.resolve("No_findings/00000061_015.jpg"));
        Fixtures.image(root.resolve("No_findings/00000150_002.jpg"));
        Fixtures.image(root.resolve("No_findings/lancet-case3a.png"));

        XrayDataset dataset = FolderDataset.builder().setFolder(root).optLabelMap(LabelMap.binary())
                .optSource("covid-19", "ieee8023/covid-chestxray-dataset")
                .optSource("No_findings", "NIH ChestX-ray8")
                .build().dataset();

        String ieee = "ieee8023/covid-chestxray-dataset";
        assertThat(dataset.samples()).extracting(Sample::patientId, Sample::source)
                .containsExactly(
                        tuple(null, ieee),
                        tuple("ieee8023-report-lancet-case2", ieee),
                        tuple("ieee8023-report-lancet-case2", ieee),
                        tuple("nih-00000061", "NIH ChestX-ray8"),
                        tuple("nih-00000061", "NIH ChestX-ray8"),
                        tuple("nih-00000150", "NIH ChestX-ray8"),
                        // Case-report names mean something only in the ieee8023 collection.
                        tuple(null, "NIH ChestX-ray8"));
        assertThat(io.cxr4j.core.data.SourceConfounding.check(dataset)).isPresent();
    }

    @Test
    void metadataSourceWinsOverTheFolderSource() throws IOException {
        Fixtures.image(root.resolve("covid/a.png"));
        Fixtures.image(root.resolve("normal/b.png"));
        Fixtures.text(root.resolve("metadata.csv"), "path,label,patient_id,view,source,note\n"
                + "covid/a.png,covid,,,recorded,\n");

        XrayDataset dataset = FolderDataset.builder().setFolder(root).optLabelMap(LabelMap.binary())
                .optSource("covid", "declared").optSource("normal", "declared").build().dataset();

        assertThat(dataset.samples()).extracting(Sample::source).containsExactly("recorded", "declared");
    }

    @Test
    void patientIdsFromFileNamesCanBeTurnedOff() throws IOException {
        Fixtures.image(root.resolve("covid/a.png"));
        Fixtures.image(root.resolve("normal/person12_bacteria_34.jpeg"));

        XrayDataset dataset = FolderDataset.builder().setFolder(root).optLabelMap(LabelMap.binary())
                .optPatientIdRule(PatientIdRule.none()).build().dataset();

        assertThat(dataset.hasPatientIds()).isFalse();
    }

    @Test
    void missingFolderIsAnActionableError() {
        Path missing = root.resolve("nowhere");

        assertThatThrownBy(() -> FolderDataset.builder().setFolder(missing).build())
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining(missing + " does not exist")
                .hasMessageContaining("CXR4J_DATA_DIR");
    }

    @Test
    void fileInsteadOfFolderIsAnError() {
        Path file = Fixtures.text(root.resolve("file.txt"), "x");

        assertThatThrownBy(() -> FolderDataset.builder().setFolder(file).build())
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining("is not a folder");
    }

    @Test
    void folderWithoutClassSubfoldersIsAnError() {
        Fixtures.image(root.resolve("a.png"));

        assertThatThrownBy(() -> load(LabelMap.identity()))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining("has no class subfolders")
                .hasMessageContaining(root.resolve("covid").toString());
    }

    @Test
    void folderWhoseSubfoldersAreAllUnknownIsAnError() {
        Fixtures.image(root.resolve("cats/a.png"));
        Fixtures.image(root.resolve("dogs/b.png"));

        assertThatThrownBy(() -> load(LabelMap.binary()))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining("[cats, dogs]")
                .hasMessageContaining("Rename the folders to those names")
                // Only when training: a model's own classes cannot be renamed by reading other folders.
                .hasMessageContaining("to train on other classes").hasMessageContaining("LabelMap.identity()");
    }

    @Test
    void emptyClassFolderIsAnError() throws IOException {
        Fixtures.image(root.resolve("covid/a.png"));
        Files.createDirectories(root.resolve("normal"));
        Fixtures.text(root.resolve("normal/readme.txt"), "x");

        assertThatThrownBy(() -> load(LabelMap.binary()))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining("Class folder " + root.resolve("normal") + " holds no image")
                .hasMessageContaining("skipped: readme.txt (not an image (.png, .jpg, .jpeg, .dcm, .dicom))")
                .hasMessageNotContaining("SkippedFile[");
    }

    @Test
    void declaredClassWithoutFolderIsAnError() {
        Fixtures.image(root.resolve("covid/a.png"));
        Fixtures.image(root.resolve("normal/b.png"));

        assertThatThrownBy(() -> load(LabelMap.threeClass()))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining("Class 'pneumonia' has no folder in " + root)
                .hasMessageContaining("LabelMap.binary()");
    }

    @Test
    void aMissingCovidOrNormalFolderCannotBeLeftOutByALabelSet() {
        Fixtures.image(root.resolve("covid/a.png"));

        assertThatThrownBy(() -> load(LabelMap.binary()))
                .hasMessageContaining("Class 'normal' has no folder in " + root)
                .hasMessageContaining("Add the folder with its images").hasMessageNotContaining("--labels binary");
    }

    @Test
    void onlyOneClassIsAnError() {
        Fixtures.image(root.resolve("covid/a.png"));
        Fixtures.image(root.resolve("pneumonia/b.png"));

        assertThatThrownBy(() -> load(LabelMap.builder().addClass("covid").optDrop("pneumonia").build()))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining("only one class [covid]")
                .hasMessageContaining("pneumonia");
    }

    @Test
    void buildWithoutFolderIsAProgrammingError() {
        assertThatThrownBy(() -> FolderDataset.builder().build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("setFolder");
    }
}
