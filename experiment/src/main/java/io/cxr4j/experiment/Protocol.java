package io.cxr4j.experiment;

import java.util.List;

/**
 * The protocol's defaults and fixed choices, shared by the library and the command-line tool.
 */
public final class Protocol {

    /** Share of each training part held out as validation: {@value}. */
    public static final double DEFAULT_VALIDATION_FRACTION = 0.1;

    /** Share of each class held out for testing in a train/test run: {@value}. */
    public static final double DEFAULT_TEST_FRACTION = 0.3;

    /** Folds of a cross-validation: {@value}. */
    public static final int DEFAULT_FOLDS = 5;

    /** Below this many test images a 95% interval on accuracy is wider than about 20 points: {@value}. */
    public static final int SMALL_TEST_SET = 100;

    /** Reliability-diagram and expected-calibration-error bins: {@value}. */
    public static final int CALIBRATION_BINS = 10;

    /** The file every report is written to. */
    public static final String REPORT_FILE = "report.json";

    /** The Markdown report's file name. */
    public static final String MARKDOWN_FILE = "report.md";

    /** The split a train/test run saves (SplitFile format), to rerun it. */
    public static final String SPLIT_FILE = "split.tsv";

    /** The files a train/test run writes beside its model, all describing that model's run. */
    public static final List<String> TRAIN_TEST_RESULTS = List.of(REPORT_FILE, MARKDOWN_FILE, SPLIT_FILE,
            "accuracy.png", "loss.png", "roc.png", "precision-recall.png", "confusion-matrix.png", "reliability.png");

    /** The folds a cross-validation saves (SplitFile format), to rerun or resume them. */
    public static final String FOLDS_FILE = "folds.tsv";

    /** The JSON folds file of earlier versions, still read (migrated) when resuming their runs. */
    public static final String LEGACY_FOLDS_FILE = "folds.json";

    private Protocol() {}

    /**
     * The class whose sensitivity, specificity and operating point a binary report centres on.
     *
     * @param classNames the classes
     * @return {@code covid} when it is a class, else the first class
     */
    public static String positiveClass(List<String> classNames) {
        return classNames.contains("covid") ? "covid" : classNames.get(0);
    }
}
