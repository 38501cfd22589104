package io.cxr4j.core.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DigestsTest {

    /** FIPS 180-2's test vector for "abc". */
    private static final String ABC = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

    @TempDir
    Path temp;

    @Test
    void bytesAndFilesHashToTheStandardVector() throws IOException {
        Path file = Files.writeString(temp.resolve("abc.txt"), "abc");

        assertThat(Digests.sha256Hex("abc".getBytes(StandardCharsets.US_ASCII))).isEqualTo(ABC);
        assertThat(Digests.sha256Hex(file)).isEqualTo(ABC);
    }

    @Test
    void filesLargerThanOneReadAreHashedWhole() throws IOException {
        byte[] bytes = new byte[(1 << 16) * 3 + 17];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) (i * 31);
        }
        Path file = Files.write(temp.resolve("large.bin"), bytes);

        assertThat(Digests.sha256Hex(file)).isEqualTo(Digests.sha256Hex(bytes));
    }
}
