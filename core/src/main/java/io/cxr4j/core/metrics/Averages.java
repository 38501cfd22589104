package io.cxr4j.core.metrics;

/**
 * Precision, recall and F1 averaged over classes, as in the {@code macro avg} and
 * {@code weighted avg} rows of a scikit-learn classification report.
 *
 * @param precision the averaged precision
 * @param recall the averaged recall
 * @param f1 the averaged F1 score (the average of per-class F1, not the F1 of the averages)
 */
public record Averages(double precision, double recall, double f1) {
}
