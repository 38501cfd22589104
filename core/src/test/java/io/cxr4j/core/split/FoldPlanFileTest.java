package io.cxr4j.core.split;

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

/**
 * A cross-validation's folds in the split-file format: what a rerun rebuilds, the files it refuses
 * before any training, and the migration of the JSON folds.json that earlier versions wrote.
 */
class FoldPlanFileTest {

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

    private static final String HEADER = "# cxr4j split file 1\n# kind\tcross-validation\n# dataset\tset\n"
            + "# classes\tcovid\tnormal\n# strategy\tIMAGE\n# seed\t1\n# datasetSha256\tab\n# datasetFiles\t8\n"
            + "# validationFraction\t0.25\n";

    private static String tsv(int folds, int repeats, String lines) {
        return HEADER + "# folds\t" + folds + "\n# repeats\t" + repeats + "\npart\tlabel\tpath\n" + lines;
    }

    private static String legacyJson(int folds, int repeats, String assignments) {
        return "{\"formatVersion\": 1, \"dataset\": \"set\", \"classNames\": [\"covid\", \"normal\"],"
                + " \"strategy\": \"image\", \"seed\": 1, \"folds\": " + folds + ", \"repeats\": " + repeats + ","
                + " \"validationFraction\": 0.25, \"datasetChecksum\": {\"sha256\": \"ab\", \"files\": 8},"
                + " \"assignments\": [" + assignments + "]}";
    }

    private FoldPlan read(String text) throws IOException {
        Path file = Files.createTempFile(temp, "folds", ".tsv");
        Files.writeString(file, text);
        return SplitFile.readFoldPlan(file, dataset(), ROOT);
    }

    private static List<String> paths(XrayDataset part) {
        return part.samples().stream().map(s -> ROOT.relativize(s.image()).toString()).toList();
    }

    @Test
    void eachFoldTrainsOnEverythingItNeitherTestsNorValidatesOn() throws IOException {
        FoldPlan plan = read(tsv(2, 1, "r1f1-test\tcovid\tcovid/c0.png\nr1f1-test\tnormal\tnormal/n0.png\n"
                + "r1f1-validation\tcovid\tcovid/c1.png\nr1f2-test\tcovid\tcovid/c1.png\n"
                + "r1f2-test\tnormal\tnormal/n1.png\n"));

        List<PlannedFold> planned = plan.planned();
        assertThat(planned).hasSize(2);
        assertThat(paths(planned.get(0).test())).containsExactly("covid/c0.png", "normal/n0.png");
        assertThat(planned.get(0).validationSize()).isEqualTo(1);
        assertThat(paths(planned.get(0).train())).hasSize(5).doesNotContain("covid/c0.png", "normal/n0.png",
                "covid/c1.png");
        assertThat(planned.get(1).validation()).as("no validation part").isNull();
        assertThat(planned.get(1).train().size()).isEqualTo(6);
        assertThat(plan.strategy()).isEqualTo(SplitStrategy.IMAGE);
        assertThat(plan.validationFraction()).isEqualTo(0.25);
        assertThat(plan.datasetChecksum()).isEqualTo(CHECKSUM);
        assertThat(plan.partial()).isFalse();
    }

    @Test
    void readsWhatItWroteForEveryRepeat() throws IOException {
        FoldPlan drawn = FoldPlan.draw(dataset(), CHECKSUM, 2, 2, 7, SplitStrategy.IMAGE, 0.25);
        Path file = temp.resolve("folds.tsv");
        SplitFile.writeFoldPlan(drawn, ROOT, file);

        FoldPlan read = SplitFile.readFoldPlan(file, dataset(), ROOT);

        assertThat(read.planned()).hasSize(4);
        for (int i = 0; i < 4; i++) {
            PlannedFold a = drawn.planned().get(i);
            PlannedFold b = read.planned().get(i);
            assertThat(b.repeat()).isEqualTo(a.repeat());
            assertThat(b.fold()).isEqualTo(a.fold());
            assertThat(paths(b.test())).containsExactlyElementsOf(paths(a.test()));
            assertThat(paths(b.validation())).containsExactlyElementsOf(paths(a.validation()));
            assertThat(paths(b.train())).containsExactlyInAnyOrderElementsOf(paths(a.train()));
        }
        assertThat(List.of(read.dataset(), read.classNames(), read.strategy(), read.seed(), read.folds(),
                read.repeats(), read.validationFraction(), read.datasetChecksum())).isEqualTo(List.of(drawn.dataset(),
                drawn.classNames(), drawn.strategy(), drawn.seed(), drawn.folds(), drawn.repeats(),
                drawn.validationFraction(), drawn.datasetChecksum()));
        assertThat(read.grouping()).isEqualTo(FoldGrouping.STRATIFIED);
        assertThat(Files.readString(file)).as("stratified files are written as before").doesNotContain("groupBy");
    }

