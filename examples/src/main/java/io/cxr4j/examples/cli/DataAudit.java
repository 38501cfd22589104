package io.cxr4j.examples.cli;

import picocli.CommandLine.Option;

/**
 * Whether train, cross-validate and evaluate run the data-set audit before they report a number
 * (the experiment's {@code optAudit}): duplicates (across the split, when there is one), labels
 * that contradict file names or metadata, and classes told apart by file properties or coarse
 * image statistics alone are then warned about where the score is, not only by {@code cxr4j audit}.
 */
final class DataAudit {

    @Option(names = "--no-audit", description = "Skip the data-set audit (duplicates, label contradictions,"
            + " classes told apart by file properties or coarse image statistics) that runs before training or"
            + " evaluating; cxr4j audit runs it alone.")
    boolean skip;
}
