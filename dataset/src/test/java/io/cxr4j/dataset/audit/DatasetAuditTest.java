package io.cxr4j.dataset.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.cxr4j.core.data.Sample;
import io.cxr4j.core.data.XrayDataset;
import io.cxr4j.core.image.ImageDecodeException;
import io.cxr4j.core.image.ImageDecoder;
import io.cxr4j.core.image.PreprocessingSpec;
import io.cxr4j.core.image.Preprocessor;
import io.cxr4j.core.split.SplitStrategy;
import io.cxr4j.core.split.Splits;
import io.cxr4j.core.split.TrainTestSplit;
import io.cxr4j.core.testing.BadImages;
import io.cxr4j.core.testing.BadImages.BadImage;
import io.cxr4j.core.testing.SyntheticImages;
import io.cxr4j.dataset.FolderDataset;
import io.cxr4j.dataset.LabelMap;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetAuditTest {

    @TempDir Path root;

    /** A smooth, image-specific pattern: gradients and blobs whose layout depends on the seed. */
    private static BufferedImage picture(int width, int height, int seed) {
        return SyntheticImages.gray8(width, height, (x, y, band) -> {
            double u = (double) x / width;
            double v = (double) y / height;
            // The golden angle keeps the phases of different seeds apart modulo 2 pi.
            double phase = seed * 2.39996;
            double value = 128 + 60 * Math.sin(6.3 * u * (1 + seed % 5) + phase)
                    + 50 * Math.cos(5.1 * v * (1 + seed % 3) + 2 * phase)
                    + 15 * Math.sin(17 * u * v + phase);
            return (int) Math.max(0, Math.min(255, value));
        });
    }

    /** The picture darkened towards its edges, as a radiograph's unexposed margins are. */
    private static BufferedImage film(BufferedImage picture) {
        int w = picture.getWidth();
        int h = picture.getHeight();
        return SyntheticImages.gray8(w, h, (x, y, band) -> {
            double dx = (x - w / 2.0) / (w / 2.0);
            double dy = (y - h / 2.0) / (h / 2.0);
            double falloff = Math.max(0, 1 - 0.8 * (dx * dx + dy * dy));
            return (int) (picture.getRaster().getSample(x, y, 0) * falloff);
        });
    }

    private static BufferedImage shrink(BufferedImage image, double scale) {
        int w = (int) (image.getWidth() * scale);
        int h = (int) (image.getHeight() * scale);
        BufferedImage small = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
        var g = small.createGraphics();
        g.setRenderingHint(java.awt.RenderingHints.KEY_INTERPOLATION,
                java.awt.RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(image, 0, 0, w, h, null);
        g.dispose();
        return small;
    }

    private Path write(String relative, BufferedImage image) throws IOException {
        Path file = root.resolve(relative);
        Files.createDirectories(file.getParent());
        return relative.endsWith(".png") ? SyntheticImages.writePng(image, file)
                : SyntheticImages.writeJpeg(image, file, 0.9f);
    }

    @Test
    void perceptualHashSurvivesResizingAndJpegButSeparatesDifferentImages() throws IOException {
        BufferedImage original = picture(300, 260, 3);
        Path png = write("a/original.png", original);
        Path copy = root.resolve("a/copy.jpg");
        SyntheticImages.writeJpeg(shrink(original, 0.45), copy, 0.6f);
        Path other = write("a/other.png", picture(300, 260, 8));
        ImageDecoder decoder = new ImageDecoder();

        PerceptualHash a = PerceptualHash.of(decoder.decode(png));
        PerceptualHash b = PerceptualHash.of(decoder.decode(copy));
        PerceptualHash c = PerceptualHash.of(decoder.decode(other));

        assertThat(a.distance(b)).isLessThanOrEqualTo(10);
        assertThat(a.distance(c)).isGreaterThan(40);
        assertThat(a.toHex()).hasSize(64);
    }

    @Test
    void refusesExactlyTheFilesThatTrainingAndEvaluationRefuseForTheSameReasons() throws IOException {
        for (int i = 0; i < 4; i++) {
            write("covid/c" + i + ".png", picture(64, 64, i));
            write("normal/n" + i + ".png", picture(64, 64, 10 + i));
        }
        // A 1x1 pixel, a 100,000,000 x 1 line, a 4000 x 40 strip, a bomb, truncated and non-image files.
        List<BadImage> corpus = BadImages.writeCorpus(root.resolve("normal"));
        FolderDataset loaded = FolderDataset.builder().setFolder(root).optLabelMap(LabelMap.binary()).build();

        AuditReport report = DatasetAudit.builder().optThreads(2).build().run(loaded);

        Preprocessor preprocessor = new Preprocessor(PreprocessingSpec.defaults());
        assertThat(report.unreadable()).hasSize(corpus.size());
        for (BadImage bad : corpus) {
            ImageDecodeException refused = assertThrows(ImageDecodeException.class,
                    () -> preprocessor.preprocess(bad.file()));
            assertThat(report.unreadable()).filteredOn(u -> u.path().equals("normal/" + bad.file().getFileName()))
                    .singleElement().extracting(UnreadableImage::reason).asString()
                    .startsWith(refused.reason() + ": " + refused.getMessage());
        }
    }

    @Test
    void findsUnreadableDuplicatesSuspiciousNamesAndSplitLeaks() throws IOException {
        for (int i = 0; i < 6; i++) {
            write("covid/c" + i + ".png", picture(200, 160, i));
            write("normal/n" + i + ".jpg", picture(180, 180, 20 + i));
        }
        BufferedImage shared = picture(200, 160, 40);
        write("covid/dup-a.png", shared);
        Files.copy(root.resolve("covid/dup-a.png"), root.resolve("normal/dup-b.png"));
        SyntheticImages.writeJpeg(shrink(shared, 0.5), root.resolve("normal/near.jpg"), 0.7f);
        write("normal/person12_bacteria_34.jpeg", picture(180, 180, 50));
        Path truncated = root.resolve("normal/cut.jpg");
        byte[] bytes = Files.readAllBytes(write("normal/whole.jpg", SyntheticImages.gray8(180, 180,
                SyntheticImages.noise(1))));
        Files.write(truncated, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        Files.delete(root.resolve("normal/whole.jpg"));
        Files.writeString(root.resolve("normal/notes.jpg"), "not an image");
        Files.writeString(root.resolve("normal/readme.txt"), "hello");
        FolderDataset loaded = FolderDataset.builder().setFolder(root).optLabelMap(LabelMap.binary()).build();
        TrainTestSplit split = Splits.trainTest(loaded.dataset(), 0.5, 3, SplitStrategy.IMAGE);

        AuditReport report = DatasetAudit.builder().optSplit(split).optThreads(2).build().run(loaded);

        assertThat(report.unreadable()).extracting(UnreadableImage::path)
                .containsExactlyInAnyOrder("normal/readme.txt", "normal/cut.jpg", "normal/notes.jpg");
        assertThat(report.unreadable()).filteredOn(u -> u.path().equals("normal/cut.jpg"))
                .singleElement().extracting(UnreadableImage::reason).asString().startsWith("TRUNCATED");
        assertThat(report.exactDuplicates()).singleElement().satisfies(p -> {
            assertThat(p.acrossClasses()).isTrue();
            assertThat(List.of(p.first(), p.second())).containsExactlyInAnyOrder("covid/dup-a.png", "normal/dup-b.png");
        });
        assertThat(report.nearDuplicates()).extracting(p -> p.first() + " " + p.second())
                .containsExactlyInAnyOrder("covid/dup-a.png normal/near.jpg", "normal/dup-b.png normal/near.jpg");
        assertThat(report.suspiciousLabels()).singleElement()
                .satisfies(s -> assertThat(s.path()).isEqualTo("normal/person12_bacteria_34.jpeg"))
                .satisfies(s -> assertThat(s.evidence()).contains("person*_bacteria_*"));
        List<String> testImages = new ArrayList<>();
        split.test().samples().forEach(s -> testImages.add(root.relativize(s.image()).toString()));
        assertThat(report.split().duplicatesAcross()).allSatisfy(p -> {
            assertThat(testImages).contains(p.second()).doesNotContain(p.first());
        });
        assertThat(report.warnings()).anyMatch(w -> w.contains("byte-identical"))
                .anyMatch(w -> w.contains("contradict their class"));
    }

    @Test
    void confoundingCheckWarnsWhenImageShapeGivesTheClassAway() throws IOException {
        List<Sample> samples = new ArrayList<>();
        for (int i = 0; i < 15; i++) {
            samples.add(new Sample(write("covid/c" + i + ".jpg", picture(120 + 7 * i, 90, i)), "covid", null, null, null));
            samples.add(new Sample(write("normal/n" + i + ".png", picture(100, 100, 30 + i)), "normal", null, null, null));
        }
        XrayDataset dataset = new XrayDataset("shapes", List.of("covid", "normal"), samples);

        AuditReport report = DatasetAudit.builder().build().run(dataset, root, List.of());

        ConfoundingCheck check = report.confounding();
        assertThat(check.performed()).isTrue();
        assertThat(check.folds()).isEqualTo(5);
        assertThat(check.balancedAccuracy()).isEqualTo(1.0);
        assertThat(check.majorityAccuracy()).as("the largest class's share").isEqualTo(0.5);
        assertThat(check.warning()).isTrue();
        assertThat(check.identifiableClasses()).containsExactly("covid", "normal");
        assertThat(report.classes()).filteredOn(c -> c.label().equals("normal")).singleElement()
                .satisfies(c -> assertThat(c.squareShare()).isEqualTo(1.0))
                .satisfies(c -> assertThat(c.fileTypes()).containsOnlyKeys("png"));
        assertThat(report.warnings()).anyMatch(w -> w.startsWith("Source confounding"));
    }

    @Test
    void countsEachClassesEquipmentManufacturersWhereKnown() throws IOException {
        List<Sample> samples = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            samples.add(new Sample(write("a/c" + i + ".png", picture(64, 64, i)), "covid", null, null, null,
                    i < 2 ? "Acme Imaging" : "Other Medical"));
            samples.add(new Sample(write("b/n" + i + ".png", picture(64, 64, 10 + i)), "normal", null, null, null));
        }
        XrayDataset dataset = new XrayDataset("equipment", List.of("covid", "normal"), samples);

        AuditReport report = DatasetAudit.builder().build().run(dataset, root, List.of());

        assertThat(report.classes()).extracting(ClassProfile::label, ClassProfile::manufacturers).containsExactly(
                tuple("covid", Map.of("Acme Imaging", 2, "Other Medical", 1)), tuple("normal", Map.of()));
    }

    @Test
    void noConfoundingWarningWhenFilePropertiesMatchAcrossClasses() throws IOException {
        List<Sample> samples = new ArrayList<>();
        for (int i = 0; i < 15; i++) {
            int side = 90 + 5 * i;
            samples.add(new Sample(write("a/c" + i + ".jpg", picture(side, side, i)), "covid", null, null, null));
            samples.add(new Sample(write("b/n" + i + ".jpg", picture(side, side, 30 + i)), "normal", null, null, null));
        }
        XrayDataset dataset = new XrayDataset("alike", List.of("covid", "normal"), samples);

        ConfoundingCheck check = DatasetAudit.builder().build().run(dataset, root, List.of()).confounding();

        assertThat(check.balancedAccuracy()).isLessThan(0.75);
        assertThat(check.warning()).isFalse();
    }

    @Test
    void appearanceCheckFindsAMarkerBurnedIntoOneClassThatFilePropertiesCannotSee() throws IOException {
        List<Sample> samples = new ArrayList<>();
        for (int i = 0; i < 15; i++) {
            // Film-like: the image's own pattern, darkened towards the edges, where markers are stamped.
            BufferedImage marked = film(picture(100, 100, i));
            var g = marked.createGraphics();
            g.setColor(java.awt.Color.WHITE);
            g.fillRect(4, 4, 10, 3); // an "L" in the top-left corner, as some sources stamp their films
            g.fillRect(4, 4, 3, 10);
            g.dispose();
            samples.add(new Sample(write("a/c" + i + ".jpg", marked), "covid", null, null, null));
            samples.add(new Sample(write("b/n" + i + ".jpg", film(picture(100, 100, 30 + i))), "normal", null, null,
                    null));
        }
        XrayDataset dataset = new XrayDataset("marked", List.of("covid", "normal"), samples);

        AuditReport report = DatasetAudit.builder().build().run(dataset, root, List.of());

        assertThat(report.confounding().warning()).as("same size, type and format").isFalse();
        assertThat(report.appearance().warning()).as(report.appearance().note()).isTrue();
        assertThat(report.appearance().rule()).contains("cell (row 1, column 1)");
        assertThat(report.warnings()).anyMatch(w -> w.startsWith("Appearance: A depth-3 decision tree on coarse"
                + " image statistics alone predicts the class"));
    }

    @Test
    void noAppearanceWarningWhenTheClassesLookAlike() throws IOException {
        List<Sample> samples = new ArrayList<>();
        for (int i = 0; i < 15; i++) {
            samples.add(new Sample(write("a/c" + i + ".jpg", picture(100, 100, i)), "covid", null, null, null));
            samples.add(new Sample(write("b/n" + i + ".jpg", picture(100, 100, 30 + i)), "normal", null, null, null));
        }
        XrayDataset dataset = new XrayDataset("alike", List.of("covid", "normal"), samples);

        ConfoundingCheck check = DatasetAudit.builder().build().run(dataset, root, List.of()).appearance();

        assertThat(check.performed()).isTrue();
        assertThat(check.warning()).isFalse();
    }

    @Test
    void labelEvidenceRules() {
        assertThat(LabelEvidence.contradiction("person1_virus_2.jpeg", null, "normal")).isPresent();
        assertThat(LabelEvidence.contradiction("person1_virus_2.jpeg", null, "pneumonia")).isEmpty();
        assertThat(LabelEvidence.contradiction("covid-19-pneumonia-12.jpg", null, "covid")).isEmpty();
        assertThat(LabelEvidence.contradiction("covid-19-pneumonia-12.jpg", null, "No_findings")).isPresent();
        assertThat(LabelEvidence.contradiction("NORMAL2-IM-0315-0001.jpeg", null, "covid")).isPresent();
        assertThat(LabelEvidence.contradiction("00000061_012.jpg", null, "normal")).isEmpty();
        assertThat(LabelEvidence.contradiction("x.jpg", "Kermany chest X-ray", "covid")).isPresent();
        assertThat(LabelEvidence.contradiction("person1_virus_2.jpeg", null, "cats")).isEmpty();
    }
}
