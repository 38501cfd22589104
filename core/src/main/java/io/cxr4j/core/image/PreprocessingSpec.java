package io.cxr4j.core.image;

import java.util.Objects;

/**
 * The declared input of a model: how an image file becomes its input tensor. It is saved with
 * every trained model and used verbatim at inference, so that a model never sees pixels prepared
 * differently from those it was trained on.
 *
 * @param imageSize the side of the square input in pixels, 16 to 2048
 * @param channels 1 for a gray input, 3 for networks that expect RGB (the gray value is repeated)
 * @param resizeMode how non-square images become square
 * @param rangeMin the tensor value of black
 * @param rangeMax the tensor value of white, greater than {@code rangeMin}
 * @param normalization how gray values become channel values: {@link PixelNormalization#RANGE}
 *     (onto the range above, the default, and the meaning of a model that records none) or {@link
 *     PixelNormalization#CAFFE}
 * @param intensity how each square image's gray values are remapped before augmentation and
 *     scaling; {@code null} (a model saved before this setting existed) means {@link
 *     IntensityTransform#NONE}
 */
public record PreprocessingSpec(
        int imageSize, int channels, ResizeMode resizeMode, float rangeMin, float rangeMax,
        PixelNormalization normalization, IntensityTransform intensity) {

    /** The smallest accepted {@link #imageSize()}. */
    public static final int MIN_IMAGE_SIZE = 16;
    /** The largest accepted {@link #imageSize()}. */
    public static final int MAX_IMAGE_SIZE = 2048;
    /** The {@link #imageSize()} of {@link #defaults()}. */
    public static final int DEFAULT_IMAGE_SIZE = 224;

    /**
     * Validates the values.
     *
     * @param imageSize the side of the square input in pixels, {@value #MIN_IMAGE_SIZE} to {@value #MAX_IMAGE_SIZE}
     * @param channels 1 for a gray input, 3 for networks that expect RGB
     * @param resizeMode how non-square images become square; not null
     * @param rangeMin the tensor value of black, finite
     * @param rangeMax the tensor value of white, finite and greater than {@code rangeMin}
     * @param normalization how gray values become channel values; null (absent in a model written
     *     before it was recorded) means {@link PixelNormalization#RANGE}
     * @param intensity how gray values are remapped; {@code null} means {@link IntensityTransform#NONE}
     * @throws IllegalArgumentException when the size, channel count or value range is not usable, or
     *     {@link PixelNormalization#CAFFE} is asked for with one channel or another range than [0, 1]
     */
    public PreprocessingSpec {
        if (imageSize < MIN_IMAGE_SIZE || imageSize > MAX_IMAGE_SIZE) {
            throw new IllegalArgumentException("Image size " + imageSize + " is out of range: the square input"
                    + " side must be " + MIN_IMAGE_SIZE + " to " + MAX_IMAGE_SIZE + " pixels (" + DEFAULT_IMAGE_SIZE
                    + " is the default)");
        }
        if (channels != 1 && channels != 3) {
            throw new IllegalArgumentException("Input channels " + channels
                    + " are not supported: use 1 (gray) or 3 (the gray image repeated, for RGB networks)");
        }
        Objects.requireNonNull(resizeMode, "resizeMode");
        if (normalization == null) {
            normalization = PixelNormalization.RANGE;
        }
        if (intensity == null) {
            intensity = IntensityTransform.NONE;
        }
        if (!Float.isFinite(rangeMin) || !Float.isFinite(rangeMax) || rangeMin >= rangeMax) {
            throw new IllegalArgumentException("Pixel value range [" + rangeMin + ", " + rangeMax
                    + "] is not usable: both ends must be finite numbers and the first below the second");
        }
        if (normalization == PixelNormalization.CAFFE && channels != 3) {
            throw new IllegalArgumentException("Caffe pixel normalization makes blue, green and red channels, but the"
                    + " input has " + channels + "; set three channels (withChannels(3)) before it");
        }
        if (normalization == PixelNormalization.CAFFE && (rangeMin != 0f || rangeMax != 1f)) {
            // Caffe values are 0-255 minus a mean: a range would be silently ignored.
            throw new IllegalArgumentException("Caffe pixel normalization takes no value range, but the range is ["
                    + rangeMin + ", " + rangeMax + "]; keep the default [0, 1] with it");
        }
    }

    /**
     * A spec whose gray values are used as decoded ({@link IntensityTransform#NONE}) and mapped onto
     * the range ({@link PixelNormalization#RANGE}).
     *
     * @param imageSize the side of the square input in pixels, {@value #MIN_IMAGE_SIZE} to {@value #MAX_IMAGE_SIZE}
     * @param channels 1 for a gray input, 3 for networks that expect RGB
     * @param resizeMode how non-square images become square; not null
     * @param rangeMin the tensor value of black, finite
     * @param rangeMax the tensor value of white, finite and greater than {@code rangeMin}
     * @throws IllegalArgumentException when the size, channel count or value range is not usable
     */
    public PreprocessingSpec(int imageSize, int channels, ResizeMode resizeMode, float rangeMin, float rangeMax) {
        this(imageSize, channels, resizeMode, rangeMin, rangeMax, PixelNormalization.RANGE, IntensityTransform.NONE);
    }

    /**
     * The project's default: 224 x 224, one channel, centre-cropped to a square (so that the
     * aspect ratio, which tells the sources of the public sets apart, is not in the pixels), values
     * in [0, 1].
     *
     * @return the default spec
     */
    public static PreprocessingSpec defaults() {
        return new PreprocessingSpec(DEFAULT_IMAGE_SIZE, 1, ResizeMode.CENTER_CROP, 0f, 1f);
    }

    /**
     * This spec with another input size, e.g. {@code PreprocessingSpec.defaults().withImageSize(64)}.
     *
     * @param size the side of the square input in pixels, {@value #MIN_IMAGE_SIZE} to {@value #MAX_IMAGE_SIZE}
     * @return the new spec
     */
    public PreprocessingSpec withImageSize(int size) {
        return new PreprocessingSpec(size, channels, resizeMode, rangeMin, rangeMax, normalization, intensity);
    }

    /**
     * This spec with another channel count.
     *
     * @param count 1 for a gray input, 3 for networks that expect RGB (the gray value is repeated)
     * @return the new spec
     */
    public PreprocessingSpec withChannels(int count) {
        return new PreprocessingSpec(imageSize, count, resizeMode, rangeMin, rangeMax, normalization, intensity);
    }

    /**
     * This spec with another way of making images square.
     *
     * @param mode how non-square images become square
     * @return the new spec
     */
    public PreprocessingSpec withResizeMode(ResizeMode mode) {
        return new PreprocessingSpec(imageSize, channels, mode, rangeMin, rangeMax, normalization, intensity);
    }

    /**
     * This spec with another tensor value range.
     *
     * @param black the tensor value of black
     * @param white the tensor value of white, greater than {@code black}
     * @return the new spec
     */
    public PreprocessingSpec withRange(float black, float white) {
        return new PreprocessingSpec(imageSize, channels, resizeMode, black, white, normalization, intensity);
    }

    /**
     * This spec with another way of turning gray values into channel values, e.g. {@code
     * PreprocessingSpec.defaults().withChannels(3).withNormalization(PixelNormalization.CAFFE)}.
     *
     * @param value how gray values become channel values
     * @return the new spec
     * @throws IllegalArgumentException when {@link PixelNormalization#CAFFE} is asked for with one
     *     channel or another range than [0, 1]
     */
    public PreprocessingSpec withNormalization(PixelNormalization value) {
        return new PreprocessingSpec(imageSize, channels, resizeMode, rangeMin, rangeMax, value, intensity);
    }

    /**
     * This spec with another per-image intensity transform.
     *
     * @param transform how each square image's gray values are remapped; not null
     * @return the new spec
     */
    public PreprocessingSpec withIntensity(IntensityTransform transform) {
        return new PreprocessingSpec(imageSize, channels, resizeMode, rangeMin, rangeMax, normalization,
                Objects.requireNonNull(transform, "transform"));
    }

    /** @return the number of floats in one input tensor: {@code channels * imageSize^2} */
    public int tensorLength() {
        return channels * imageSize * imageSize;
    }
}
