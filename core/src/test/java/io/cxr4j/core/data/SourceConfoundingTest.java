package io.cxr4j.core.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class SourceConfoundingTest {

    private static Sample sample(String name, String label, String source) {
        return new Sample(Path.of(name), label, null, null, source);
    }

    @Test
    void warnsWhenEveryClassHasItsOwnSource() {
        XrayDataset data = new XrayDataset("seed", List.of("covid", "normal"), List.of(
                sample("c1", "covid", "ieee8023"), sample("c2", "covid", "ieee8023"),
                sample("n1", "normal", "kermany")));
        assertThat(SourceConfounding.check(data)).hasValueSatisfying(w -> assertThat(w)
                .contains("covid=[ieee8023]").contains("normal=[kermany]").contains("external data"));
    }

    @Test
    void silentWhenASourceFeedsTwoClasses() {
        XrayDataset data = new XrayDataset("mixed", List.of("covid", "normal"), List.of(
                sample("c1", "covid", "hospital-a"), sample("n1", "normal", "hospital-a"),
                sample("n2", "normal", "kermany")));
        assertThat(SourceConfounding.check(data)).isEmpty();
    }

    @Test
    void silentWhenSourcesAreUnknown() {
        XrayDataset data = new XrayDataset("plain", List.of("covid", "normal"), List.of(
                sample("c1", "covid", null), sample("n1", "normal", "kermany")));
        assertThat(SourceConfounding.check(data)).isEmpty();
    }
}
