package io.cxr4j.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cxr4j.core.data.DatasetChecksum;
import io.cxr4j.core.data.Sample;
import io.cxr4j.core.data.XrayDataset;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** folds.json: what a rerun rebuilds, and the files it refuses before any training. */
class FoldsFileTest {

    private static final Path ROOT = Path.of("/data/set");
    private static final DatasetChecksum CHECKSUM = new DatasetChecksum("ab", 8);

    @TempDir
    Path temp;

    private static XrayDataset dataset() {
        List<Sample> samples = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            samples.add(Sample.of(ROOT.resolve("covid/c" + i + ".png"), "covid"));
            samples.add(Sample.of(ROOT.resolve("normal/n" + i + ".png"), "normal"));
        }
        return new XrayDataset("set", List.of("covid", "normal"), samples);
    }

    private static FoldsFile file(int folds, int repeats, List<FoldsFile.Assignment> assignments) {
        return new FoldsFile(FoldsFile.FORMAT_VERSION, "set", List.of("covid", "normal"), "image", 1, folds, repeats,
                0.25, CHECKSUM, assignments);
    }

    @Test
    void resolveTrainsOnEverythingNotHeldOut() {
        FoldsFile folds = file(2, 1, List.of(
                new FoldsFile.Assignment(1, 1, List.of("covid/c0.png", "normal/n0.png"), List.of("covid/c1.png")),
                new FoldsFile.Assignment(1, 2, List.of("covid/c1.png", "normal/n1.png"), List.of())));

        List<FoldsFile.PlannedFold> planned = folds.resolve(dataset(), ROOT);

        assertThat(planned).hasSize(2);
        assertThat(planned.get(0).test().samples()).extracting(s -> ROOT.relativize(s.image()).toString())
                .containsExactly("covid/c0.png", "normal/n0.png");
        assertThat(planned.get(0).validation().size()).isEqualTo(1);
        assertThat(planned.get(0).train().size()).isEqualTo(5);
        assertThat(planned.get(0).train().samples()).noneMatch(s -> s.image().endsWith("c0.png")
                || s.image().endsWith("n0.png") || s.image().endsWith("c1.png"));
        assertThat(planned.get(1).validation()).as("no validation part").isNull();
        assertThat(planned.get(1).train().size()).isEqualTo(6);
    }

    @Test
    void refusesAnImageTestedTwiceInOneRepeat() {
        FoldsFile folds = file(2, 1, List.of(
                new FoldsFile.Assignment(1, 1, List.of("covid/c0.png"), List.of()),
                new FoldsFile.Assignment(1, 2, List.of("covid/c0.png", "normal/n1.png"), List.of())));

        assertThatThrownBy(() -> folds.resolve(dataset(), ROOT)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'covid/c0.png' is in the test part of folds 1 and 2 of repeat 1");
    }

    @Test
    void allowsTheSameImageInTheTestPartsOfDifferentRepeats() {
        FoldsFile folds = file(1, 2, List.of(
                new FoldsFile.Assignment(1, 1, List.of("covid/c0.png"), List.of()),
                new FoldsFile.Assignment(2, 1, List.of("covid/c0.png"), List.of())));

        assertThat(folds.resolve(dataset(), ROOT)).hasSize(2);
    }

    @Test
    void refusesAnImageThatIsBothTestAndValidation() {
        FoldsFile folds = file(1, 1, List.of(
                new FoldsFile.Assignment(1, 1, List.of("covid/c0.png"), List.of("normal/n0.png", "covid/c0.png"))));

        assertThatThrownBy(() -> folds.resolve(dataset(), ROOT)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("lists 'covid/c0.png' as both test and validation image");
    }

    @Test
    void refusesAnImageTheDataSetDoesNotHave() {
        FoldsFile folds = file(1, 1, List.of(new FoldsFile.Assignment(1, 1, List.of("covid/c9.png"), List.of())));

        assertThatThrownBy(() -> folds.resolve(dataset(), ROOT)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("names image 'covid/c9.png', which is not in the loaded data set");
    }

    @Test
    void readsWhatItWrote() throws IOException {
        FoldsFile folds = file(1, 1, List.of(new FoldsFile.Assignment(1, 1, List.of("covid/c0.png"), List.of())));
        Path json = temp.resolve("folds.json");
        folds.write(json);

        assertThat(FoldsFile.read(json)).isEqualTo(folds);
    }

    @Test
    void aMissingValidationListMeansNone() throws IOException {
        Path json = write("""
                {"formatVersion": 1, "dataset": "set", "classNames": ["covid", "normal"], "strategy": "image",
                 "seed": 1, "folds": 1, "repeats": 1, "validationFraction": 0,
                 "datasetChecksum": {"sha256": "ab", "files": 8},
                 "assignments": [{"repeat": 1, "fold": 1, "test": ["covid/c0.png"]}]}
                """);

        assertThat(FoldsFile.read(json).assignments().get(0).validation()).isEmpty();
    }

    @Test
    void refusesFilesThatCannotDescribeFolds() throws IOException {
        String header = """
                "formatVersion": 1, "dataset": "set", "classNames": ["covid", "normal"], "strategy": "image",
                "seed": 1, "folds": 2, "repeats": 1, "validationFraction": 0,
                "datasetChecksum": {"sha256": "ab", "files": 8},
                """;
        assertRefused("{" + header + "\"assignments\": []}", "lists no folds");
        assertRefused("{" + header + "\"assignments\": [{\"repeat\": 1, \"fold\": 3, \"test\": [\"covid/c0.png\"]}]}",
                "has fold 3 of repeat 1, outside its 2 folds x 1 repeats");
        assertRefused("{" + header + "\"assignments\": [{\"repeat\": 1, \"fold\": 1, \"test\": [\"covid/c0.png\"]},"
                + " {\"repeat\": 1, \"fold\": 1, \"test\": [\"covid/c1.png\"]}]}", "lists fold 1 of repeat 1 twice");
        assertRefused("{" + header + "\"assignments\": [{\"repeat\": 1, \"fold\": 1, \"test\": []}]}",
                "fold 1 of repeat 1 has no test images");
        assertRefused("{\"formatVersion\": 1, \"assignments\": []}", "it needs formatVersion, classNames,"
                + " datasetChecksum and assignments");
        assertRefused("{\"formatVersion\": 1,", "is not JSON. Pass the folds.json a cross-validate run wrote");
        assertRefused("[]", "is not a cxr4j folds.json of format version");
        assertRefused("{\"folds\": []}", "is not a cxr4j folds.json of format version");
        assertRefused("# cxr4j split file 1\n# kind\ttrain-test\n", "is the split file of a train run, which train"
                + " --split-file reads");
        assertRefused("image\tpart\ncovid/c0.png\ttest\n", "is not JSON");
    }

    private void assertRefused(String json, String message) throws IOException {
        Path file = write(json);
        assertThatThrownBy(() -> FoldsFile.read(file)).isInstanceOf(IOException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining(message);
    }

    private Path write(String json) throws IOException {
        Path file = Files.createTempFile(temp, "folds", ".json");
        Files.writeString(file, json);
        return file;
    }
}
