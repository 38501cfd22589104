package io.cxr4j.core.config;

import com.google.gson.annotations.JsonAdapter;
import io.cxr4j.core.io.DefaultAsAbsent;

/**
 * How a training epoch draws its images. Either way an epoch has as many draws as there are
 * training images, and each class as many draws as it has images, so that {@link ClassWeighting}
 * weighs the classes as it does without sampling.
 *
 * <p>In JSON (a model's {@code model.json}, a checkpoint's settings) {@link #UNIFORM} is written as
 * an absent field, so that models and checkpoints of uniform runs are written, and fingerprinted,
 * exactly as before the setting existed, and read back from an absent or null field.
 */
@JsonAdapter(Sampling.UniformAsAbsent.class)
public enum Sampling {
    /** Every training image once per epoch, in a shuffled order. */
    UNIFORM,
    /**
     * Each class's draws are shared equally among the sources of its images ({@code Sample.source()};
     * images without a source form one group), so that a class made of a large and a small collection
     * does not learn mostly the large one's look. Within a source, the images are drawn in shuffled
     * passes: each is drawn the same number of times, give or take one. A class with a single
     * source draws as {@link #UNIFORM}. See {@code io.cxr4j.core.training.SourceBalancedDraws}.
     */
    SOURCE_BALANCED;

    /** Leaves {@link #UNIFORM} out of a JSON object and reads an absent or null field as it. */
    static final class UniformAsAbsent extends DefaultAsAbsent<Sampling> {
        UniformAsAbsent() {
            super(Sampling.class, UNIFORM);
        }
    }
}
