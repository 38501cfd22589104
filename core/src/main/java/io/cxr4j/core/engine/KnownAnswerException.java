package io.cxr4j.core.engine;

import io.cxr4j.core.config.Precision;

/**
 * An engine's native kernels computed a {@link KnownAnswer} wrongly on this processor: whatever
 * the engine trained or predicted with them would be wrong without any other sign. Nothing was
 * trained or predicted.
 */
public final class KnownAnswerException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    private final transient KnownAnswer.Verdict verdict;
    private final Precision precision;

    /**
     * @param message what failed, on which processor, and what to do instead
     * @param verdict the measurement
     * @param precision the number format whose kernels failed
     */
    public KnownAnswerException(String message, KnownAnswer.Verdict verdict, Precision precision) {
        super(message);
        this.verdict = verdict;
        this.precision = precision;
    }

    /** @return the number format whose kernels failed; another may still work */
    public Precision precision() {
        return precision;
    }

    /** @return the measurement that failed */
    public KnownAnswer.Verdict verdict() {
        return verdict;
    }
}
