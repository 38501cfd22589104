package io.cxr4j.core.image;

import com.google.gson.annotations.JsonAdapter;
import io.cxr4j.core.io.DefaultAsAbsent;

/**
 * What an {@link Augmenter}'s rotation, zoom or shift puts where an output pixel's source lies
 * outside the image.
 *
 * <p>In JSON (a model's {@code model.json}) {@link #BLACK} is written as an absent field, so that
 * models trained before the setting existed, all with black fill, are saved and read as before.
 */
@JsonAdapter(WarpFill.BlackAsAbsent.class)
public enum WarpFill {

    /** Black (0), as torchvision's {@code RandomAffine} fills: cxr4j's default. */
    BLACK,

    /**
     * The nearest edge pixel's value: each coordinate is clamped to the image, as Keras's {@code
     * ImageDataGenerator(fill_mode="nearest")} (scipy's {@code mode="nearest"}) fills, which the
     * seed project trained with.
     */
    NEAREST_EDGE;

    /** Leaves {@link #BLACK} out of a JSON object and reads an absent field as it. */
    static final class BlackAsAbsent extends DefaultAsAbsent<WarpFill> {
        BlackAsAbsent() {
            super(WarpFill.class, BLACK);
        }
    }
}
