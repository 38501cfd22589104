package io.cxr4j.examples;

// snippet-imports:start
import io.cxr4j.core.data.Sample;
import io.cxr4j.core.explain.Explanation;
import io.cxr4j.core.explain.HeatMapRenderer;
import io.cxr4j.core.image.ImageDecoder;
import io.cxr4j.core.inference.XrayClassifier;
import io.cxr4j.core.metrics.ClassificationReport;
import io.cxr4j.core.metrics.EvaluationReport;
import io.cxr4j.core.metrics.Evaluator;
import io.cxr4j.dataset.DatasetRegistry;
import io.cxr4j.dataset.FolderDataset;
import io.cxr4j.dataset.LabelMap;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
// snippet-imports:end

/**
 * The README's second embedding example: evaluate a trained model on your own labelled folder
 * (one subfolder per class), hear about every file that was left out, and draw the Grad-CAM overlay
 * of the first image that could be read.
 * The lines between the {@code snippet} markers are the README's code block, checked by a test.
 */
public final class OwnData {

    private OwnData() {}

    /**
     * Runs the example.
     *
     * @param args a model folder, a labelled folder with {@code covid/} and {@code normal/}
     *     subfolders, and an output folder for the overlay (default the working directory)
     * @throws IOException when data or model cannot be read or the overlay cannot be written
     */
    public static void main(String[] args) throws IOException {
        System.setProperty("ai.djl.offline", "true");
        if (args.length < 2) {
            System.err.println("usage: OwnData MODEL_DIR LABELLED_FOLDER [OUTPUT_DIR]");
            System.exit(2);
        }
        run(Path.of(args[0]), Path.of(args[1]), Path.of(args.length > 2 ? args[2] : "."));
    }

    /**
     * Evaluates a model on a labelled folder and writes the Grad-CAM overlay of its first readable image.
     *
     * @param model a model folder written by cxr4j
     * @param labelledFolder a folder with one subfolder of images per class
     * @param output where {@code gradcam.png} is written
     * @return the evaluation
     * @throws IOException when data or model cannot be read or the overlay cannot be written
     */
    // snippet:start
    public static EvaluationReport run(Path model, Path labelledFolder, Path output) throws IOException {
        FolderDataset folder = DatasetRegistry.create().load(labelledFolder, LabelMap.binary());
        folder.skipped().forEach(f -> System.out.println("not loaded: " + f.path() + ": " + f.reason()));
        folder.unknownFolders().forEach(f -> System.out.println("not a class folder: " + f));

        try (XrayClassifier classifier = XrayClassifier.load(model)) {
            EvaluationReport report = Evaluator.evaluate(classifier, folder.dataset());
            System.out.println(ClassificationReport.format(report.scores()));
            report.skipped().forEach(s -> System.out.println("skipped: " + s.image() + ": " + s.reason()));

            Path first = folder.dataset().samples().stream().map(Sample::image)
                    .filter(image -> report.skipped().stream().noneMatch(s -> s.image().equals(image)))
                    .findFirst().orElseThrow();
            Explanation explanation = classifier.explain(first);
            BufferedImage overlay = HeatMapRenderer.overlay(new ImageDecoder().decode(first),
                    explanation.heatMap(), "Grad-CAM of " + explanation.className());
            HeatMapRenderer.writePng(overlay, output.resolve("gradcam.png"));
            return report;
        }
    }
    // snippet:end
}
