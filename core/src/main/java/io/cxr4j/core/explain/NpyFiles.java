package io.cxr4j.core.explain;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes heat maps as NumPy {@code .npy} files (format version 1.0): a 10-byte preamble, an ASCII
 * header naming the type ({@code <f4}, little-endian float32), C (row-major) order and the shape
 * {@code (height, width)}, then the values row by row from the top left. {@code numpy.load} reads
 * it, and the format is simple enough to read in any language (see numpy's {@code
 * numpy.lib.format} documentation).
 */
public final class NpyFiles {

    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0};
    /** numpy pads the header so that the data starts at a multiple of 64 bytes. */
    private static final int ALIGNMENT = 64;

    private NpyFiles() {}

    /**
     * Writes a heat map as a {@code height x width} float32 array, creating the parent folder.
     *
     * @param map the heat map
     * @param file the target file, conventionally ending in {@code .npy}
     * @throws IOException when the file cannot be written
     */
    public static void write(HeatMap map, Path file) throws IOException {
        String dict = "{'descr': '<f4', 'fortran_order': False, 'shape': (" + map.height() + ", " + map.width()
                + "), }";
        int unpadded = MAGIC.length + 2 + dict.length() + 1;
        int padding = (ALIGNMENT - unpadded % ALIGNMENT) % ALIGNMENT;
        String header = dict + " ".repeat(padding) + "\n";
        ByteBuffer data = ByteBuffer.allocate(MAGIC.length + 2 + header.length() + 4 * map.values().length)
                .order(ByteOrder.LITTLE_ENDIAN);
        data.put(MAGIC).putShort((short) header.length()).put(header.getBytes(StandardCharsets.US_ASCII));
        data.asFloatBuffer().put(map.values());
        Files.createDirectories(file.toAbsolutePath().getParent());
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write(data.array());
        }
    }
}
