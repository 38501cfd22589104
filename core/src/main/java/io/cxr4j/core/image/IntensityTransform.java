package io.cxr4j.core.image;

import com.google.gson.annotations.JsonAdapter;
import io.cxr4j.core.io.DefaultAsAbsent;
import java.util.Objects;

/**
 * How each image's gray values are remapped after it is made square and before it is augmented
 * or turned into a tensor, at training and inference alike ({@link Preprocessor#load}).
 *
 * <p>Per-image intensity normalization is a common chest X-ray step meant to lessen the
 * differences in exposure and contrast between devices and archives. Both equalizations work on
 * 256 gray levels (a value {@code v} falls in level {@code min(255, floor(256 v))}) and return
 * values in [0, 1].
 *
 * <p>In JSON (a model's {@code model.json}) {@link #NONE} is written as an absent field, so that
 * models without a transform are saved exactly as before the setting existed, and read back from
 * an absent or null field.
 */
@JsonAdapter(IntensityTransform.NoneAsAbsent.class)
public enum IntensityTransform {

    /** The gray values as decoded. */
    NONE,

    /**
     * Global histogram equalization: a pixel of level {@code b} becomes {@code (cdf(b) - cdf(min))
     * / (n - cdf(min))}, where {@code cdf} counts the pixels of level {@code b} or darker, {@code
     * min} is the darkest level present and {@code n} the number of pixels; the darkest pixels
     * become 0 and the brightest 1. An image of a single level is left unchanged.
     */
    HISTOGRAM_EQUALIZATION,

    /**
     * Contrast-limited adaptive histogram equalization (CLAHE, Zuiderveld 1994) on a grid of
     * {@value Equalization#CLAHE_TILES} x {@value Equalization#CLAHE_TILES} tiles with a clip limit
     * of {@value Equalization#CLAHE_CLIP_LIMIT} times a tile's mean level count: each tile's
     * histogram is clipped there, the excess spread evenly over all levels, and a pixel's value
     * interpolated bilinearly between the cumulative histograms of the four nearest tile centres.
     */
    CLAHE;

    /**
     * Remaps an image's gray values.
     *
     * @param image the image, e.g. the square from {@link Resizer#toSquare}
     * @return the remapped image of the same size, or {@code image} itself for {@link #NONE}
     */
    public GrayImage apply(GrayImage image) {
        Objects.requireNonNull(image, "image");
        return switch (this) {
            case NONE -> image;
            case HISTOGRAM_EQUALIZATION -> Equalization.histogram(image);
            case CLAHE -> Equalization.clahe(image, Equalization.CLAHE_TILES, Equalization.CLAHE_TILES,
                    Equalization.CLAHE_CLIP_LIMIT);
        };
    }

    /** Leaves {@link #NONE} out of a JSON object and reads an absent field as it. */
    static final class NoneAsAbsent extends DefaultAsAbsent<IntensityTransform> {
        NoneAsAbsent() {
            super(IntensityTransform.class, NONE);
        }
    }
}
