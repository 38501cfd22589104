package io.cxr4j.experiment;

/**
 * Something that qualifies an experiment's numbers, found by its guards. Results carry their
 * warnings beside the numbers, and experiments log each one (SLF4J, level WARN) when found.
 *
 * @param kind which guard found it
 * @param finding what was found
 * @param advice what to do about it, in API terms, or empty when the finding says it
 */
public record ExperimentWarning(Kind kind, String finding, String advice) {

    /** The advice of a {@link Kind#PATIENT_LEAKAGE} warning. */
    public static final String SPLIT_BY_PATIENT = "Split by patient (SplitStrategy.PATIENT).";

    /** The advice of a {@link Kind#IN_DISTRIBUTION_TEST} warning. */
    public static final String TEST_AN_UNSEEN_SOURCE = "To test on an unseen source, evaluate ExperimentData whose"
            + " Sample.source() is none of the model's Provenance.trainingSources().";

    /** @return the finding and the advice, as reports list them */
    public String message() {
        return advice.isEmpty() ? finding : finding + " " + advice;
    }

    /** The guard behind a warning. */
    public enum Kind {
        /** Each class comes from its own source: a model can learn the source instead of the disease. */
        SOURCE_CONFOUNDING,
        /** Patients have images on both sides of a split: the test score is inflated. */
        PATIENT_LEAKAGE,
        /** Test images cluster by patient, or patient ids are unknown: intervals are too narrow. */
        PATIENT_CLUSTERING,
        /** A finding of the data-set audit (duplicates, contradicted labels, confounded file properties). */
        AUDIT,
        /** Too few test images for the accuracy interval to be narrow. */
        SMALL_TEST_SET,
        /** No class is named covid: the target sensitivity applies to the first class. */
        POSITIVE_CLASS,
        /** Images the evaluated model was trained on are among those scored. */
        TRAINING_IMAGES,
        /** A test part lacks a class, so some of its metrics are undefined, or a training part lacks one. */
        MISSING_CLASS,
        /** Every image scored comes from a source the model trained on: the figure is no test on an unseen source. */
        IN_DISTRIBUTION_TEST,
        /**
         * Separate validation data lacks a class, or shares a source with the training data (so a
         * threshold chosen on it is not from an unseen source).
         */
        VALIDATION_DATA,
        /** A threshold was chosen on some of the scored images' sources: figures there are development figures. */
        THRESHOLD_SOURCE,
        /** A split or folds file does not match the data set exactly. */
        SPLIT_FILE,
        /** A warning the caller added, such as about settings it ignored. */
        CALLER
    }
}
