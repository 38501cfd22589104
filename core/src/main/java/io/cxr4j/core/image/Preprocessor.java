package io.cxr4j.core.image;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Turns image files into model input tensors as a {@link PreprocessingSpec} declares.
 *
 * <p>Training runs {@link #load}, then an {@link Augmenter}, then {@link #toTensor}; inference
 * runs {@link #preprocess} (the same two steps without augmentation) and never augments.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class Preprocessor {

    private final PreprocessingSpec spec;
    private final ImageDecoder decoder;

    /**
     * A preprocessor with a default {@link ImageDecoder}, which accepts what {@link
     * ImageLimits#RADIOGRAPH} calls a chest X-ray.
     *
     * @param spec the model's declared input
     */
    public Preprocessor(PreprocessingSpec spec) {
        this(spec, new ImageDecoder());
    }

    /**
     * A preprocessor with a given decoder, e.g. one with another pixel limit.
     *
     * @param spec the model's declared input
     * @param decoder the decoder for image files
     */
    public Preprocessor(PreprocessingSpec spec, ImageDecoder decoder) {
        this.spec = Objects.requireNonNull(spec, "spec");
        this.decoder = Objects.requireNonNull(decoder, "decoder");
    }

    /** @return the model's declared input */
    public PreprocessingSpec spec() {
        return spec;
    }

    /**
     * Decodes a file, makes it square at the spec's size and applies the spec's {@link
     * IntensityTransform}.
     *
     * @param file a PNG, JPEG or DICOM file
     * @return an {@code imageSize x imageSize} image
     * @throws ImageDecodeException when the file cannot be decoded
     */
    public GrayImage load(Path file) throws ImageDecodeException {
        return square(decode(file));
    }

    /**
     * Makes a decoded image square at the spec's size and applies the spec's {@link
     * IntensityTransform}: what {@link #load} does after decoding.
     *
     * @param original an image at its original size, e.g. from {@link #decode}
     * @return an {@code imageSize x imageSize} image
     */
    public GrayImage square(GrayImage original) {
        return spec.intensity().apply(Resizer.toSquare(original, spec.imageSize(), spec.resizeMode()));
    }

    /**
     * Decodes a file at its original size, refusing images that its decoder's {@link ImageLimits}
     * refuse (by default too small, too large or too elongated to be a radiograph). Heat maps are
     * mapped back onto this geometry.
     *
     * @param file a PNG, JPEG or DICOM file
     * @return the image at its original size
     * @throws ImageDecodeException when the file cannot be decoded or its size is refused
     */
    public GrayImage decode(Path file) throws ImageDecodeException {
        return decoder.decode(file);
    }

    /**
     * Converts a square image into the model's input: channel-first (CHW) floats, each gray value
     * repeated in every channel and normalised as the spec says: mapped linearly from [0, 1] to
     * [rangeMin, rangeMax] ({@link PixelNormalization#RANGE}), or scaled to 0-255 with the channel's
     * ImageNet mean subtracted, channels in blue, green, red order ({@link PixelNormalization#CAFFE}).
     *
     * @param squareImage an {@code imageSize x imageSize} image, e.g. from {@link #load}
     * @return {@link PreprocessingSpec#tensorLength()} floats
     */
    public float[] toTensor(GrayImage squareImage) {
        int size = spec.imageSize();
        if (squareImage.width() != size || squareImage.height() != size) {
            throw new IllegalArgumentException("The model input must be " + size + "x" + size
                    + ", but the image is " + squareImage.width() + "x" + squareImage.height()
                    + "; make it square with load() or square() first");
        }
        float[] pixels = squareImage.pixels();
        float[] tensor = new float[spec.tensorLength()];
        if (spec.normalization() == PixelNormalization.CAFFE) {
            for (int c = 0; c < spec.channels(); c++) {
                float mean = PixelNormalization.caffeMean(c);
                int offset = c * pixels.length;
                for (int i = 0; i < pixels.length; i++) {
                    tensor[offset + i] = pixels[i] * 255f - mean;
                }
            }
            return tensor;
        }
        float min = spec.rangeMin();
        float span = spec.rangeMax() - min;
        for (int i = 0; i < pixels.length; i++) {
            tensor[i] = min + pixels[i] * span;
        }
        for (int c = 1; c < spec.channels(); c++) {
            System.arraycopy(tensor, 0, tensor, c * pixels.length, pixels.length);
        }
        return tensor;
    }

    /**
     * Inference preprocessing: {@link #load} followed by {@link #toTensor}, without augmentation.
     *
     * @param file a PNG, JPEG or DICOM file
     * @return the model input
     * @throws ImageDecodeException when the file cannot be decoded
     */
    public float[] preprocess(Path file) throws ImageDecodeException {
        return preprocess(decode(file));
    }

    /**
     * Inference preprocessing of an image already decoded: {@link #square}, then {@link #toTensor};
     * {@link #preprocess(Path)} of its file gives the same floats.
     *
     * @param decoded the image at its original size, as {@link #decode} gives it
     * @return the model input
     */
    public float[] preprocess(GrayImage decoded) {
        return toTensor(square(decoded));
    }
}
