package io.cxr4j.examples.cli;

import io.cxr4j.core.image.ImageDecoder;
import io.cxr4j.core.data.SkippedImage;
import io.cxr4j.core.data.BatchPredictions;
import io.cxr4j.core.data.Prediction;
import io.cxr4j.core.inference.XrayClassifier;
import io.cxr4j.core.io.FileErrors;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code cxr4j predict}: one line per image with its label and every class probability. */
@Command(name = "predict", mixinStandardHelpOptions = true,
        exitCodeListHeading = ExitCodes.HEADING,
        exitCodeList = {ExitCodes.SUCCESS, ExitCodes.FAILED, ExitCodes.USAGE, ExitCodes.SKIPPED},
        description = {"Classifies images with a saved model. Prints one tab-separated line per image:"
                + " path, predicted label, then class=probability for every class (6 decimals).",
                "Unreadable images are reported on standard error and skipped; the exit code is then 3."})
final class PredictCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "DIR", description = "A model directory.")
    Path model;

    @Option(names = "--engine", description = "Engine to run the model with (pytorch, tensorflow). Default: the"
            + " engine that wrote it, recorded in its model.json. A model of another engine must first be"
            + " converted with 'cxr4j convert'.")
    String engine;

    @Option(names = "--batch-size", defaultValue = "16", description = "Default: ${DEFAULT-VALUE}.")
    int batchSize;

    @Parameters(arity = "1..*", paramLabel = "IMAGE", description = "Image files or folders of images.")
    List<Path> inputs;

    @Override
    public Integer call() throws Exception {
        if (batchSize < 1) {
            throw new IllegalArgumentException("--batch-size must be at least 1, was " + batchSize);
        }
        List<Path> images = expand(inputs);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try (XrayClassifier classifier = Models.load(model, engine)) {
            BatchPredictions result = classifier.predictAll(images, batchSize);
            for (Prediction p : result.predictions()) {
                StringBuilder line = new StringBuilder().append(p.image()).append('\t').append(p.label());
                for (int i = 0; i < p.classNames().size(); i++) {
                    line.append('\t').append(p.classNames().get(i)).append('=')
                            .append(String.format(Locale.ROOT, "%.6f", p.probabilities().get(i)));
                }
                out.println(line);
            }
            out.flush();
            for (SkippedImage s : result.skipped()) {
                err.println("skipped " + s.image() + ": " + s.reason());
            }
            err.flush();
            return ExitCodes.finished(result.skipped().size());
        }
    }

    static List<Path> expand(List<Path> inputs) throws IOException {
        List<Path> images = new ArrayList<>();
        for (Path input : inputs) {
            BasicFileAttributes attributes;
            try {
                attributes = Files.readAttributes(input, BasicFileAttributes.class);
            } catch (IOException e) {
                throw new IOException(input + " " + FileErrors.describe(input, e)
                        + ". Pass image files or folders of images.", e);
            }
            if (attributes.isDirectory()) {
                try (Stream<Path> walk = Files.walk(input)) {
                    walk.filter(Files::isRegularFile).filter(PredictCommand::looksLikeImage).sorted()
                            .forEach(images::add);
                }
            } else {
                images.add(input);
            }
        }
        if (images.isEmpty()) {
            throw new IllegalArgumentException("No " + String.join(", ", ImageDecoder.FILE_SUFFIXES)
                    + " images in " + inputs);
        }
        // A file named both directly and through its folder is predicted once.
        Set<Path> seen = new HashSet<>();
        return images.stream().filter(p -> seen.add(p.toAbsolutePath().normalize())).toList();
    }

    private static boolean looksLikeImage(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return ImageDecoder.FILE_SUFFIXES.stream().anyMatch(name::endsWith);
    }
}
