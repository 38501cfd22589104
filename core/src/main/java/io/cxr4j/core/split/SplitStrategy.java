package io.cxr4j.core.split;

/** What a split keeps together on one side. */
public enum SplitStrategy {
    /**
     * Every image is assigned on its own, as the seed project did. Several images of one patient
     * can then land in both training and test, which inflates test scores.
     */
    IMAGE,
    /**
     * All images of one patient go to the same side. Images without a patient id are assigned on
     * their own. This is the honest default whenever a data set records patient ids.
     */
    PATIENT;

    /**
     * The strategy to use when the user did not choose: {@link #PATIENT} when the data set knows
     * patients, otherwise {@link #IMAGE}.
     *
     * @param hasPatientIds whether any sample records its patient
     * @return the default strategy
     */
    public static SplitStrategy defaultFor(boolean hasPatientIds) {
        return hasPatientIds ? PATIENT : IMAGE;
    }
}
