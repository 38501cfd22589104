package io.cxr4j.examples.cli;

import ai.djl.training.util.ProgressBar;
import io.cxr4j.core.data.XrayDataset;
import io.cxr4j.core.metrics.EvaluationReport;
import io.cxr4j.core.metrics.Evaluator;
import io.cxr4j.core.inference.XrayClassifier;

/** Runs an evaluation with a progress bar on the console. */
final class Evaluations {

    private Evaluations() {}

    static EvaluationReport run(XrayClassifier classifier, XrayDataset dataset, int batchSize) {
        ProgressBar bar = new ProgressBar("Evaluating", dataset.size());
        // Drawn from the first finished batch on, so that an error the evaluator raises before
        // predicting (labels the model does not know) is not printed on the bar's line.
        boolean[] started = {false};
        EvaluationReport report = Evaluator.evaluate(classifier, dataset, batchSize, done -> {
            if (!started[0]) {
                bar.start(0);
                started[0] = true;
            }
            bar.update(done);
        });
        if (started[0]) {
            bar.end();
        }
        return report;
    }
}
