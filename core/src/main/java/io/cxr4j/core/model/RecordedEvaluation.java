package io.cxr4j.core.model;

import java.util.List;
import java.util.Objects;

/**
 * A model's evaluation figures kept with the model, so that a model card can show them: the
 * held-out test of its training run ({@link ModelManifest#heldOutTest()}), or a later test on other
 * data appended to its directory ({@link ModelDirectory#appendEvaluation}). The positive class is
 * taken against all others; each figure carries its 95% interval.
 *
 * @param kind what the images were to the model
 * @param datasetName the evaluated data set's name
 * @param evaluatedAt ISO-8601 instant of the evaluation
 * @param positiveClass the class whose sensitivity, specificity and AUC are given
 * @param images the images scored
 * @param positives the scored images of the positive class
 * @param negatives the scored images of the other classes
 * @param accuracy the share of images whose most probable class is their label (Wilson interval)
 * @param sensitivity the share of positives called positive (Wilson interval)
 * @param specificity the share of negatives not called positive (Wilson interval)
 * @param auc the positive class's ROC AUC against the rest (DeLong interval; no bounds with fewer
 *     than 2 images on a side)
 * @param sources the scored images per source and class
 */
public record RecordedEvaluation(
        Kind kind,
        String datasetName,
        String evaluatedAt,
        String positiveClass,
        int images,
        int positives,
        int negatives,
        Estimate accuracy,
        Estimate sensitivity,
        Estimate specificity,
        Estimate auc,
        List<SourceImages> sources) {

    /**
     * Checks the required fields and freezes the sources.
     *
     * @param kind what the images were to the model; not null
     * @param datasetName the evaluated data set's name; not null
     * @param evaluatedAt ISO-8601 instant of the evaluation; not null
     * @param positiveClass the class taken as positive; not null
     * @param images the images scored
     * @param positives the scored images of the positive class
     * @param negatives the scored images of the other classes
     * @param accuracy accuracy with its interval; not null
     * @param sensitivity sensitivity with its interval; not null
     * @param specificity specificity with its interval; not null
     * @param auc ROC AUC with its interval; not null
     * @param sources the scored images per source and class; copied
     */
    public RecordedEvaluation {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(datasetName, "datasetName");
        Objects.requireNonNull(evaluatedAt, "evaluatedAt");
        Objects.requireNonNull(positiveClass, "positiveClass");
        Objects.requireNonNull(accuracy, "accuracy");
        Objects.requireNonNull(sensitivity, "sensitivity");
        Objects.requireNonNull(specificity, "specificity");
        Objects.requireNonNull(auc, "auc");
        sources = List.copyOf(sources);
    }

    /** What the evaluated images were to the model. */
    public enum Kind {
        /** The test part its training run held out: other images of the data set it trained on. */
        HELD_OUT_TEST,
        /** Images evaluated after training, from any data set (which may share sources with its training data). */
        LATER_TEST
    }

    /**
     * A figure and its 95% interval, each null where undefined, such as the sensitivity of a test
     * without positives. (Null rather than NaN: the manifest leaves absent values out, and an
     * absent number must not read back as 0.)
     *
     * @param value the figure, or null
     * @param ci95Lower the interval's lower bound, or null
     * @param ci95Upper the interval's upper bound, or null
     */
    public record Estimate(Double value, Double ci95Lower, Double ci95Upper) {

        /**
         * @param value the figure, NaN when undefined
         * @param ci95Lower the interval's lower bound, NaN when undefined
         * @param ci95Upper the interval's upper bound, NaN when undefined
         * @return the estimate, with null for each NaN
         */
        public static Estimate of(double value, double ci95Lower, double ci95Upper) {
            return new Estimate(defined(value), defined(ci95Lower), defined(ci95Upper));
        }

        private static Double defined(double value) {
            return Double.isFinite(value) ? value : null;
        }
    }
}
