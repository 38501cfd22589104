package io.cxr4j.examples;

// snippet-imports:start
import io.cxr4j.core.config.TrainingConfig;
import io.cxr4j.core.data.Prediction;
import io.cxr4j.core.data.XrayDataset;
import io.cxr4j.core.engine.Engines;
import io.cxr4j.core.inference.XrayClassifier;
import io.cxr4j.core.metrics.ClassificationReport;
import io.cxr4j.core.metrics.EvaluationReport;
import io.cxr4j.core.metrics.Evaluator;
import io.cxr4j.core.split.SplitStrategy;
import io.cxr4j.core.split.Splits;
import io.cxr4j.core.split.TrainTestSplit;
import io.cxr4j.core.training.TrainingRequest;
import io.cxr4j.dataset.DatasetRegistry;
import io.cxr4j.dataset.LabelMap;
import java.io.IOException;
import java.nio.file.Path;
// snippet-imports:end

/**
 * The README's embedding example: train on the seed set, save, reload, predict and report. The
 * lines between the {@code snippet} markers are the README's code block, checked by a test.
 */
public final class QuickStart {

    private QuickStart() {}

    /**
     * Runs the example.
     *
     * @param args optional output folder (default {@code runs/quickstart}) and epochs (default 25)
     * @throws IOException when data or model cannot be read or written
     */
    public static void main(String[] args) throws IOException {
        System.setProperty("ai.djl.offline", "true");
        Path output = Path.of(args.length > 0 ? args[0] : "runs/quickstart");
        int epochs = args.length > 1 ? Integer.parseInt(args[1]) : 25;
        run(output, epochs);
    }

    /**
     * Trains, saves, reloads and evaluates.
     *
     * @param output where the model is written
     * @param epochs how long to train
     * @return the prediction for the first test image
     * @throws IOException when data or model cannot be read or written
     */
    // snippet:start
    public static Prediction run(Path output, int epochs) throws IOException {
        XrayDataset seed = DatasetRegistry.create().load("seed", LabelMap.binary()).dataset();
        TrainTestSplit split = Splits.trainTest(seed, 0.3, 42, SplitStrategy.PATIENT);
        TrainingConfig config = TrainingConfig.builder().optEpochs(epochs).build();
        Path modelDir = output.resolve("model");
        Engines.select().train(TrainingRequest.of(split.train(), split.test(), config, modelDir));

        try (XrayClassifier classifier = XrayClassifier.load(modelDir)) {
            Prediction prediction = classifier.predict(split.test().samples().get(0).image());
            System.out.println(prediction.label() + " p(covid)=" + prediction.probability("covid"));
            EvaluationReport report = Evaluator.evaluate(classifier, split.test());
            System.out.println(ClassificationReport.format(report.scores()));
            return prediction;
        }
    }
    // snippet:end
}
