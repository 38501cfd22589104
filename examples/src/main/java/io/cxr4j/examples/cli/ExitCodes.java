package io.cxr4j.examples.cli;

/**
 * The exit codes of the commands that score images ({@code predict}, {@code evaluate}, {@code
 * explain}), one set for all so that a script reads them alike, and their lines for {@code --help}.
 */
final class ExitCodes {

    /** A run that finished but could not decode some of its images; each is named in its output. */
    static final int SKIPPED_IMAGES = 3;

    static final String HEADING = "%nExit codes:%n";
    static final String SUCCESS = "0:Every image was decoded and scored.";
    static final String FAILED = "1:The run failed; standard error says why.";
    static final String USAGE = "2:The command line is invalid.";
    static final String SKIPPED = "3:The run finished, but some images could not be decoded and were skipped;"
            + " each is named with the reason.";

    private ExitCodes() {}

    /**
     * The exit code of a run that finished.
     *
     * @param skippedImages how many of its images could not be decoded
     * @return 0 when none, else {@link #SKIPPED_IMAGES}
     */
    static int finished(int skippedImages) {
        return skippedImages == 0 ? 0 : SKIPPED_IMAGES;
    }
}
