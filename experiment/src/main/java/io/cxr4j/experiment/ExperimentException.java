package io.cxr4j.experiment;

import java.nio.file.Path;
import java.util.List;

/**
 * An experiment cannot run as asked, for a reason a caller may want to explain in its own terms
 * (a command-line tool names its options): {@link #reason()} says which, and the accessors give the
 * facts. The message says the same in API terms.
 */
public final class ExperimentException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /** Why an experiment refused to run. */
    public enum Reason {
        /**
         * A fresh cross-validation would discard a fold stopped before its last epoch: {@link
         * #folder()} is that fold's checkpoint folder, {@link #epoch()} and {@link #epochs()} how far it got.
         */
        INTERRUPTED_FOLD,
        /**
         * A fresh cross-validation would train again the folds of one that stopped before its
         * report: {@link #folder()} is the output folder, {@link #details()} the trained folds' names.
         */
        UNREPORTED_RUN,
        /**
         * A resumed cross-validation's folds were drawn with other settings: {@link #differences()}
         * lists them; {@link #folder()} is the output folder.
         */
        OTHER_PLAN,
        /**
         * A target sensitivity needs a validation part that a fold of the folds file lacks: {@link
         * #details()} holds the fold's name, {@link #folder()} the folds file.
         */
        NO_VALIDATION_PART
    }

    private final transient Reason reason;
    private final transient Path folder;
    private final transient List<String> details;
    private final transient List<PlanDifference> differences;
    private final int epoch;
    private final int epochs;

    /**
     * A setting a resumed cross-validation was given otherwise than the run it resumes.
     *
     * @param setting the setting, named as {@link CrossValidation.Builder}'s method: folds, repeats,
     *     seed, strategy or validationFraction
     * @param saved the value the folds were drawn with
     * @param now the value given now
     */
    public record PlanDifference(String setting, String saved, String now) {}

    ExperimentException(Reason reason, String message, Path folder, List<String> details,
            List<PlanDifference> differences, int epoch, int epochs) {
        super(message);
        this.reason = reason;
        this.folder = folder;
        this.details = List.copyOf(details);
        this.differences = List.copyOf(differences);
        this.epoch = epoch;
        this.epochs = epochs;
    }

    /** @return why the experiment refused to run */
    public Reason reason() {
        return reason;
    }

    /** @return the folder or file concerned (see {@link Reason}) */
    public Path folder() {
        return folder;
    }

    /** @return the reason's details (see {@link Reason}) */
    public List<String> details() {
        return details;
    }

    /** @return for {@link Reason#OTHER_PLAN}, the settings that differ */
    public List<PlanDifference> differences() {
        return differences;
    }

    /** @return for {@link Reason#INTERRUPTED_FOLD}, the last epoch trained */
    public int epoch() {
        return epoch;
    }

    /** @return for {@link Reason#INTERRUPTED_FOLD}, the epochs planned */
    public int epochs() {
        return epochs;
    }
}