    /** Eight images of three sources; source c has covid images only. */
    private static XrayDataset threeSources() {
        List<Sample> samples = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            String source = i < 2 ? "a" : "b";
            samples.add(new Sample(ROOT.resolve("covid/c" + i + ".png"), "covid", null, null, i == 3 ? "c" : source));
            samples.add(new Sample(ROOT.resolve("normal/n" + i + ".png"), "normal", null, null, source));
        }
        return new XrayDataset("set", List.of("covid", "normal"), samples);
    }

    @Test
    void leaveOneSourceOutTestsEachSourceOnceAndTheFileRecordsIt() throws IOException {
        FoldPlan drawn = FoldPlan.bySource(threeSources(), CHECKSUM, 3, SplitStrategy.IMAGE, 0);

        assertThat(drawn.grouping()).isEqualTo(FoldGrouping.SOURCE);
        assertThat(List.of(drawn.folds(), drawn.repeats())).containsExactly(3, 1);
        assertThat(drawn.planned()).extracting(drawn::heldOutSource).containsExactly("a", "b", "c");
        assertThat(paths(drawn.planned().get(0).test()))
                .containsExactly("covid/c0.png", "normal/n0.png", "covid/c1.png", "normal/n1.png");
        assertThat(paths(drawn.planned().get(0).train())).hasSize(4).allSatisfy(p -> assertThat(p).matches(".*[23].png"));
        assertThat(paths(drawn.planned().get(2).test())).as("a source may lack a class").containsExactly("covid/c3.png");

        Path file = temp.resolve("folds.tsv");
        SplitFile.writeFoldPlan(drawn, ROOT, file);
        FoldPlan read = SplitFile.readFoldPlan(file, threeSources(), ROOT);

        assertThat(Files.readString(file)).contains("# groupBy\tsource\n");
        assertThat(read.grouping()).isEqualTo(FoldGrouping.SOURCE);
        assertThat(read.planned()).extracting(read::heldOutSource).containsExactly("a", "b", "c");
        for (int i = 0; i < 3; i++) {
            assertThat(paths(read.planned().get(i).test())).containsExactlyElementsOf(paths(drawn.planned().get(i).test()));
        }
    }

    @Test
    void leaveOneSourceOutCarvesValidationFromTheOtherSourcesAndRefusesOneSourceOrUnknownSources() {
        FoldPlan withValidation = FoldPlan.bySource(threeSources(), CHECKSUM, 3, SplitStrategy.IMAGE, 0.25);
        assertThat(withValidation.planned()).allSatisfy(f -> {
            assertThat(f.validation().samples()).isNotEmpty().noneMatch(f.test().samples()::contains);
            assertThat(f.train().samples()).noneMatch(f.validation().samples()::contains);
        });

        XrayDataset oneSource = threeSources().filter(s -> s.source().equals("a"));
        assertThatThrownBy(() -> FoldPlan.bySource(oneSource, CHECKSUM, 3, SplitStrategy.IMAGE, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("comes from one source, 'a'").hasMessageContaining(FoldGrouping.SOURCE_CALL);
        assertThatThrownBy(() -> FoldPlan.bySource(dataset(), CHECKSUM, 3, SplitStrategy.IMAGE, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("8 image(s) of data set 'set' have none");
    }

    @Test
    void aSourceHoldingEveryImageOfAClassTrainsEveryFoldInsteadOfBeingHeldOut() {
        List<Sample> samples = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            samples.add(new Sample(ROOT.resolve("covid/c" + i + ".png"), "covid", null, null, i < 2 ? "a" : "b"));
            samples.add(new Sample(ROOT.resolve("normal/n" + i + ".png"), "normal", null, null, "nih"));
        }
        XrayDataset covidFromTwoNormalFromOne = new XrayDataset("set", List.of("covid", "normal"), samples);

        FoldPlan plan = FoldPlan.bySource(covidFromTwoNormalFromOne, CHECKSUM, 3, SplitStrategy.IMAGE, 0);

        assertThat(FoldPlan.holdableSources(covidFromTwoNormalFromOne)).containsExactly("a", "b");
        assertThat(plan.folds()).isEqualTo(2);
        assertThat(plan.planned()).extracting(plan::heldOutSource).containsExactly("a", "b");
        assertThat(plan.planned()).allSatisfy(f -> assertThat(f.train().countsPerClass().get("normal")).isEqualTo(4));

        XrayDataset oneClassEach = covidFromTwoNormalFromOne.filter(s -> !"b".equals(s.source()));
        assertThatThrownBy(() -> FoldPlan.bySource(oneClassEach, CHECKSUM, 3, SplitStrategy.IMAGE, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cannot hold out any of the sources [a, nih]");
    }

    @Test
    void refusesAnUnknownGrouping() {
        assertThatThrownBy(() -> read(HEADER + "# folds\t1\n# repeats\t1\n# groupBy\thospital\npart\tlabel\tpath\n"
                + "r1f1-test\tcovid\tcovid/c0.png\n")).isInstanceOf(SplitFileException.class)
                .hasMessageContaining("'# groupBy hospital'").hasMessageContaining("[stratified, source]");
    }

    @Test
    void allowsTheSameImageInTheTestPartsOfDifferentRepeats() throws IOException {
        assertThat(read(tsv(1, 2, "r1f1-test\tcovid\tcovid/c0.png\nr2f1-test\tcovid\tcovid/c0.png\n")).planned())
                .hasSize(2);
    }

    @Test
    void refusesAnImageTestedTwiceInOneRepeat() {
        assertThatThrownBy(() -> read(tsv(2, 1, "r1f1-test\tcovid\tcovid/c0.png\nr1f2-test\tcovid\tcovid/c0.png\n")))
                .isInstanceOf(SplitFileException.class)
                .hasMessageContaining("'covid/c0.png' is in the test part of folds 1 and 2 of repeat 1");
        assertThatThrownBy(() -> read(tsv(1, 1, "r1f1-test\tcovid\tcovid/c0.png\nr1f1-test\tcovid\tcovid/c0.png\n")))
                .isInstanceOf(SplitFileException.class).hasMessageContaining("covid/c0.png is listed twice in r1f1-test");
        assertThatThrownBy(() -> read(legacyJson(2, 1, "{\"repeat\": 1, \"fold\": 1, \"test\": [\"covid/c0.png\"]},"
                + " {\"repeat\": 1, \"fold\": 2, \"test\": [\"covid/c0.png\", \"normal/n1.png\"]}")))
                .isInstanceOf(SplitFileException.class)
                .hasMessageContaining("'covid/c0.png' is in the test part of folds 1 and 2 of repeat 1");
    }

    @Test
    void refusesAnImageThatIsBothTestAndValidation() {
        assertThatThrownBy(() -> read(legacyJson(1, 1, "{\"repeat\": 1, \"fold\": 1, \"test\": [\"covid/c0.png\"],"
                + " \"validation\": [\"normal/n0.png\", \"covid/c0.png\"]}")))
                .isInstanceOf(SplitFileException.class)
                .hasMessageContaining("lists 'covid/c0.png' as both test and validation image");
    }

    @Test
    void refusesImagesTheDataSetDoesNotHaveOrLabelsOtherwise() {
        assertThatThrownBy(() -> read(legacyJson(1, 1, "{\"repeat\": 1, \"fold\": 1, \"test\": [\"covid/c9.png\"]}")))
                .isInstanceOf(SplitFileException.class)
                .hasMessageContaining("names image 'covid/c9.png', which is not in the loaded data set");
        assertThatThrownBy(() -> read(tsv(1, 1, "r1f1-test\tcovid\tcovid/c9.png\n")))
                .isInstanceOf(SplitFileException.class).hasMessageContaining("does not have: covid/c9.png");
        assertThatThrownBy(() -> read(tsv(1, 1, "r1f1-test\tnormal\tcovid/c0.png\n")))
                .isInstanceOf(SplitFileException.class).hasMessageContaining("labels it 'covid'");
    }

    @Test
    void refusesOtherClassesAndPartsOutsideItsFolds() {
        assertThatThrownBy(() -> read(tsv(1, 1, "r1f1-test\tcovid\tcovid/c0.png\n").replace("covid\tnormal\n",
                "covid\tnormal\tpneumonia\n"))).isInstanceOf(SplitFileException.class)
                .hasMessageContaining("were drawn for classes [covid, normal, pneumonia]");
        assertThatThrownBy(() -> read(tsv(1, 1, "r1f2-test\tcovid\tcovid/c0.png\n")))
                .isInstanceOf(SplitFileException.class).hasMessageContaining("has the part 'r1f2-test'");
        assertThatThrownBy(() -> read(tsv(1, 1, "")))
                .isInstanceOf(SplitFileException.class).hasMessageContaining("lists no folds");
    }

    @Test
    void refusesATrainTestSplitAsFolds() {
        assertThatThrownBy(() -> read("# cxr4j split file 1\n# kind\ttrain-test\n# dataset\tset\n# strategy\tIMAGE\n"
                + "# seed\t1\npart\tlabel\tpath\ntest\tcovid\tcovid/c0.png\n"))
                .isInstanceOf(SplitFileException.class).hasMessageContaining("holds a train-test split, not a"
                        + " cross-validation one");
    }

    @Test
    void migratesTheJsonFoldsOfEarlierVersionsToTheSameFolds() throws IOException {
        FoldPlan fromJson = read(legacyJson(2, 1, "{\"repeat\": 1, \"fold\": 1, \"test\": [\"covid/c0.png\","
                + " \"normal/n0.png\"], \"validation\": [\"covid/c1.png\"]}, {\"repeat\": 1, \"fold\": 2, \"test\":"
                + " [\"covid/c1.png\", \"normal/n1.png\"], \"validation\": []}"));
        FoldPlan fromTsv = read(tsv(2, 1, "r1f1-test\tcovid\tcovid/c0.png\nr1f1-test\tnormal\tnormal/n0.png\n"
                + "r1f1-validation\tcovid\tcovid/c1.png\nr1f2-test\tcovid\tcovid/c1.png\n"
                + "r1f2-test\tnormal\tnormal/n1.png\n"));

        assertThat(fromJson.planned()).hasSize(2);
        for (int i = 0; i < 2; i++) {
            assertThat(paths(fromJson.planned().get(i).test())).isEqualTo(paths(fromTsv.planned().get(i).test()));
            assertThat(paths(fromJson.planned().get(i).train())).isEqualTo(paths(fromTsv.planned().get(i).train()));
            assertThat(fromJson.planned().get(i).validationSize()).isEqualTo(fromTsv.planned().get(i).validationSize());
        }
        assertThat(List.of(fromJson.strategy(), fromJson.seed(), fromJson.folds(), fromJson.repeats(),
                fromJson.validationFraction(), fromJson.datasetChecksum())).isEqualTo(List.of(fromTsv.strategy(),
                fromTsv.seed(), fromTsv.folds(), fromTsv.repeats(), fromTsv.validationFraction(),
                fromTsv.datasetChecksum()));
    }

    @Test
    void aLegacyFileWithoutValidationListsHasNone() throws IOException {
        FoldPlan plan = read(legacyJson(1, 1, "{\"repeat\": 1, \"fold\": 1, \"test\": [\"covid/c0.png\"]}"));

        assertThat(plan.planned().get(0).validation()).isNull();
    }

    @Test
    void refusesLegacyFilesThatCannotDescribeFolds() throws IOException {
        assertRefused(legacyJson(2, 1, ""), "lists no folds");
        assertRefused(legacyJson(2, 1, "{\"repeat\": 1, \"fold\": 3, \"test\": [\"covid/c0.png\"]}"),
                "has fold 3 of repeat 1, outside its 2 folds x 1 repeats");
        assertRefused(legacyJson(2, 1, "{\"repeat\": 1, \"fold\": 1, \"test\": [\"covid/c0.png\"]},"
                + " {\"repeat\": 1, \"fold\": 1, \"test\": [\"covid/c1.png\"]}"), "lists fold 1 of repeat 1 twice");
        assertRefused(legacyJson(2, 1, "{\"repeat\": 1, \"fold\": 1, \"test\": []}"),
                "fold 1 of repeat 1 has no test images");
        assertRefused("{\"formatVersion\": 1, \"assignments\": []}", "is not a cxr4j folds.json of format version 1");
        assertRefused(legacyJson(2, 1, "").replace("\"formatVersion\": 1", "\"formatVersion\": 2"),
                "is not a cxr4j folds.json of format version 1");
        assertRefused("{\"formatVersion\": 1,", "is not JSON");
        assertRefused("[]", "is not a cxr4j folds.json of format version");
        assertRefused("image\tpart\ncovid/c0.png\ttest\n", "is not a cxr4j split file");
    }

    private void assertRefused(String text, String message) throws IOException {
        Path file = Files.createTempFile(temp, "folds", ".json");
        Files.writeString(file, text);
        assertThatThrownBy(() -> SplitFile.readFoldPlan(file, dataset(), ROOT)).isInstanceOf(SplitFileException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining(message);
    }
}
