package io.cxr4j.core.split;

/** What the test folds of a cross-validation are made of. */
public enum FoldGrouping {
    /**
     * {@code k} stratified folds of about equal size, each holding every class in proportion
     * (patient-grouped with {@link SplitStrategy#PATIENT}); see {@link FoldPlan#draw}.
     */
    STRATIFIED,
    /**
     * One fold per source ({@link io.cxr4j.core.data.Sample#source()}): each fold tests on one
     * source and trains on the others (leave-one-source-out), which measures how a model does on a
     * source it never saw; see {@link FoldPlan#bySource}. A held-out source may lack a class; a
     * source that holds every image of a class is not held out.
     */
    SOURCE;

    /** How a message names leave-one-source-out, which the CLI calls its source grouping option. */
    public static final String SOURCE_CALL = "FoldGrouping.SOURCE";
}
