package io.cxr4j.core.image;

import com.google.gson.annotations.JsonAdapter;
import io.cxr4j.core.io.DefaultAsAbsent;

/**
 * How an {@link Augmenter}'s rotation, zoom or shift reads the source image at a position that
 * falls between pixel centres.
 *
 * <p>In JSON (a model's {@code model.json}) {@link #NEAREST} is written as an absent field, so
 * that models trained before the setting existed, all sampled this way, are saved and read as
 * before.
 */
@JsonAdapter(WarpInterpolation.NearestAsAbsent.class)
public enum WarpInterpolation {

    /**
     * The nearest source pixel: no blur, so training images stay as sharp as test images;
     * cxr4j's default.
     */
    NEAREST,

    /**
     * Linear interpolation between the four surrounding source pixels, as Keras's {@code
     * ImageDataGenerator} does (scipy's {@code affine_transform} with {@code order=1}), which the
     * seed project trained with. Softens every warped image a little. With {@link WarpFill#BLACK}
     * the last pixel inside an edge is blended with the black beyond it.
     */
    BILINEAR;

    /** Leaves {@link #NEAREST} out of a JSON object and reads an absent field as it. */
    static final class NearestAsAbsent extends DefaultAsAbsent<WarpInterpolation> {
        NearestAsAbsent() {
            super(WarpInterpolation.class, NEAREST);
        }
    }
}
