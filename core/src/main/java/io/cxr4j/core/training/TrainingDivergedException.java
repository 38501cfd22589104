package io.cxr4j.core.training;

import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Training stopped because an epoch's loss or weights stopped being finite numbers. Nothing of
 * that epoch was saved: the checkpoint folder still holds the last good epoch, from which the run
 * can be resumed ({@link TrainingRequest#resuming()}) with a lower learning rate.
 */
public class TrainingDivergedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** The suggested learning rate as a share of the one that diverged. */
    private static final double LOWER_RATE = 0.1;

    private final int epoch;
    private final int lastGoodEpoch;
    private final transient Path checkpointDirectory;
    private final double learningRate;

    /**
     * Describes a divergence.
     *
     * @param epoch the epoch that diverged, from 1
     * @param what what stopped being finite, e.g. {@code "the training loss became NaN"}
     * @param checkpointDirectory the run's checkpoint folder
     * @param learningRate the base learning rate that diverged
     * @param cause the engine's own report, or null
     */
    public TrainingDivergedException(int epoch, String what, Path checkpointDirectory, double learningRate,
            Throwable cause) {
        super(message(epoch, what, checkpointDirectory, learningRate), cause);
        this.epoch = epoch;
        this.lastGoodEpoch = epoch - 1;
        this.checkpointDirectory = checkpointDirectory;
        this.learningRate = learningRate;
    }

    private static String message(int epoch, String what, Path checkpointDirectory, double learningRate) {
        String lower = rate(learningRate * LOWER_RATE);
        String head = String.format(Locale.ROOT, "Training diverged in epoch %d: %s, at learning rate %s. ",
                epoch, what, rate(learningRate));
        if (epoch <= 1) {
            return head + "No checkpoint was written. Train again with a lower learning rate"
                    + " (TrainingConfig.Builder.optLearningRate), e.g. " + lower + ".";
        }
        return head + "Nothing of epoch " + epoch + " was saved: the last good checkpoint, of epoch " + (epoch - 1)
                + ", is kept in " + checkpointDirectory + ". Resume from it (TrainingRequest.resuming()) with the"
                + " same settings but a lower learning rate (TrainingConfig.Builder.optLearningRate), e.g. " + lower
                + ".";
    }

    /**
     * A learning rate as people write it, to 3 significant digits.
     *
     * @param value a learning rate
     * @return for example {@code 0.0001} or {@code 1E+29}
     */
    public static String rate(double value) {
        return new BigDecimal(value).round(new MathContext(3)).stripTrailingZeros().toString();
    }

    /** @return the epoch that diverged, from 1 */
    public int epoch() {
        return epoch;
    }

    /** @return the epoch of the checkpoint kept for resuming, 0 when the first epoch diverged */
    public int lastGoodEpoch() {
        return lastGoodEpoch;
    }

    /** @return the run's checkpoint folder, which holds the last good epoch */
    public Path checkpointDirectory() {
        return checkpointDirectory;
    }

    /** @return the base learning rate that diverged */
    public double learningRate() {
        return learningRate;
    }

    /** @return a learning rate to try instead: a tenth of the one that diverged */
    public double suggestedLearningRate() {
        return learningRate * LOWER_RATE;
    }
}
