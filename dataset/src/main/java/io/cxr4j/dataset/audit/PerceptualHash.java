package io.cxr4j.dataset.audit;

import io.cxr4j.core.image.GrayImage;
import io.cxr4j.core.image.Resizer;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HexFormat;

/**
 * The difference hash (dHash) of an image: shrink it to 17x16 gray pixels with an antialiased
 * filter, then set one bit per pixel that is brighter than its right neighbour. It depends only on
 * the coarse brightness layout, so it survives resizing, re-encoding (JPEG quality, PNG vs JPEG)
 * and a colour-to-gray conversion; two hashes that differ in few of their 256 bits mark
 * near-duplicate images.
 *
 * <p>Why 256 bits and not the usual 64: chest X-rays look alike at 9x8 pixels. On DarkCovidNet,
 * 64-bit hashes of different patients' images often differ in 0 or 1 bit; with 256 bits, images
 * of different patients differ in at least 15, while a copy shrunk to 55% and re-encoded as JPEG
 * differs from its original in at most 9.
 */
public final class PerceptualHash {

    /** The side of the grid of compared pixels. */
    private static final int SIDE = 16;

    /** The number of bits of a hash. */
    public static final int BITS = SIDE * SIDE;

    private final long[] words;

    private PerceptualHash(long[] words) {
        this.words = words;
    }

    /**
     * Hashes an image.
     *
     * @param image a gray image
     * @return its difference hash
     */
    public static PerceptualHash of(GrayImage image) {
        GrayImage small = Resizer.resize(image, SIDE + 1, SIDE);
        long[] words = new long[BITS / 64];
        for (int y = 0; y < SIDE; y++) {
            for (int x = 0; x < SIDE; x++) {
                if (small.get(x, y) > small.get(x + 1, y)) {
                    int bit = y * SIDE + x;
                    words[bit >> 6] |= 1L << (bit & 63);
                }
            }
        }
        return new PerceptualHash(words);
    }

    /**
     * The number of bits in which two hashes differ.
     *
     * @param other another hash
     * @return the Hamming distance, 0 to {@link #BITS}
     */
    public int distance(PerceptualHash other) {
        int distance = 0;
        for (int i = 0; i < words.length; i++) {
            distance += Long.bitCount(words[i] ^ other.words[i]);
        }
        return distance;
    }

    /**
     * A block of the hash's bits, for grouping hashes that may be close: two hashes within a
     * distance d agree on at least one of d + 1 disjoint blocks.
     *
     * @param from the first bit, from 0
     * @param to the bit after the last, at most {@link #BITS}
     * @return the bits, shifted to start at bit 0
     */
    BitSet bits(int from, int to) {
        return BitSet.valueOf(words).get(from, to);
    }

    /** @return the hash as 64 hexadecimal digits */
    public String toHex() {
        StringBuilder hex = new StringBuilder();
        for (long word : words) {
            hex.append(HexFormat.of().toHexDigits(word));
        }
        return hex.toString();
    }

    /**
     * Compares the bits.
     *
     * @param other the object to compare with
     * @return whether {@code other} is a hash with the same bits
     */
    @Override
    public boolean equals(Object other) {
        return other instanceof PerceptualHash that && Arrays.equals(words, that.words);
    }

    /** @return a hash code consistent with {@link #equals} */
    @Override
    public int hashCode() {
        return Arrays.hashCode(words);
    }

    /** @return the hexadecimal form */
    @Override
    public String toString() {
        return toHex();
    }
}
