package io.cxr4j.examples;

import static org.assertj.core.api.Assertions.assertThat;
import io.cxr4j.core.metrics.EvaluationReport;
import io.cxr4j.core.data.Prediction;
import io.cxr4j.core.testing.SharedData;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's embedding snippets are the code of QuickStart and OwnData, and that code runs. */
class ReadmeExamplesTest {

    @TempDir
    Path temp;

    private static String normalise(List<String> lines) {
        return lines.stream().map(String::strip).filter(l -> !l.isEmpty()).collect(Collectors.joining("\n"));
    }

    private static List<String> between(List<String> lines, String start, String end) {
        int from = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (from < 0 && lines.get(i).contains(start)) {
                from = i + 1;
            } else if (from >= 0 && lines.get(i).contains(end)) {
                return lines.subList(from, i);
            }
        }
        throw new AssertionError("markers " + start + " / " + end + " not found");
    }

    private static void assertReadmeShows(String readmeMarker, String exampleClass) throws IOException {
        Path root = Path.of("").toAbsolutePath().getParent();
        List<String> readme = Files.readAllLines(root.resolve("README.md"));
        List<String> source = Files.readAllLines(
                root.resolve("examples/src/main/java/io/cxr4j/examples/" + exampleClass + ".java"));
        String snippet = normalise(between(readme, "<!-- " + readmeMarker + ":start -->",
                "<!-- " + readmeMarker + ":end -->").stream().filter(l -> !l.startsWith("```")).toList());
        assertThat(snippet).isEqualTo(normalise(between(source, "// snippet:start", "// snippet:end")));
    }

    @Test
    void readmeShowsExactlyTheCodeOfQuickStartAndOwnData() throws IOException {
        assertReadmeShows("snippet", "QuickStart");
        assertReadmeShows("own-data", "OwnData");
    }

    @Test
    void quickStartTrainsSavesReloadsAndPredictsThenOwnDataEvaluatesAFolderWithBadFiles() throws IOException {
        Path seed = SharedData.require("seed");
        Prediction prediction = QuickStart.run(temp, 2);
        assertThat(prediction.classNames()).containsExactly("covid", "normal");
        assertThat(prediction.probabilities().stream().mapToDouble(Double::doubleValue).sum())
                .isCloseTo(1.0, org.assertj.core.api.Assertions.within(1e-5));
        assertThat(temp.resolve("model/model.json")).isRegularFile();

        Path mine = temp.resolve("mine");
        for (String label : List.of("covid", "normal")) {
            Files.createDirectories(mine.resolve(label));
            try (Stream<Path> images = Files.list(seed.resolve(label)).sorted().limit(3)) {
                for (Path image : (Iterable<Path>) images::iterator) {
                    Files.copy(image, mine.resolve(label).resolve(image.getFileName()));
                }
            }
        }
        // Sorted first, so the overlay has to come from another image.
        Path broken = Files.writeString(mine.resolve("covid/0-truncated.jpg"), "not a JPEG");
        Files.writeString(mine.resolve("covid/notes.txt"), "not an image");
        Files.createDirectories(mine.resolve("Normals-typo"));

        EvaluationReport report = OwnData.run(temp.resolve("model"), mine, temp);

        assertThat(report.evaluation().testSize()).isEqualTo(6);
        assertThat(report.skipped()).extracting(s -> s.image()).containsExactly(broken);
        BufferedImage overlay = ImageIO.read(temp.resolve("gradcam.png").toFile());
        assertThat(overlay.getWidth()).isGreaterThan(100);
    }
}
