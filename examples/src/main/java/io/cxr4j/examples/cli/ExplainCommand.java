package io.cxr4j.examples.cli;

import io.cxr4j.experiment.ExperimentData;
import io.cxr4j.core.data.Sample;
import io.cxr4j.core.shortcut.ClassShortcut;
import io.cxr4j.core.explain.Explanation;
import io.cxr4j.core.explain.ExplanationUnsupportedException;
import io.cxr4j.core.explain.HeatMapGrid;
import io.cxr4j.core.explain.HeatMapRenderer;
import io.cxr4j.core.explain.NpyFiles;
import io.cxr4j.core.shortcut.RegionShares;
import io.cxr4j.core.shortcut.ShortcutCheck;
import io.cxr4j.core.shortcut.ShortcutReport;
import io.cxr4j.core.image.ImageDecoder;
import io.cxr4j.core.data.Prediction;
import io.cxr4j.core.inference.XrayClassifier;
import io.cxr4j.core.io.Json;
import io.cxr4j.core.model.ModelManifest;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code cxr4j explain}: Grad-CAM heat maps per image, and the shortcut check over a data set. */
@Command(name = "explain", mixinStandardHelpOptions = true,
        exitCodeListHeading = ExitCodes.HEADING,
        exitCodeList = {ExitCodes.SUCCESS, ExitCodes.FAILED, ExitCodes.USAGE, ExitCodes.SKIPPED},
        description = {"Shows where the network looked, with Grad-CAM computed by the model's own engine.",
                "  cxr4j explain --model DIR --output DIR [--class NAME] IMAGE...",
                "prints each image's predicted class and probabilities and writes <stem>.gradcam.png (the heat"
                        + " map over the X-ray at its original resolution, with a colour bar) and <stem>.gradcam.npy"
                        + " (the raw heat map over the model's square input, an image-size x image-size float32 NumPy"
                        + " array: the resolution the network saw, so it stays small however large the image is;"
                        + " the model's resize mode, in its model.json, maps it back onto the image) into the output"
                        + " folder.",
                "  cxr4j explain --model DIR --dataset NAME|--data PATH --summary [--output DIR]",
                "runs the shortcut check: per true class, the share of heat-map mass outside the central lung"
                        + " field (the centred box of 70%% of the width by 80%% of the height) and in the border"
                        + " bands (the outer 10%% of each side, 36%% of the image, where text labels and markers sit),"
                        + " and warns for every class whose mean border share exceeds the bands' 36%% of the area, or"
                        + " whose maps peak in the bands clearly more often than chance for maps of their resolution"
                        + " (75%% for 4 x 4 cells). Regions are measured over the model's input."
                        + " With --output it also writes each image's overlay and heat map into <output>/<class>/"
                        + " and the report as shortcut-check.json.",
                "Images are never written anywhere but the output folder."})
