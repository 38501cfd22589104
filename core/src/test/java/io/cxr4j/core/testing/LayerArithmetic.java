package io.cxr4j.core.testing;

/**
 * Trainable parameter counts of cxr4j's networks worked out by hand, layer by layer, which each
 * engine's architecture tests compare with what the engine actually builds.
 */
public final class LayerArithmetic {

    private LayerArithmetic() {}

    /** Weights of a bias-free k x k convolution followed by batch norm (gamma and beta). */
    private static long convBn(int in, int out, int k) {
        return (long) in * out * k * k + 2L * out;
    }

    private static long tripleConv(int in, int out) {
        return convBn(in, out, 3) + convBn(out, in, 1) + convBn(in, out, 3);
    }

    private static long darkCovidNetConvolutions(int channels) {
        return convBn(channels, 8, 3) + convBn(8, 16, 3)
                + tripleConv(16, 32) + tripleConv(32, 64) + tripleConv(64, 128) + tripleConv(128, 256)
                + convBn(256, 128, 1) + convBn(128, 256, 3);
    }

    /**
     * @param channels input channels
     * @param size the side of the square input
     * @param classes output classes
     * @return DarkCovidNet's trainable parameters: its convolutions, the per-class one, and the
     *     linear layer over the per-class maps after five 2x2 max-pools
     */
    public static long darkCovidNet(int channels, int size, int classes) {
        int finalSide = size / 32;
        return darkCovidNetConvolutions(channels)
                + convBn(256, classes, 3)
                + (long) classes * finalSide * finalSide * classes + classes;
    }

    /**
     * @param channels input channels
     * @param classes output classes
     * @return darkcovidnet-gap's trainable parameters: the same convolutions, then a dense layer
     *     over the 256 map means, independent of the input size
     */
    public static long darkCovidNetGap(int channels, int classes) {
        return darkCovidNetConvolutions(channels) + 256L * classes + classes;
    }
}
