package io.cxr4j.experiment;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * The settings every experiment takes: whether the data-set audit runs, who follows the run, and
 * what its report records about the caller.
 *
 * @param <B> the concrete builder, returned by every method
 */
public abstract class ExperimentBuilder<B extends ExperimentBuilder<B>> {

    boolean audit = true;
    ExperimentListener listener = ExperimentListener.NONE;
    List<String> arguments = List.of();
    final List<String> callerWarnings = new ArrayList<>();
    UnaryOperator<String> wording = UnaryOperator.identity();

    ExperimentBuilder() {}

    /** @return this builder */
    abstract B self();

    /**
     * @param audit whether to run the data-set audit (duplicates, contradicted labels, classes told
     *     apart by file properties or image statistics) before reporting a number; default true
     * @return this builder
     */
    public B optAudit(boolean audit) {
        this.audit = audit;
        return self();
    }

    /**
     * @param listener follows the run, for a user interface; default none
     * @return this builder
     */
    public B optListener(ExperimentListener listener) {
        this.listener = Objects.requireNonNull(listener, "listener");
        return self();
    }

    /**
     * @param arguments the command line the report records; default empty
     * @return this builder
     */
    public B optArguments(List<String> arguments) {
        this.arguments = List.copyOf(arguments);
        return self();
    }

    /**
     * @param warning a warning of the caller's own, such as about settings it ignored, for the
     *     result to carry first among its warnings
     * @return this builder
     */
    public B optWarning(String warning) {
        callerWarnings.add(Objects.requireNonNull(warning, "warning"));
        return self();
    }

    /**
     * @param wording how the report files word the library's warnings, for a tool whose users know
     *     its options rather than the API the advice names (the {@code cxr4j} command line puts its
     *     option names in); default the library's own words. The result's {@link
     *     ExperimentWarning}s keep the library's words.
     * @return this builder
     */
    public B optWording(UnaryOperator<String> wording) {
        this.wording = Objects.requireNonNull(wording, "wording");
        return self();
    }
}
