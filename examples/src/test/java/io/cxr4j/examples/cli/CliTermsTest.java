package io.cxr4j.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.cxr4j.core.data.Sample;
import io.cxr4j.core.data.SourceConfounding;
import io.cxr4j.core.data.XrayDataset;
import io.cxr4j.dataset.DatasetException;
import io.cxr4j.dataset.DatasetRegistry;
import io.cxr4j.dataset.LabelMap;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CliTermsTest {

    @Test
    void theConfoundingAdviceNamesTheResizeOptionInsteadOfTheResizeMode() {
        XrayDataset data = new XrayDataset("two sources", List.of("covid", "normal"), List.of(
                new Sample(Path.of("c.png"), "covid", null, null, "archive-a"),
                new Sample(Path.of("n.png"), "normal", null, null, "archive-b")));
        String library = SourceConfounding.check(data).orElseThrow();

        assertThat(library).contains("ResizeMode.CENTER_CROP").doesNotContain("--resize");
        assertThat(CliTerms.translate(library))
                .endsWith("keep the default --resize crop (stretch and pad leave the aspect ratio visible).")
                .doesNotContain("ResizeMode");
    }

    @Test
    void dataSetErrorsNameTheDataAndLabelsOptions(@TempDir Path root) throws Exception {
        DatasetRegistry registry = DatasetRegistry.builder().optDataRoot(root).optDownloads(false).build();
        String unknown = assertThrows(IllegalArgumentException.class, () -> registry.folderOf("mine")).getMessage();
        String missing = assertThrows(DatasetException.class, () -> registry.ensure("seed")).getMessage();
        Files.createDirectories(root.resolve("cats"));
        String noClass = assertThrows(DatasetException.class,
                () -> registry.load(root, LabelMap.binary())).getMessage();

        assertThat(CliTerms.translate(unknown)).contains("give its path instead (--data PATH)")
                .doesNotContain("LabelMap");
        assertThat(CliTerms.translate(missing)).contains("or the --data PATH option) at the folder")
                .doesNotContain("optDataRoot");
        assertThat(CliTerms.translate(noClass)).contains("take the folder names as classes instead (--labels folders)")
                .doesNotContain("LabelMap.identity()");
    }
}
