package io.cxr4j.dataset.download;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UrlPathsTest {

    @Test
    void keepsSeparatorsAndUnreservedCharacters() {
        assertThat(UrlPaths.encode("covid/1-s2.0-S0929664620300449-gr2_lrg-a.jpg"))
                .isEqualTo("covid/1-s2.0-S0929664620300449-gr2_lrg-a.jpg");
    }

    @Test
    void encodesSpacesPlusHashAndNonAscii() {
        assertThat(UrlPaths.encode("a b/c+d#e?f%.jpg")).isEqualTo("a%20b/c%2Bd%23e%3Ff%25.jpg");
        assertThat(UrlPaths.encode("rö.png")).isEqualTo("r%C3%B6.png");
    }
}
