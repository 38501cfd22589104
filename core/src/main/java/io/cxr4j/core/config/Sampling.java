package io.cxr4j.core.config;

/**
 * How a training epoch draws its images. Either way an epoch has as many draws as there are
 * training images, and each class as many draws as it has images, so that {@link ClassWeighting}
 * weighs the classes as it does without sampling.
 */
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
    SOURCE_BALANCED
}
