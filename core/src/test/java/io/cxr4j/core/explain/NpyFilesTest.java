package io.cxr4j.core.explain;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NpyFilesTest {

    @TempDir
    Path temp;

    @Test
    void writesAVersionOneFileThatNumpyReads() throws IOException {
        HeatMap map = new HeatMap(3, 2, new float[] {0f, 1f, 2f, 3f, 4.5f, 5f});
        Path file = temp.resolve("sub/map.npy");
        NpyFiles.write(map, file);

        ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        byte[] magic = new byte[6];
        bytes.get(magic);
        assertThat(magic).containsExactly((byte) 0x93, 'N', 'U', 'M', 'P', 'Y');
        assertThat(bytes.get()).isEqualTo((byte) 1);
        assertThat(bytes.get()).isEqualTo((byte) 0);
        int headerLength = Short.toUnsignedInt(bytes.getShort());
        byte[] header = new byte[headerLength];
        bytes.get(header);
        String text = new String(header, StandardCharsets.US_ASCII);
        assertThat(text).startsWith("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }").endsWith("\n");
        assertThat((10 + headerLength) % 64).isZero();
        float[] values = new float[6];
        bytes.asFloatBuffer().get(values);
        assertThat(values).containsExactly(map.values());
        assertThat(bytes.remaining()).isEqualTo(24);
        assertThat(Files.size(file)).isEqualTo(10 + headerLength + 24);
    }
}
