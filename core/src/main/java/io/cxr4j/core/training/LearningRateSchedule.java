package io.cxr4j.core.training;

/** How the learning rate changes over training. */
public enum LearningRateSchedule {
    /** The same rate for every step, as the seed project's Keras Adam. */
    CONSTANT,
    /** Cosine decay from the base rate to 1% of it over all steps. */
    COSINE
}
