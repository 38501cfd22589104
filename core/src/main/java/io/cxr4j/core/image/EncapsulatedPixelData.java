package io.cxr4j.core.image;

import io.cxr4j.core.image.ImageDecodeException.Reason;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Finds the compressed stream of a DICOM file in an encapsulated transfer syntax (DICOM PS3.5 A.4):
 * the top-level Pixel Data element, of undefined length, holds a Basic Offset Table item and then
 * the fragments of the compressed frame. The compressed stream itself is decoded by an image
 * library; this class only steps over the elements before it (explicit VR little endian, as every
 * encapsulated transfer syntax is), checking every declared length against the file's size, so a
 * corrupt length is refused instead of read.
 *
 * <p>No library on Maven Central extracts encapsulated pixel data: ImageJ refuses compressed
 * transfer syntaxes before reaching it.
 *
 * @param pixelDataOffset where the Pixel Data element starts: everything before it is the header
 * @param transferSyntaxOffset where the Transfer Syntax UID (0002,0010) value starts
 * @param transferSyntaxLength the length of that value in bytes
 * @param frame the concatenated fragments of the single frame: one compressed image stream
 */
record EncapsulatedPixelData(int pixelDataOffset, int transferSyntaxOffset, int transferSyntaxLength,
        byte[] frame) {

    private static final int PREAMBLE = 132;
    private static final long UNDEFINED = 0xFFFFFFFFL;
    private static final int PIXEL_DATA = 0x7FE00010;
    private static final int TRANSFER_SYNTAX = 0x00020010;
    private static final int ITEM = 0xFFFEE000;
    private static final int ITEM_END = 0xFFFEE00D;
    private static final int SEQUENCE_END = 0xFFFEE0DD;
    /** Nesting deeper than this is no radiograph's header but a crafted file. */
    private static final int MAX_DEPTH = 16;
    /** DICOM PS3.5 7.1.2: these value representations have a 4-byte length after 2 reserved bytes. */
    private static final Set<String> LONG_LENGTH_VRS = Set.of(
            "OB", "OD", "OF", "OL", "OV", "OW", "SQ", "SV", "UC", "UN", "UR", "UT", "UV");

    /**
     * Finds the single frame's compressed stream.
     *
     * @param file the file, for messages
     * @param data the whole file, starting with the 128-byte preamble and "DICM"
     * @return the header's extent and the compressed frame
     * @throws ImageDecodeException with {@link Reason#TRUNCATED} when a length runs past the end of
     *     the file, {@link Reason#NOT_AN_IMAGE} when there is no Pixel Data, and {@link
     *     Reason#UNREADABLE} when the structure is corrupt
     */
    static EncapsulatedPixelData read(Path file, byte[] data) throws ImageDecodeException {
        return new Walker(file, ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN)).read();
    }

    /** Receives the value of one item: its start and length in the file. */
    private interface Fragments {
        void accept(int start, int length);
    }

    private static final class Walker {
        private final Path file;
        private final ByteBuffer data;
        private int transferSyntaxOffset = -1;
        private int transferSyntaxLength;

        Walker(Path file, ByteBuffer data) {
            this.file = file;
            this.data = data;
        }

        EncapsulatedPixelData read() throws ImageDecodeException {
            int pos = PREAMBLE;
            while (pos < data.limit()) {
                need(pos, 8);
                if (tag(pos) == PIXEL_DATA) {
                    return pixelData(pos);
                }
                pos = skipElement(pos, 0);
            }
            throw new ImageDecodeException(file, Reason.NOT_AN_IMAGE, "it is a DICOM file without Pixel Data"
                    + " (7FE0,0010): a report, a presentation state, or a header cut short", null);
        }

        private EncapsulatedPixelData pixelData(int start) throws ImageDecodeException {
            need(start, 12);
            String vr = vr(start);
            if (!(vr.equals("OB") || vr.equals("OW")) || length32(start + 8) != UNDEFINED) {
                throw corrupt("its compressed Pixel Data (7FE0,0010) is not encapsulated (" + vr + ", length "
                        + length32(start + 8) + ")", start);
            }
            if (transferSyntaxOffset < 0) {
                throw corrupt("it has no Transfer Syntax UID (0002,0010)", start);
            }
            List<int[]> fragments = new ArrayList<>();
            items(start + 12, 1, (from, length) -> fragments.add(new int[] {from, length}));
            // The first item is the Basic Offset Table; the fragments after it form the frame.
            ByteBuffer frame = ByteBuffer.allocate(fragments.stream().skip(1).mapToInt(f -> f[1]).sum());
            fragments.stream().skip(1).forEach(f -> frame.put(data.array(), f[0], f[1]));
            byte[] stream = frame.array();
            return new EncapsulatedPixelData(start, transferSyntaxOffset, transferSyntaxLength, stream);
        }

        /** Steps over one element, with any sequence it holds; returns where the next one starts. */
        private int skipElement(int pos, int depth) throws ImageDecodeException {
            need(pos, 8);
            String vr = vr(pos);
            long length;
            int valueStart;
            if (LONG_LENGTH_VRS.contains(vr)) {
                need(pos, 12);
                length = length32(pos + 8);
                valueStart = pos + 12;
            } else {
                length = data.getShort(pos + 6) & 0xFFFF;
                valueStart = pos + 8;
            }
            if (depth == 0 && tag(pos) == TRANSFER_SYNTAX) {
                transferSyntaxOffset = valueStart;
                transferSyntaxLength = (int) length;
            }
            if (length == UNDEFINED) {
                return items(valueStart, depth + 1, null);
            }
            need(valueStart, length);
            return valueStart + (int) length;
        }

        /**
         * Walks the items of a sequence of undefined length up to its delimiter and returns where
         * it ends.
         *
         * @param fragments receives each item's value, which must then have a defined length (the
         *     fragments of pixel data); {@code null} to step over items of any length
         */
        private int items(int pos, int depth, Fragments fragments) throws ImageDecodeException {
            if (depth > MAX_DEPTH) {
                throw corrupt("its sequences nest more than " + MAX_DEPTH + " deep", pos);
            }
            while (true) {
                need(pos, 8);
                int tag = tag(pos);
                long length = length32(pos + 4);
                pos += 8;
                if (tag == SEQUENCE_END) {
                    return pos;
                }
                if (tag != ITEM || (fragments != null && length == UNDEFINED)) {
                    throw corrupt(fragments == null ? "a sequence holds an element that is not an item"
                            : "its Pixel Data holds an element that is not a fragment", pos - 8);
                }
                if (length != UNDEFINED) {
                    need(pos, length);
                    if (fragments != null) {
                        fragments.accept(pos, (int) length);
                    }
                    pos += (int) length;
                    continue;
                }
                while (true) {
                    need(pos, 8);
                    if (tag(pos) == ITEM_END) {
                        pos += 8;
                        break;
                    }
                    pos = skipElement(pos, depth);
                }
            }
        }

        private int tag(int pos) {
            return (data.getShort(pos) & 0xFFFF) << 16 | (data.getShort(pos + 2) & 0xFFFF);
        }

        private String vr(int pos) {
            return new String(data.array(), pos + 4, 2, StandardCharsets.US_ASCII);
        }

        private long length32(int pos) {
            return data.getInt(pos) & 0xFFFFFFFFL;
        }

        private void need(int pos, long length) throws ImageDecodeException {
            if (pos + length > data.limit()) {
                throw new ImageDecodeException(file, Reason.TRUNCATED, "the file ends before its DICOM data does ("
                        + data.limit() + " bytes; an element at byte " + pos + " needs " + (pos + length) + ")",
                        null);
            }
        }

        private ImageDecodeException corrupt(String problem, int pos) {
            return new ImageDecodeException(file, Reason.UNREADABLE, problem + " (at byte " + pos + ")", null);
        }
    }
}
