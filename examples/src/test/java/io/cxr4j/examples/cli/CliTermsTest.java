package io.cxr4j.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.cxr4j.core.data.Sample;
import io.cxr4j.core.data.SourceConfounding;
import io.cxr4j.core.data.XrayDataset;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

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
}
