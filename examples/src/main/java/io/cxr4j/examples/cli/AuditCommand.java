package io.cxr4j.examples.cli;

import io.cxr4j.experiment.ExperimentData;
import io.cxr4j.core.io.Json;
import io.cxr4j.core.split.SplitStrategy;
import io.cxr4j.core.split.Splits;
import io.cxr4j.dataset.audit.AuditReport;
import io.cxr4j.dataset.audit.ClassProfile;
import io.cxr4j.dataset.audit.ConfoundingCheck;
import io.cxr4j.dataset.audit.DatasetAudit;
import io.cxr4j.dataset.audit.Distribution;
import io.cxr4j.dataset.audit.DuplicatePair;
import io.cxr4j.dataset.audit.SplitCheck;
import io.cxr4j.dataset.audit.SuspiciousLabel;
import io.cxr4j.dataset.audit.UnreadableImage;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code cxr4j audit}: what is wrong with a data set before any model learns from it. */
@Command(name = "audit", mixinStandardHelpOptions = true,
        description = {"Audits a labelled data set: unreadable files, exact and near-duplicate images"
                + " (within and across classes and across a train/test split), names that contradict"
                + " their label, class balance, image size/bit depth/colour type per class, and whether"
                + " those file properties alone predict the class (source confounding), and whether coarse"
                + " image statistics (brightness of an 8 x 8 grid of cells, overall mean and spread) do"
                + " (appearance: exposure, markers or frames a source puts on its images).",
            "Exit code 0 whatever the findings (1 only when the folder cannot be read as a data set, such as"
                    + " a class folder without images); --json prints the full report as JSON."})
final class AuditCommand implements Callable<Integer> {

    /** Lists longer than this are cut in the text output; --json has them all. */
    private static final int SHOWN = 20;

    @Spec
    CommandSpec spec;

    @Mixin
    DataOptions data;

    @Option(names = "--json", description = "Print the report as JSON instead of text.")
    boolean json;

