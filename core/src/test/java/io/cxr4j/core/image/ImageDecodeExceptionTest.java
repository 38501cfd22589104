package io.cxr4j.core.image;

import static org.assertj.core.api.Assertions.assertThat;

import io.cxr4j.core.image.ImageDecodeException.Reason;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ImageDecodeExceptionTest {

    @Test
    void messageSaysWhatWhereAndWhatToDo() {
        Path file = Path.of("/x/y.png");
        IOException cause = new IOException("boom");

        ImageDecodeException e = new ImageDecodeException(file, Reason.EMPTY_FILE,
                "the file is empty (0 bytes)", cause);

        assertThat(e).isInstanceOf(IOException.class)
                .hasMessage("Cannot decode " + file + ": the file is empty (0 bytes). Remove it or"
                        + " replace it with a PNG, JPEG or DICOM image.")
                .hasCause(cause);
        assertThat(e.path()).isEqualTo(file);
        assertThat(e.reason()).isEqualTo(Reason.EMPTY_FILE);
    }

    @Test
    void everyReasonHasAdvice() {
        for (Reason reason : Reason.values()) {
            assertThat(reason.advice()).as(reason.name()).isNotBlank().endsWith(".");
        }
    }
}
