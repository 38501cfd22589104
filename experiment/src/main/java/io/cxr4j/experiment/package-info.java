/**
 * The experiment protocol as a library: {@link io.cxr4j.experiment.TrainTestExperiment} (split,
 * train, evaluate on the held-out part) and {@link io.cxr4j.experiment.CrossValidation}
 * (stratified, patient-grouped k-fold, repeats, resume, a folds file). Each runs the guards the
 * numbers need (data audit, patient leakage, source confounding, small test sets), returns one
 * immutable result that carries those warnings beside the numbers, and renders it as
 * {@code report.json}, {@code report.md} and plots. {@link io.cxr4j.experiment.Protocol} states the
 * defaults, which the command-line tool shares.
 */
package io.cxr4j.experiment;
