package io.cxr4j.experiment;

import io.cxr4j.core.data.Sample;
import io.cxr4j.core.data.XrayDataset;
import io.cxr4j.core.split.SplitStrategy;
import io.cxr4j.core.split.TrainTestSplit;
import io.cxr4j.dataset.audit.AuditReport;
import io.cxr4j.dataset.audit.DatasetAudit;
import io.cxr4j.dataset.audit.DuplicatePair;
import io.cxr4j.dataset.audit.SplitCheck;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Validation images given apart from the training data ({@link TrainTestExperiment.Builder#optValidationData}),
 * checked before any training: they must use the training data's classes, share no image (same
 * file, byte-identical or near-identical content) and no patient with the training data or its test
 * part, and hold the class a target sensitivity is chosen for. Images of another source make the
 * threshold and the learning curves independent of the training sources; that source is then a
 * development source, whose figures are no external test.
 */
final class SeparateValidation {

    private SeparateValidation() {}

    /**
     * Checks the validation data against the experiment's data and labels it with the training
     * classes.
     *
     * @param data the experiment's data (training and test part)
     * @param validation the separate validation images
     * @param targetSensitivity the sensitivity the threshold is chosen for, or null
     * @param warnings where a validation source shared with the training data, or a missing class, is reported
     * @return the validation images as a data set with the training data's classes
     * @throws IllegalArgumentException when a check fails; the message says what to change
     * @throws IOException when the images cannot be compared
     */
    static XrayDataset check(ExperimentData data, ExperimentData validation, Double targetSensitivity,
            Warnings warnings) throws IOException {
        XrayDataset training = data.dataset();
        XrayDataset given = validation.dataset();
        List<String> classes = training.classNames();
        Set<String> unknown = given.samples().stream().map(Sample::label).filter(l -> !classes.contains(l))
                .collect(Collectors.toCollection(TreeSet::new));
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("Validation data '" + given.name() + "' has images of class(es) "
                    + unknown + " that the training data '" + training.name() + "' does not have (" + classes
                    + "): load it with the training data's label map.");
        }
        if (given.samples().isEmpty()) {
            throw new IllegalArgumentException("Validation data '" + given.name() + "' holds no images of the"
                    + " training classes " + classes + ".");
        }
        XrayDataset relabelled = new XrayDataset(given.name(), classes, given.samples());
        String positive = Protocol.positiveClass(classes);
        Set<String> present = relabelled.countsPerClass().entrySet().stream().filter(e -> e.getValue() > 0)
                .map(e -> e.getKey()).collect(Collectors.toSet());
        if (targetSensitivity != null && !present.contains(positive)) {
            throw new IllegalArgumentException("Validation data '" + given.name() + "' has no " + positive
                    + " images, so no threshold can be chosen on it for a target sensitivity, which counts the "
                    + positive + " images found. Give validation data with " + positive + " images (a source of "
                    + classes.stream().filter(c -> !c.equals(positive)).toList() + " images alone could set a"
                    + " specificity target only, which is not offered), or carve validation data from the"
                    + " training data instead.");
        }
        List<String> missing = classes.stream().filter(c -> !present.contains(c)).toList();
        if (!missing.isEmpty()) {
            warnings.add(ExperimentWarning.Kind.VALIDATION_DATA, "Validation data '" + given.name() + "' has no "
                    + missing + " images: its per-epoch accuracy counts " + present + " images alone"
                    + (targetSensitivity != null ? ", and the threshold's specificity is unknown until tested"
                            : "") + ".");
        }
        sameFiles(training, relabelled);
        leaks(data, relabelled, validation.folder());
        List<String> sharedSources = ModelRun.sharedSources(training, relabelled);
        if (!sharedSources.isEmpty()) {
            warnings.add(ExperimentWarning.Kind.VALIDATION_DATA, "Validation data '" + given.name() + "' shares the"
                    + " source(s) " + sharedSources + " with the training data: a threshold or learning curve"
                    + " from it is not from a source the model never saw.");
        }
        return relabelled;
    }

    /** Refuses validation images that are files of the training data (symbolic links resolved). */
    private static void sameFiles(XrayDataset training, XrayDataset validation) {
        Set<Path> trained = new HashSet<>();
        training.samples().forEach(s -> trained.add(real(s.image())));
        List<Path> both = validation.samples().stream().map(Sample::image).filter(p -> trained.contains(real(p)))
                .toList();
        if (!both.isEmpty()) {
            throw new IllegalArgumentException(both.size() + " of the " + validation.size() + " validation images of '"
                    + validation.name() + "' are files of the training data '" + training.name() + "' (the first: "
                    + both.get(0) + "). Validation data must be images the model neither trains nor is tested on:"
                    + " leave its source out of the training data, or give other validation data.");
        }
    }

    private static Path real(Path image) {
        try {
            return image.toRealPath();
        } catch (IOException e) {
            // A missing file is reported when it is read; compare what is left.
            return image.toAbsolutePath().normalize();
        }
    }

    /**
     * Refuses validation images that repeat training or test images (byte-identical or near-identical
     * content, found by the data-set audit's duplicate finder) or whose patients have images there.
     */
    private static void leaks(ExperimentData data, XrayDataset validation, Path validationFolder) throws IOException {
        XrayDataset training = data.dataset();
        List<Sample> all = new ArrayList<>(training.samples());
        all.addAll(validation.samples());
        XrayDataset both = new XrayDataset(training.name() + "+" + validation.name(), training.classNames(), all);
        TrainTestSplit sides = new TrainTestSplit(training, validation, SplitStrategy.PATIENT, 0);
        AuditReport audit = DatasetAudit.builder().optSplit(sides).build().run(both,
                common(data.folder(), validationFolder), List.of());
        SplitCheck leaks = audit.split();
        if (!leaks.sharedPatients().isEmpty()) {
            throw new IllegalArgumentException(leaks.sharedPatients().size() + " patient(s) have images both in the"
                    + " validation data '" + validation.name() + "' and in '" + training.name() + "' (such as "
                    + leaks.sharedPatients().get(0) + "). Validation data must come from other patients: leave"
                    + " them out of one side.");
        }
        if (!leaks.duplicatesAcross().isEmpty()) {
            DuplicatePair first = leaks.duplicatesAcross().get(0);
            throw new IllegalArgumentException(leaks.duplicatesAcross().size() + " validation image(s) of '"
                    + validation.name() + "' repeat images of '" + training.name() + "' (" + (first.exact()
                            ? "byte-identical" : "near-identical") + ", such as " + first.second() + " and "
                    + first.first() + "). Validation data must be images the model neither trains nor is tested"
                    + " on: remove the copies from one side.");
        }
    }

    /** The deepest folder holding both, so that the audit names every image by a relative path. */
    private static Path common(Path a, Path b) {
        Path common = a.toAbsolutePath().normalize();
        Path other = b.toAbsolutePath().normalize();
        while (common != null && !other.startsWith(common)) {
            common = common.getParent();
        }
        return common != null && Files.isDirectory(common) ? common : a;
    }
}
