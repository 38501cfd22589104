package io.cxr4j.core.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class SkippedImageTest {

    @Test
    void theReasonIsTheFailuresMessage() {
        assertThat(SkippedImage.of(Path.of("a.png"), new IOException("a.png is not a PNG")).reason())
                .isEqualTo("a.png is not a PNG");
    }

    @Test
    void aFailureWithoutMessageIsNamedByItsType() {
        assertThat(SkippedImage.of(Path.of("a.png"), new NullPointerException()).reason())
                .isEqualTo("NullPointerException while reading the image");
    }
}
