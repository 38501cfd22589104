package io.cxr4j.core.training;

import java.util.Objects;
import java.util.function.Function;

/**
 * A training run that would conflict with the checkpoint in its checkpoint folder: a resume with
 * other settings, images or number of epochs than the interrupted run, or a fresh start that would
 * discard an interrupted run. The message names settings and actions in API terms ({@link
 * Terms#API}); a front end such as a command line renders it in its own terms with {@link
 * #message(Terms)}.
 */
public final class CheckpointConflictException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /** How a message names training settings and the actions it advises. */
    public interface Terms {

        /** The names of the Java API: {@link TrainingConfig} components and builder methods. */
        Terms API = new Terms() {
            @Override
            public String setting(String path) {
                return path;
            }

            @Override
            public String epochs(int epochs) {
                return "optEpochs(" + epochs + ")";
            }

            @Override
            public String resume() {
                return "TrainingRequest.resuming()";
            }

            @Override
            public String settings() {
                return "settings";
            }
        };

        /**
         * @param path a {@link TrainingConfig} component, with its record's components after a dot,
         *     such as {@code batchSize} or {@code augmentation.maxZoom}
         * @return how a list of differing settings names it
         */
        String setting(String path);

        /**
         * @param epochs a number of epochs
         * @return how to ask for that many epochs
         */
        String epochs(int epochs);

        /** @return how to continue an interrupted run */
        String resume();

        /** @return what the settings of a run are called, such as {@code settings} or {@code options} */
        String settings();
    }

    /** Renders the message; not serialized, so a deserialized exception keeps only its API message. */
    private final transient Function<Terms, String> text;

    /**
     * @param text renders the message in the given terms
     */
    public CheckpointConflictException(Function<Terms, String> text) {
        super(text.apply(Terms.API));
        this.text = text;
    }

    /**
     * @param terms how to name settings and actions
     * @return the message in those terms
     */
    public String message(Terms terms) {
        Objects.requireNonNull(terms, "terms");
        return text == null ? getMessage() : text.apply(terms);
    }
}
