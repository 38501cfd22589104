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

    private static Path root() {
        return Path.of("").toAbsolutePath().getParent();
    }

    private static List<String> example(String exampleClass) throws IOException {
        return Files.readAllLines(root().resolve("examples/src/main/java/io/cxr4j/examples/" + exampleClass + ".java"));
    }

    private static String block(List<String> page, String marker) {
        return normalise(between(page, "<!-- " + marker + ":start -->", "<!-- " + marker + ":end -->").stream()
                .filter(l -> !l.startsWith("```")).toList());
    }

    private static void assertPageShows(String page, String marker, String exampleClass) throws IOException {
        String snippet = block(Files.readAllLines(root().resolve(page)), marker);
        List<String> source = example(exampleClass);
        assertThat(snippet).isEqualTo(normalise(between(source, "// snippet-imports:start", "// snippet-imports:end"))
                + "\n" + normalise(between(source, "// snippet:start", "// snippet:end")));
    }

    @Test
    void theLibraryPageShowsExactlyTheCodeOfQuickStartAndOwnData() throws IOException {
        assertPageShows("docs/library.md", "snippet", "QuickStart");
        assertPageShows("docs/library.md", "own-data", "OwnData");
    }

    @Test
    void readmeShowsTheCrossValidationExampleWithItsImports() throws IOException {
        List<String> source = example("CrossValidate");
        String shown = normalise(between(source, "// cross-validation-imports:start", "// cross-validation-imports:end"))
                + "\n" + normalise(between(source, "// cross-validation:start", "// cross-validation:end"));
        assertThat(block(Files.readAllLines(root().resolve("README.md")), "cross-validation")).isEqualTo(shown);
    }

    @Test
    void readmeDependenciesNameThisVersionAndTheSlf4jTheBuildUses() throws IOException {
        String pom = Files.readString(root().resolve("pom.xml"));
        String version = pom.replaceFirst("(?s).*?<artifactId>cxr4j-parent</artifactId>\\s*<version>([^<]+)</version>.*",
                "$1");
        String slf4j = pom.replaceFirst("(?s).*<slf4j.version>([^<]+)</slf4j.version>.*", "$1");
        assertThat(List.of(version, slf4j)).as("found in pom.xml").allMatch(v -> v.matches("\\d[\\w.-]*"));
        String dependencies = block(Files.readAllLines(root().resolve("README.md")), "pom");

        assertThat(dependencies).contains("<artifactId>cxr4j-experiment</artifactId><version>" + version + "</version>")
                .contains("<artifactId>cxr4j-engine-pytorch</artifactId><version>" + version + "</version>")
                .contains("<artifactId>slf4j-simple</artifactId><version>" + slf4j + "</version>");
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