    @Option(names = "--split-by", description = "image or patient: the split audited for leaks."
            + " Default: patient when the data set records patient ids, else image.")
    SplitStrategy splitBy;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of the audited split and of the"
            + " confounding check's folds. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--test-fraction", defaultValue = "0.3", description = "Test share of the audited"
            + " split. Default: ${DEFAULT-VALUE}.")
    double testFraction;

    @Option(names = "--near-distance", defaultValue = "10", description = "Largest perceptual-hash"
            + " distance (of 256 bits) that counts as near-duplicate. Default: ${DEFAULT-VALUE}.")
    int nearDistance;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        ExperimentData loaded = data.load(null, data.union() ? "three-class" : "folders");
        SplitStrategy strategy = splitBy != null ? splitBy
                : SplitStrategy.defaultFor(loaded.dataset().hasPatientIds());
        DatasetAudit.Builder audit = DatasetAudit.builder().optSeed(seed).optNearDuplicateDistance(nearDistance);
        try {
            audit.optSplit(Splits.trainTest(loaded.dataset(), testFraction, seed, strategy));
        } catch (IllegalArgumentException e) {
            // A set too small to split is exactly what an audit should still describe.
            spec.commandLine().getErr().println("WARNING: no split check: " + e.getMessage());
            spec.commandLine().getErr().flush();
        }
        AuditReport report = inCommandLineTerms(audit.build().run(loaded.dataset(), loaded.folder(), loaded.skipped()));
        if (json) {
            out.println(Json.gson().toJson(report));
        } else {
            text(out, report);
        }
        out.flush();
        return 0;
    }

    /** The report with its warnings in the command line's words, for the text and the JSON alike. */
    private static AuditReport inCommandLineTerms(AuditReport r) {
        return new AuditReport(r.dataset(), r.folder(), r.images(), r.classCounts(), r.imbalanceRatio(),
                r.unreadable(), r.exactDuplicates(), r.nearDuplicates(), r.nearDuplicateDistance(), r.split(),
                r.suspiciousLabels(), r.patientsInSeveralClasses(), r.classes(), r.confounding(), r.appearance(),
                r.warnings().stream().map(CommandLineTerms::translate).toList(), r.seconds());
    }

    private static void text(PrintWriter out, AuditReport r) {
        String unusable = r.unreadable().isEmpty() ? "" : ", " + r.unreadable().size() + " of them unusable (below)";
        out.printf(Locale.ROOT, "Audit of data set '%s' (%s): %d image files%s, in %.1f s%n", r.dataset(),
                r.folder(), r.images(), unusable, r.seconds());
        out.printf(Locale.ROOT, "%nClass balance (image files%s): %s (largest/smallest %.2f)%n",
                r.unreadable().isEmpty() ? "" : ", unusable ones included", r.classCounts(), r.imbalanceRatio());

        out.printf("%nUnusable files: %d%n", r.unreadable().size());
        for (UnreadableImage u : cut(r.unreadable())) {
            out.printf("  %s: %s%n", u.path(), u.reason());
        }
        more(out, r.unreadable());

        out.printf("%nExact duplicates (same SHA-256): %d pair(s)%n", r.exactDuplicates().size());
        pairs(out, r.exactDuplicates());
        out.printf("Near duplicates (perceptual hash distance <= %d of 256): %d pair(s)%n",
                r.nearDuplicateDistance(), r.nearDuplicates().size());
        pairs(out, r.nearDuplicates());

        SplitCheck s = r.split();
        if (s != null) {
            out.printf("%nSplit by %s, seed %d (train %d, test %d): %d patient(s) on both sides,"
                    + " %d duplicate pair(s) across train/test%n", s.strategy().toLowerCase(Locale.ROOT),
                    s.seed(), s.trainImages(), s.testImages(), s.sharedPatients().size(),
                    s.duplicatesAcross().size());
            pairs(out, s.duplicatesAcross());
        }

        out.printf("%nSuspicious labels: %d%n", r.suspiciousLabels().size());
        for (SuspiciousLabel l : cut(r.suspiciousLabels())) {
            out.printf("  %s: %s%n", l.path(), l.evidence());
        }
        more(out, r.suspiciousLabels());
        if (!r.patientsInSeveralClasses().isEmpty()) {
            out.printf("Patients with images in several classes: %d, e.g. %s%n",
                    r.patientsInSeveralClasses().size(), cut(r.patientsInSeveralClasses()));
        }

        out.printf("%nFile properties per class (from image headers)%n");
        out.printf("%-14s %6s  %-22s %-22s %-22s %7s  %-16s %-20s %s%n", "class", "images",
                "width min/med/max", "height min/med/max", "aspect min/med/max", "square",
                "bit depth", "colour", "file type");
        for (ClassProfile c : r.classes()) {
            out.printf(Locale.ROOT, "%-14s %6d  %-22s %-22s %-22s %6.1f%%  %-16s %-20s %s%n", c.label(),
                    c.images(), range(c.width(), "%.0f"), range(c.height(), "%.0f"),
                    range(c.aspectRatio(), "%.2f"), 100 * c.squareShare(), c.bitDepths(),
                    c.colourTypes(), c.fileTypes());
        }
        if (r.classes().stream().anyMatch(c -> !c.manufacturers().isEmpty())) {
            out.printf("Equipment manufacturers per class (DICOM Manufacturer, images where known)%n");
            for (ClassProfile c : r.classes()) {
                out.printf("%-14s %s%n", c.label(), c.manufacturers());
            }
        }

        confounding(out, "Source confounding (file properties only: "
                + String.join(", ", r.confounding().features()) + ")", r.confounding());
        confounding(out, "Appearance (coarse image statistics only: brightness of an 8 x 8 grid of cells,"
                + " mean brightness, brightness spread)", r.appearance());

        out.println();
        if (r.warnings().isEmpty()) {
            out.println("No warnings.");
        }
        for (String warning : r.warnings()) {
            out.println("WARNING: " + warning);
        }
    }

    private static void confounding(PrintWriter out, String title, ConfoundingCheck k) {
        out.printf("%n%s%n", title);
        if (k.performed()) {
            out.printf(Locale.ROOT, "  %d-fold cross-validated depth-3 decision tree: accuracy %.1f%%,"
                    + " balanced accuracy %.1f%% (majority-class baseline %.1f%%, chance %.1f%%)%n",
                    k.folds(), 100 * k.accuracy(), 100 * k.balancedAccuracy(),
                    100 * k.majorityAccuracy(), 100 * k.chanceBalancedAccuracy());
            k.recallPerClass().forEach((label, recall) -> out.printf(Locale.ROOT,
                    "  %-14s recall %5.1f%%  precision %5.1f%%%n", label, 100 * recall,
                    100 * k.precisionPerClass().get(label)));
            out.printf("  first split of the tree: %s%n", k.rule());
        } else {
            out.printf("  not run: %s%n", k.note());
        }
    }

    private static void pairs(PrintWriter out, List<DuplicatePair> pairs) {
        for (DuplicatePair p : cut(pairs)) {
            out.printf("  %s (%s) ~ %s (%s)%s%n", p.first(), p.firstLabel(), p.second(), p.secondLabel(),
                    p.exact() ? "" : ", distance " + p.distance());
        }
        more(out, pairs);
    }

    private static <T> List<T> cut(List<T> list) {
        return list.subList(0, Math.min(SHOWN, list.size()));
    }

    private static void more(PrintWriter out, List<?> list) {
        if (list.size() > SHOWN) {
            out.printf("  ... and %d more (see --json)%n", list.size() - SHOWN);
        }
    }

    private static String range(Distribution d, String format) {
        return String.format(Locale.ROOT, format + " / " + format + " / " + format, d.min(), d.median(), d.max());
    }
}
