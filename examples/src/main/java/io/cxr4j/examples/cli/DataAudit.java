package io.cxr4j.examples.cli;

import io.cxr4j.core.split.TrainTestSplit;
import io.cxr4j.dataset.audit.AuditReport;
import io.cxr4j.dataset.audit.DatasetAudit;
import java.io.IOException;
import picocli.CommandLine.Option;

/**
 * The data-set audit that train, cross-validate and evaluate run before they report a number:
 * duplicates (across the split, when there is one), labels that contradict file names or
 * metadata, and classes told apart by file properties or coarse image statistics alone are warned
 * about where the score is, not only by {@code cxr4j audit}.
 */
final class DataAudit {

    @Option(names = "--no-audit", description = "Skip the data-set audit (duplicates, label contradictions,"
            + " classes told apart by file properties or coarse image statistics) that runs before training or"
            + " evaluating; cxr4j audit runs it alone.")
    boolean skip;

    /**
     * Audits the data and prints each finding as a warning, which the report files then carry.
     *
     * @param loaded the data
     * @param split the split about to be trained and tested on, or null
     * @param console where warnings go
     * @throws IOException when the audit is interrupted
     */
    void warn(InputData loaded, TrainTestSplit split, Console console) throws IOException {
        if (skip) {
            return;
        }
        DatasetAudit.Builder audit = DatasetAudit.builder();
        if (split != null) {
            audit.optSplit(split);
        }
        AuditReport report = audit.build().run(loaded.dataset(), loaded.folder(), loaded.skipped());
        report.warnings().forEach(w -> console.warning("Data audit: " + w));
        if (!report.warnings().isEmpty()) {
            console.out().println("  (cxr4j audit with the same --data or --dataset and --labels lists the files behind"
                    + " each finding)");
        }
    }
}
