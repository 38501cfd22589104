package io.cxr4j.examples.cli;

import ai.djl.training.util.ProgressBar;
import io.cxr4j.core.data.XrayDataset;
import io.cxr4j.core.evaluation.EvaluationReport;
import io.cxr4j.core.evaluation.Evaluator;
import io.cxr4j.core.inference.XrayClassifier;

/** Runs an evaluation with a progress bar on the console. */
final class Evaluations {

    private Evaluations() {}

    static EvaluationReport run(XrayClassifier classifier, XrayDataset dataset, int batchSize) {
        ProgressBar bar = new ProgressBar("Evaluating", dataset.size());
        bar.start(0);
        EvaluationReport report = Evaluator.evaluate(classifier, dataset, batchSize, done -> bar.update(done));
        bar.end();
        return report;
    }
}
