package io.cxr4j.examples.cli;

import io.cxr4j.core.engine.ModelConverter;
import io.cxr4j.core.model.ModelManifest;
import io.cxr4j.core.model.OutputLock;
import io.cxr4j.core.model.Provenance;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code cxr4j convert}: rewrites a model's weights for the other engine. */
@Command(name = "convert", mixinStandardHelpOptions = true,
        description = {"Converts a saved model to another engine: the same network, classes and preprocessing,"
                + " with the weights rewritten in the target engine's format (DJL .params for pytorch, a SavedModel"
                + " for tensorflow). The converted model gives the same class probabilities up to float rounding;"
                + " its model.json records the conversion.",
                "Both engines must be on the classpath, as they are in cxr4j.jar."})
final class ConvertCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "DIR", description = "The model directory to convert.")
    Path model;

    @Option(names = "--to", required = true, paramLabel = "ENGINE", description = "The engine to convert to:"
            + " pytorch or tensorflow.")
    String to;

    @Option(names = "--output", required = true, paramLabel = "DIR", description = "Where to write the converted"
            + " model: a new or empty folder, or a model, which is replaced only once the new one is complete.")
    Path output;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        ModelManifest converted;
        try (OutputLock lock = OutputFolder.lockModel("--output", output)) {
            OutputFolder.checkModelTarget("--output", output);
            converted = ModelConverter.convert(model, to, output);
        }
        List<Provenance.Conversion> conversions = converted.provenance().conversions();
        out.printf("Converted model '%s' (classes %s, input %dx%dx%d) from %s to %s.%nModel: %s%n",
                converted.architecture(), converted.classNames(), converted.preprocessing().channels(),
                converted.preprocessing().imageSize(), converted.preprocessing().imageSize(),
                conversions.get(conversions.size() - 1).fromEngine(), converted.engine(), output.toAbsolutePath());
        return 0;
    }
}
