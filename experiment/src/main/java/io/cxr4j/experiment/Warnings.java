package io.cxr4j.experiment;

import io.cxr4j.core.data.SourceConfounding;
import io.cxr4j.core.metrics.ConfidenceInterval;
import io.cxr4j.core.metrics.Proportion;
import io.cxr4j.core.split.TrainTestSplit;
import io.cxr4j.dataset.audit.AuditReport;
import io.cxr4j.dataset.audit.DatasetAudit;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The warnings of one experiment, in the order its guards found them: each is logged, passed to
 * the listener and kept for the result, whose reports carry them beside the numbers.
 */
final class Warnings {

    private static final Logger LOG = LoggerFactory.getLogger(Warnings.class);

    private final ExperimentListener listener;
    private final UnaryOperator<String> wording;
    private final List<ExperimentWarning> found = new ArrayList<>();

    Warnings(ExperimentListener listener, List<String> callerWarnings, UnaryOperator<String> wording) {
        this.listener = listener;
        this.wording = wording;
        callerWarnings.forEach(w -> add(ExperimentWarning.Kind.CALLER, w));
    }

    void add(ExperimentWarning.Kind kind, String message) {
        add(kind, message, "");
    }

    void add(ExperimentWarning.Kind kind, String finding, String advice) {
        ExperimentWarning warning = new ExperimentWarning(kind, finding, advice);
        found.add(warning);
        LOG.warn(warning.message());
        listener.warning(warning);
    }

    void add(ExperimentWarning.Kind kind, Optional<String> message) {
        message.ifPresent(m -> add(kind, m));
    }

    List<ExperimentWarning> all() {
        return List.copyOf(found);
    }

    /** @return the messages, as reports list them: in the caller's {@link ExperimentBuilder#optWording wording} */
    List<String> messages() {
        return found.stream().map(ExperimentWarning::message).map(wording).toList();
    }

    /** The guards every experiment runs on its data first: source confounding and the positive class. */
    void checkData(ExperimentData data, Double targetSensitivity) {
        add(ExperimentWarning.Kind.SOURCE_CONFOUNDING, SourceConfounding.check(data.dataset()));
        List<String> classNames = data.dataset().classNames();
        String positive = Protocol.positiveClass(classNames);
        if (targetSensitivity != null && !positive.equals("covid")) {
            add(ExperimentWarning.Kind.POSITIVE_CLASS, "No class is named covid: the target sensitivity sets the"
                    + " threshold on p(" + positive + "), the first class of " + classNames + ", and reports its"
                    + " sensitivity.");
        }
    }

    /**
     * Runs the data-set audit and adds each finding.
     *
     * @param split the split about to be trained and tested on, or null
     */
    void audit(ExperimentData data, TrainTestSplit split) throws IOException {
        DatasetAudit.Builder audit = DatasetAudit.builder();
        if (split != null) {
            audit.optSplit(split);
        }
        AuditReport report = audit.build().run(data.dataset(), data.folder(), data.skipped());
        report.warnings().forEach(w -> add(ExperimentWarning.Kind.AUDIT, "Data audit: " + w));
        listener.auditFinished(report.warnings().size());
    }

    /**
     * Warns when a result rests on fewer than {@link Protocol#SMALL_TEST_SET} test images.
     *
     * @param accuracy the result's accuracy, whose trials are the test images
     * @param scope what the images are, such as " pooled over the test folds", or empty
     */
    void smallTestSet(Proportion accuracy, String scope) {
        smallTestSetMessage(accuracy, scope).ifPresent(m -> add(ExperimentWarning.Kind.SMALL_TEST_SET, m));
    }

    /**
     * The warning about a result on fewer than {@link Protocol#SMALL_TEST_SET} test images.
     *
     * @param accuracy the result's accuracy, whose trials are the test images
     * @param scope what the images are, such as " pooled over the test folds", or empty
     * @return the message, empty for enough images
     */
    static Optional<String> smallTestSetMessage(Proportion accuracy, String scope) {
        if (accuracy.trials() >= Protocol.SMALL_TEST_SET) {
            return Optional.empty();
        }
        ConfidenceInterval ci = accuracy.wilson95();
        return Optional.of(String.format(Locale.ROOT, "Only %d test images%s: the 95%% interval of accuracy spans"
                + " %.0f points (%.1f%% to %.1f%%). Differences inside it are not evidence.", accuracy.trials(), scope,
                100 * (ci.upper() - ci.lower()), 100 * ci.lower(), 100 * ci.upper()));
    }
}
