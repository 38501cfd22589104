package io.cxr4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.cxr4j.core.inference.Prediction;
import io.cxr4j.core.testing.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's embedding snippet is QuickStart's code, and that code runs. */
class QuickStartTest {

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

    @Test
    void readmeShowsExactlyTheCodeOfQuickStart() throws IOException {
        Path root = Path.of("").toAbsolutePath().getParent();
        List<String> readme = Files.readAllLines(root.resolve("README.md"));
        List<String> source = Files.readAllLines(
                root.resolve("examples/src/main/java/io/cxr4j/examples/QuickStart.java"));
        String snippet = normalise(between(readme, "<!-- snippet:start -->", "<!-- snippet:end -->")
                .stream().filter(l -> !l.startsWith("```")).toList());
        assertThat(snippet).isEqualTo(normalise(between(source, "// snippet:start", "// snippet:end")));
    }

    @Test
    void quickStartTrainsSavesReloadsAndPredicts() throws IOException {
        SharedData.require("seed");
        Prediction prediction = QuickStart.run(temp, 2);
        assertThat(prediction.classNames()).containsExactly("covid", "normal");
        assertThat(prediction.probabilities().stream().mapToDouble(Double::doubleValue).sum())
                .isCloseTo(1.0, org.assertj.core.api.Assertions.within(1e-5));
        assertThat(temp.resolve("model/model.json")).isRegularFile();
    }
}
