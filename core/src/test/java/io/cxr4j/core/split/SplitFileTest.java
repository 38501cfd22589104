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

class SplitFileTest {

    @TempDir Path dir;

    private XrayDataset dataset(Path base) {
        List<Sample> samples = new ArrayList<>();
        for (int p = 0; p < 6; p++) {
            for (int i = 0; i < 3; i++) {
                samples.add(new Sample(base.resolve("covid/p" + p + "-" + i + ".png"), "covid", "p" + p, null, null));
            }
            samples.add(new Sample(base.resolve("normal/n" + p + ".png"), "normal", "n" + p, null, null));
        }
        return new XrayDataset("toy", List.of("covid", "normal"), samples);
    }

    @Test
    void trainTestSplitRoundTripsToTheSameImagesInTheSameOrder() throws IOException {
        Path base = dir.resolve("data");
        XrayDataset dataset = dataset(base);
        TrainTestSplit split = Splits.trainTest(dataset, 0.3, 42, SplitStrategy.PATIENT);
        Path file = dir.resolve("split.tsv");

        SplitFile.write(split, base, file);
        // A second loading of the same folder: equal samples, new objects.
        TrainTestSplit again = SplitFile.readTrainTest(file, dataset(base), base);

        assertThat(again).isEqualTo(split);
        assertThat(Files.readAllLines(file)).startsWith("# cxr4j split file 1", "# kind\ttrain-test",
                "# dataset\ttoy", "# strategy\tPATIENT", "# seed\t42", "part\tlabel\tpath");
        assertThat(Files.readString(file)).contains("\tcovid/p").doesNotContain(base.toString());
    }

    @Test
    void kFoldFilesOfEarlierVersionsReadAsOneRepeatWithoutValidation() throws IOException {
        Path base = dir.resolve("data");
        XrayDataset dataset = dataset(base);
        List<Fold> folds = Splits.kFold(dataset, 3, 7, SplitStrategy.PATIENT);
        // What the former SplitFile.writeFolds wrote: each image under the fold, from 0, that tests it.
        StringBuilder text = new StringBuilder("# cxr4j split file 1\n# kind\tk-fold\n# dataset\ttoy\n"
                + "# strategy\tPATIENT\n# seed\t7\n# folds\t3\npart\tlabel\tpath\n");
        for (Fold fold : folds) {
            for (Sample s : fold.test().samples()) {
                text.append(fold.index()).append('\t').append(s.label()).append('\t')
                        .append(base.relativize(s.image()).toString().replace('\\', '/')).append('\n');
            }
        }
        Path file = Files.writeString(dir.resolve("folds.tsv"), text);

        FoldPlan again = SplitFile.readFoldPlan(file, dataset, base);

        assertThat(again.planned()).hasSize(3);
        assertThat(List.of(again.strategy(), again.seed(), again.folds(), again.repeats(), again.validationFraction()))
                .isEqualTo(List.of(SplitStrategy.PATIENT, 7L, 3, 1, 0.0));
        for (int i = 0; i < 3; i++) {
            assertThat(again.planned().get(i).fold()).isEqualTo(i + 1);
            assertThat(again.planned().get(i).test().samples()).isEqualTo(folds.get(i).test().samples());
            assertThat(again.planned().get(i).train().samples())
                    .containsExactlyInAnyOrderElementsOf(folds.get(i).train().samples());
            assertThat(again.planned().get(i).validation()).isNull();
        }
    }

    @Test
    void aListedImageMissingFromTheDataSetIsAnError() throws IOException {
        Path base = dir.resolve("data");
        XrayDataset dataset = dataset(base);
        Path file = dir.resolve("split.tsv");
        SplitFile.write(Splits.trainTest(dataset, 0.3, 1, SplitStrategy.IMAGE), base, file);
        XrayDataset shrunk = dataset.filter(s -> !s.image().endsWith("n3.png"));

        assertThatThrownBy(() -> SplitFile.readTrainTest(file, shrunk, base))
                .isInstanceOf(SplitFileException.class)
                .hasMessageContaining("lists 1 image(s) that data set 'toy'")
                .hasMessageContaining("normal/n3.png (line ")
                .hasMessageContaining(file.toString());
    }

    @Test
    void anotherLabelIsAnError() throws IOException {
        Path base = dir.resolve("data");
        Path file = dir.resolve("split.tsv");
        SplitFile.write(Splits.trainTest(dataset(base), 0.3, 1, SplitStrategy.IMAGE), base, file);
        Files.writeString(file, Files.readString(file).replace("normal\tnormal/n0.png", "covid\tnormal/n0.png"));

        assertThatThrownBy(() -> SplitFile.readTrainTest(file, dataset(base), base))
                .isInstanceOf(SplitFileException.class)
                .hasMessageContaining("lists normal/n0.png as 'covid'")
                .hasMessageContaining("labels it 'normal'");
    }

    @Test
    void imagesTheFileDoesNotListAreLeftOut() throws IOException {
        Path base = dir.resolve("data");
        XrayDataset small = dataset(base).filter(s -> !s.image().endsWith("n5.png"));
        Path file = dir.resolve("split.tsv");
        SplitFile.write(Splits.trainTest(small, 0.3, 1, SplitStrategy.IMAGE), base, file);

        TrainTestSplit again = SplitFile.readTrainTest(file, dataset(base), base);

        assertThat(again.train().size() + again.test().size()).isEqualTo(small.size());
    }

    @Test
    void kindsAndFormatAreChecked() throws IOException {
        Path base = dir.resolve("data");
        Path folds = dir.resolve("folds.tsv");
        SplitFile.writeFoldPlan(FoldPlan.draw(dataset(base), new DatasetChecksum("ab", 24), 2, 1, 1,
                SplitStrategy.IMAGE, 0), base, folds);
        Path split = dir.resolve("split.tsv");
        SplitFile.write(Splits.trainTest(dataset(base), 0.3, 1, SplitStrategy.IMAGE), base, split);
        Path other = Files.writeString(dir.resolve("other.tsv"), "path,label\n");

        assertThatThrownBy(() -> SplitFile.readTrainTest(folds, dataset(base), base))
                .isInstanceOf(SplitFileException.class).hasMessageContaining("Use readFoldPlan");
        assertThatThrownBy(() -> SplitFile.readFoldPlan(split, dataset(base), base))
                .isInstanceOf(SplitFileException.class).hasMessageContaining("Use readTrainTest");
        assertThatThrownBy(() -> SplitFile.readTrainTest(other, dataset(base), base))
                .isInstanceOf(SplitFileException.class).hasMessageContaining("is not a cxr4j split file");
    }

    @Test
    void imagesOutsideTheBaseFolderCannotBeWritten() {
        XrayDataset dataset = dataset(dir.resolve("data"));

        assertThatThrownBy(() -> SplitFile.write(Splits.trainTest(dataset, 0.3, 1, SplitStrategy.IMAGE),
                        dir.resolve("elsewhere"), dir.resolve("s.tsv")))
                .isInstanceOf(SplitFileException.class).hasMessageContaining("is not inside");
    }
}
