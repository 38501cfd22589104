package io.cxr4j.core.split;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cxr4j.core.data.Sample;
import io.cxr4j.core.data.XrayDataset;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class SplitsTest {

    /** 12 covid patients with 1 to 4 images each (30 images), 20 normal patients with one image. */
    private static XrayDataset manyImagesPerPatient() {
        List<Sample> samples = new ArrayList<>();
        for (int p = 0; p < 12; p++) {
            for (int i = 0; i <= p % 4; i++) {
                samples.add(new Sample(Path.of("data/covid/p" + p + "-" + i + ".png"), "covid",
                        "c" + p, "PA", "test"));
            }
        }
        for (int p = 0; p < 20; p++) {
            samples.add(new Sample(Path.of("data/normal/n" + p + ".png"), "normal", "n" + p, "PA", "test"));
        }
        return new XrayDataset("toy", List.of("covid", "normal"), samples);
    }

    private static Set<Path> paths(XrayDataset d) {
        return d.samples().stream().map(Sample::image).collect(Collectors.toSet());
    }

    @Test
    void patientSplitNeverPutsAPatientOnBothSides() {
        XrayDataset data = manyImagesPerPatient();
        for (long seed = 0; seed < 50; seed++) {
            TrainTestSplit split = Splits.trainTest(data, 0.3, seed, SplitStrategy.PATIENT);
            assertThat(split.sharedPatients()).as("seed %d", seed).isEmpty();
            assertThat(split.train().size() + split.test().size()).isEqualTo(data.size());
        }
    }

    @Test
    void imageSplitLeaksPatientsAndTheLeakIsDetected() {
        XrayDataset data = manyImagesPerPatient();
        boolean leaked = false;
        for (long seed = 0; seed < 20 && !leaked; seed++) {
            leaked = !Splits.trainTest(data, 0.3, seed, SplitStrategy.IMAGE).sharedPatients().isEmpty();
        }
        assertThat(leaked).as("a random image-level split of multi-image patients leaks").isTrue();
    }

    @Test
    void seedSizedSplitHoldsOutFifteenLikeScikitLearn() {
        List<Sample> samples = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            samples.add(Sample.of(Path.of("covid/" + i + ".png"), "covid"));
            samples.add(Sample.of(Path.of("normal/" + i + ".png"), "normal"));
        }
        XrayDataset seedLike = new XrayDataset("seed", List.of("covid", "normal"), samples);
        // ceil(0.3 * 50) = 15: 7.5 + 7.5 -> floors 7 + 7, the one left over to the first class.
        TrainTestSplit split = Splits.trainTest(seedLike, 0.3, 42, SplitStrategy.IMAGE);
        assertThat(split.test().countsPerClass()).containsEntry("covid", 8).containsEntry("normal", 7);
        assertThat(split.train().size()).isEqualTo(35);
    }

    @Test
    void imageSplitIsStratified() {
        // 30 covid * 0.3 = 9 held out, 20 normal * 0.3 = 6 held out.
        TrainTestSplit split = Splits.trainTest(manyImagesPerPatient(), 0.3, 42, SplitStrategy.IMAGE);
        assertThat(split.test().countsPerClass()).containsEntry("covid", 9).containsEntry("normal", 6);
        assertThat(split.train().countsPerClass()).containsEntry("covid", 21).containsEntry("normal", 14);
    }

    @Test
    void sameSeedSameSplitWhateverTheInputOrder() {
        XrayDataset data = manyImagesPerPatient();
        List<Sample> reversed = new ArrayList<>(data.samples());
        java.util.Collections.reverse(reversed);
        XrayDataset shuffledInput = data.withSamples("toy", reversed);
        TrainTestSplit a = Splits.trainTest(data, 0.3, 7, SplitStrategy.PATIENT);
        TrainTestSplit b = Splits.trainTest(shuffledInput, 0.3, 7, SplitStrategy.PATIENT);
        assertThat(a.test().samples()).isEqualTo(b.test().samples());
        TrainTestSplit c = Splits.trainTest(data, 0.3, 8, SplitStrategy.PATIENT);
        assertThat(paths(c.test())).isNotEqualTo(paths(a.test()));
    }

    @Test
    void kFoldCoversEveryImageOnceAndKeepsPatientsTogether() {
        XrayDataset data = manyImagesPerPatient();
        List<Fold> folds = Splits.kFold(data, 5, 1, SplitStrategy.PATIENT);
        assertThat(folds).hasSize(5);
        Set<Path> seen = new HashSet<>();
        for (Fold fold : folds) {
            assertThat(PatientLeakage.sharedPatients(fold.train(), fold.test())).isEmpty();
            assertThat(fold.train().size() + fold.test().size()).isEqualTo(data.size());
            for (Sample s : fold.test().samples()) {
                assertThat(seen.add(s.image())).as("%s in two test folds", s.image()).isTrue();
            }
            // 20 single-image normal patients spread evenly: 4 per fold.
            assertThat(fold.test().countsPerClass().get("normal")).isEqualTo(4);
        }
        assertThat(seen).hasSize(data.size());
    }

    @Test
    void kFoldRefusesMoreFoldsThanGroups() {
        assertThatThrownBy(() -> Splits.kFold(manyImagesPerPatient(), 13, 1, SplitStrategy.PATIENT))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'covid'")
                .hasMessageContaining("12 patient group(s)");
    }

    @Test
    void tooSmallClassIsAClearError() {
        XrayDataset tiny = new XrayDataset("tiny", List.of("a", "b"), List.of(
                Sample.of(Path.of("a1.png"), "a"), Sample.of(Path.of("b1.png"), "b"),
                Sample.of(Path.of("b2.png"), "b")));
        assertThatThrownBy(() -> Splits.trainTest(tiny, 0.3, 1, SplitStrategy.IMAGE))
                .hasMessageContaining("Class 'a'")
                .hasMessageContaining("at least 2 per class");
    }
}