final class ExplainCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "DIR", description = "A model directory.")
    Path model;

    @Option(names = "--output", paramLabel = "DIR",
            description = "Folder for the overlays and heat maps. Required unless --summary.")
    Path output;

    @Option(names = "--class", paramLabel = "NAME",
            description = "The class to explain. Default: each image's predicted class.")
    String className;

    @Option(names = "--summary", description = "Run the shortcut check over a data set (--dataset or --data).")
    boolean summary;

    @Mixin
    DataOptions data;

    @Parameters(arity = "0..*", paramLabel = "IMAGE", description = "Image files or folders of images.")
    List<Path> inputs;

    private final Set<Path> written = new HashSet<>();

    @Override
    public Integer call() throws Exception {
        boolean hasData = data.given();
        boolean hasImages = inputs != null && !inputs.isEmpty();
        if (summary && hasImages) {
            throw new IllegalArgumentException("--summary checks a data set: pass --dataset NAME or --data PATH,"
                    + " not image files.");
        }
        if (summary && !hasData) {
            throw new IllegalArgumentException("--summary needs a data set: pass --dataset NAME or --data PATH.");
        }
        if (!summary && (hasData || !hasImages)) {
            throw new IllegalArgumentException(hasData
                    ? "--dataset and --data are for the shortcut check: add --summary, or pass image files instead."
                    : "Pass the images to explain, or --summary with --dataset NAME or --data PATH.");
        }
        if (!summary && output == null) {
            throw new IllegalArgumentException("Say where the overlays and heat maps go: --output DIR.");
        }
        OutputFolder.check("--output", output);
        try (XrayClassifier classifier = XrayClassifier.load(model)) {
            if (!classifier.canExplain()) {
                throw new ExplanationUnsupportedException(classifier.manifest().engine(),
                        classifier.manifest().architecture());
            }
            if (className != null && !classifier.classNames().contains(className)) {
                throw new IllegalArgumentException("Unknown class '" + className + "'; the model's classes are "
                        + classifier.classNames());
            }
            return summary ? summarise(classifier) : explainImages(classifier);
        }
    }

    private int explainImages(XrayClassifier classifier) throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ShortcutCheck check = ShortcutCheck.defaults();
        int skipped = 0;
        for (Path image : PredictCommand.expand(inputs)) {
            Explanation e;
            try {
                e = classifier.explain(image, className);
            } catch (IOException ex) {
                err.println("skipped " + image + ": " + ex.getMessage());
                skipped++;
                continue;
            }
            Path[] files = write(e, output);
            RegionShares shares = check.measure(e.inputHeatMap());
            out.println(predictionLine(e.prediction()));
            out.printf(Locale.ROOT, "  Grad-CAM of '%s' (%s, %s, %dx%d map): max %.4g; %s; border bands %s,"
                            + " outside the central lung field %s%n    overlay %s%n    heat map %s (%dx%d float32 over"
                            + " the model's square input)%n",
                    e.className(), e.metadata().engine(), e.metadata().targetLayer(), e.metadata().featureMapWidth(),
                    e.metadata().featureMapHeight(), e.max(), e.explainsPrediction() ? "the predicted class"
                            : "not the predicted class", percent(shares.border()), percent(shares.outsideCentral()),
                    files[0], files[1], e.inputHeatMap().height(), e.inputHeatMap().width());
            out.flush();
        }
        err.flush();
        return ExitCodes.finished(skipped);
    }

    /** Says what the absence of warnings means: a clean result, no data to judge, or a blind check. */
    private static void verdict(PrintWriter out, ShortcutReport report, HeatMapGrid grid) {
        if (grid != null && !report.canFlag()) {
            out.printf(Locale.ROOT, "No verdict: maps of %d x %d cells are too coarse for this check; even a map hot"
                    + " in a corner cell neither puts more than %.1f%% of its mass in the border bands nor peaks"
                    + " there. Explain a model trained on larger images (DarkCovidNet at 128 px gives 4 x 4 cells).%n",
                    grid.cellsWide(), grid.cellsHigh(), 100 * report.warningThreshold());
            return;
        }
        List<String> unmeasured = report.unmeasured();
        if (!unmeasured.isEmpty()) {
            out.printf("No verdict for %s: every heat map of %s was empty (the model found no evidence for the"
                    + " explained class there).%n", unmeasured, unmeasured.size() == 1 ? "that class" : "those classes");
        }
        boolean othersMeasured = report.classes().stream()
                .anyMatch(c -> !unmeasured.contains(c.className()) && c.images() > 0);
        if (!report.reliesOnBorder() && othersMeasured) {
            out.printf(Locale.ROOT, "No %sclass puts more than %.1f%% of its heat-map mass in the border bands, nor"
                    + " peaks there clearly more often than chance: no sign that the network relies on the image"
                    + " border.%n", unmeasured.isEmpty() ? "" : "other ", 100 * report.warningThreshold());
        }
    }

    private int summarise(XrayClassifier classifier) throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        ModelManifest manifest = classifier.manifest();
        ExperimentData loaded = data.load(null, DataOptions.labelSetFor(classifier.classNames()));
        Console console = new Console(out);
        console.dataset(loaded);
        ShortcutCheck check = ShortcutCheck.defaults();
        Map<String, List<RegionShares>> shares = new LinkedHashMap<>();
        Map<String, int[]> correct = new LinkedHashMap<>();
        for (String label : loaded.dataset().classNames()) {
            shares.put(label, new ArrayList<>());
            correct.put(label, new int[1]);
        }
        List<String> skipped = new ArrayList<>();
        HeatMapGrid grid = null;
        for (Sample sample : loaded.dataset().samples()) {
            Explanation e;
            try {
                e = classifier.explain(sample.image(), className);
            } catch (IOException ex) {
                skipped.add(sample.image() + ": " + ex.getMessage());
                continue;
            }
            if (grid == null) {
                grid = HeatMapGrid.of(e);
            }
            shares.get(sample.label()).add(check.measure(e.inputHeatMap()));
            if (e.prediction().label().equals(sample.label())) {
                correct.get(sample.label())[0]++;
            }
            if (output != null) {
                write(e, output.resolve(sample.label()));
            }
        }
        ShortcutReport report = check.summarise(shares, grid);
        out.printf(Locale.ROOT, "%nShortcut check: Grad-CAM (%s engine) of model '%s' for %s, on %d images of '%s'%n",
                manifest.engine(), manifest.architecture(), className == null ? "the predicted class"
                        : "class '" + className + "'", loaded.dataset().size() - skipped.size(),
                loaded.dataset().name());
        out.printf(Locale.ROOT, "Regions: central lung field = centred box %.0f%% x %.0f%% of the model's"
                        + " input (outside it: %.1f%% of the area); border bands = outer %.0f%% of each side (%.1f%% of"
                        + " the area)%s%n%n",
                100 * report.centralWidth(), 100 * report.centralHeight(), 100 * report.outsideCentralArea(),
                100 * report.borderBand(), 100 * report.borderArea(), grid == null ? ""
                        : String.format(Locale.ROOT, ";%n  the maps have %d x %d cells, so one peaking in a random cell"
                                + " peaks in the border bands %.1f%% of the time", grid.cellsWide(), grid.cellsHigh(),
                                100 * report.peakChance()));
        out.printf("%-14s %6s  %-9s %16s %16s %15s %11s%n", "class", "images", "accuracy", "outside central",
                "in border bands", "peak in border", "empty maps");
        for (ClassShortcut c : report.classes()) {
            int images = c.images();
            out.printf(Locale.ROOT, "%-14s %6d  %-9s %16s %16s %15s %11d%n", c.className(), images,
                    images == 0 ? "n/a" : percent((double) correct.get(c.className())[0] / images),
                    percent(c.meanOutsideCentral()), percent(c.meanBorder()), percent(c.peakInBorder()),
                    c.emptyMaps());
        }
        out.println("(shares of heat-map mass, averaged over the images of each true class; accuracy = share of"
                + " the class predicted correctly here, on images that may include the model's training images)");
        report.warnings().forEach(console::warning);
        verdict(out, report, grid);
        for (String s : skipped) {
            out.println("  skipped " + s);
        }
        if (output != null) {
            Files.createDirectories(output);
            Path json = output.resolve("shortcut-check.json");
            Files.writeString(json, Json.gson().toJson(report));
            out.printf("%nOverlays and heat maps: %s/<class>/; report: %s%n", output.toAbsolutePath(),
                    json.toAbsolutePath());
        }
        out.flush();
        return ExitCodes.finished(skipped.size());
    }

    private static String predictionLine(Prediction p) {
        StringBuilder line = new StringBuilder().append(p.image()).append('\t').append(p.label());
        for (int i = 0; i < p.classNames().size(); i++) {
            line.append('\t').append(p.classNames().get(i)).append('=')
                    .append(String.format(Locale.ROOT, "%.6f", p.probabilities().get(i)));
        }
        return line.toString();
    }

    /** Writes the overlay PNG and the raw heat map; returns their paths. */
    private Path[] write(Explanation e, Path folder) throws IOException {
        String stem = e.image().getFileName().toString().replaceFirst("\\.[^.]+$", "");
        Path png = folder.resolve(stem + ".gradcam.png");
        // Two inputs with the same file name in different folders must not overwrite each other.
        for (int n = 2; !written.add(png.toAbsolutePath().normalize()); n++) {
            png = folder.resolve(stem + "-" + n + ".gradcam.png");
        }
        Path npy = png.resolveSibling(png.getFileName().toString().replaceFirst("\\.png$", ".npy"));
        HeatMapRenderer.writePng(HeatMapRenderer.overlay(new ImageDecoder().decode(e.image()), e.heatMap(),
                e.className()), png);
        // The network's own resolution: mapped back onto a 10,000 x 10,000 image it would take 400 MB,
        // all of it interpolated from a few feature-map cells.
        NpyFiles.write(e.inputHeatMap(), npy);
        return new Path[] {png, npy};
    }

    private static String percent(double share) {
        return Double.isNaN(share) ? "n/a" : String.format(Locale.ROOT, "%.1f%%", 100 * share);
    }
}
