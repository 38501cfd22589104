package io.cxr4j.core.image;

/**
 * How a gray value in [0, 1] becomes the value of each input channel ({@link
 * PreprocessingSpec#normalization()}). It is recorded with the model, so that inference prepares
 * pixels as training did.
 */
public enum PixelNormalization {

    /**
     * Mapped linearly onto the spec's range, {@code rangeMin + value * (rangeMax - rangeMin)}, the
     * same in every channel. With the range [0, 1] and three channels this is the seed project's
     * input: RGB values divided by 255.
     */
    RANGE,

    /**
     * Keras's {@code caffe} mode, the input the published VGG16 ImageNet weights were trained on
     * ({@code keras.applications.vgg16.preprocess_input}): RGB turned into BGR, then the ImageNet
     * mean of each channel subtracted from the 0-255 value, without scaling. Channel 0 is blue, 1
     * green, 2 red; for a gray image, repeated into all three, only the subtracted means differ.
     * Needs three channels.
     */
    CAFFE;

    /** The ImageNet means that {@link #CAFFE} subtracts, in its channel order: blue, green, red. */
    private static final float[] CAFFE_BGR_MEANS = {103.939f, 116.779f, 123.68f};

    /**
     * The mean {@link #CAFFE} subtracts from a channel.
     *
     * @param channel 0 (blue), 1 (green) or 2 (red)
     * @return the ImageNet mean of that channel on the 0-255 scale
     */
    public static float caffeMean(int channel) {
        return CAFFE_BGR_MEANS[channel];
    }
}
