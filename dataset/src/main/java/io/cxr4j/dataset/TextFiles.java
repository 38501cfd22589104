package io.cxr4j.dataset;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads the text files that describe data sets (CSV metadata, split lists) strictly as UTF-8, so
 * that a file saved in another encoding fails with its name and line instead of silently turning
 * accented names or paths into replacement characters that then match no image.
 */
final class TextFiles {

    private TextFiles() {}

    /**
     * Reads a whole file as UTF-8, dropping a leading byte order mark.
     *
     * @param file the file
     * @return its text
     * @throws DatasetException if the file is UTF-16 or holds bytes that are not UTF-8, naming the
     *     line and byte
     * @throws IOException if the file cannot be read
     */
    static String readUtf8(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        if (bytes.length >= 2 && ((bytes[0] == (byte) 0xFE && bytes[1] == (byte) 0xFF)
                || (bytes[0] == (byte) 0xFF && bytes[1] == (byte) 0xFE))) {
            throw new DatasetException("File " + file + " is UTF-16 encoded (it starts with a UTF-16"
                    + " byte order mark); cxr4j reads UTF-8. Save it as UTF-8 (in Excel: \"CSV UTF-8\").");
        }
        int start = bytes.length >= 3 && bytes[0] == (byte) 0xEF && bytes[1] == (byte) 0xBB
                && bytes[2] == (byte) 0xBF ? 3 : 0;
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes, start, bytes.length - start);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult result = decoder.decode(in, out, true);
        if (result.isError()) {
            int position = in.position();
            throw new DatasetException("File " + file + " is not UTF-8: line "
                    + lineAt(bytes, position) + " holds the byte 0x"
                    + String.format("%02X", bytes[position] & 0xFF) + " (byte offset " + position
                    + "), which UTF-8 does not allow there. It was probably saved as Latin-1 or"
                    + " Windows-1252; save it as UTF-8 (in Excel: \"CSV UTF-8\").");
        }
        decoder.flush(out);
        out.flip();
        return out.toString();
    }

    private static int lineAt(byte[] bytes, int position) {
        int line = 1;
        for (int i = 0; i < position; i++) {
            if (bytes[i] == '\n' || (bytes[i] == '\r' && (i + 1 >= bytes.length || bytes[i + 1] != '\n'))) {
                line++;
            }
        }
        return line;
    }
}
