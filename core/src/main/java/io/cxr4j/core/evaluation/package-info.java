/**
 * Scoring a trained classifier on a labelled data set: {@link io.cxr4j.core.evaluation.Evaluator}
 * classifies it batch by batch, reporting and skipping unreadable images instead of failing, and
 * returns an {@link io.cxr4j.core.evaluation.EvaluationReport} with the metrics of {@code
 * io.cxr4j.core.metrics} and the scores they were computed from.
 */
package io.cxr4j.core.evaluation;
