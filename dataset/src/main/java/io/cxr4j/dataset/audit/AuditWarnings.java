package io.cxr4j.dataset.audit;

import io.cxr4j.core.data.SourceConfounding;
import io.cxr4j.core.split.SplitStrategy;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The audit's findings that call for action, in sentences that say what is wrong and what to do.
 * They speak in API terms (types, methods); a command line that prints them names its options
 * instead.
 */
final class AuditWarnings {

    /** From this ratio of the largest to the smallest class on, accuracy alone misleads. */
    private static final double IMBALANCED = 3;

    private AuditWarnings() {}

    /**
     * The warnings, in a fixed order: unusable files, duplicates, split leaks, labels, patients
     * in several classes, imbalance, source confounding, appearance.
     *
     * @return the warnings; empty when nothing calls for action
     */
    static List<String> of(List<UnreadableImage> unreadable, List<DuplicatePair> exact, List<DuplicatePair> near,
            SplitCheck split, List<SuspiciousLabel> suspicious, List<String> mixedPatients,
            ConfoundingCheck confounding, ConfoundingCheck appearance, double imbalance, Map<String, Integer> counts) {
        List<String> warnings = new ArrayList<>();
        if (!unreadable.isEmpty()) {
            warnings.add(unreadable.size() + " file(s) cannot be used as images; fix or remove them.");
        }
        long exactAcross = exact.stream().filter(DuplicatePair::acrossClasses).count();
        if (!exact.isEmpty()) {
            warnings.add(exact.size() + " pair(s) of byte-identical images (" + exactAcross
                    + " across classes); keep one copy of each.");
        }
        long nearAcross = near.stream().filter(DuplicatePair::acrossClasses).count();
        if (!near.isEmpty()) {
            warnings.add(near.size() + " pair(s) of near-duplicate images (" + nearAcross
                    + " across classes); check them and keep one of each, or keep each pair on one side of every split.");
        }
        if (split != null && (!split.duplicatesAcross().isEmpty() || !split.sharedPatients().isEmpty())) {
            warnings.add("The " + split.strategy().toLowerCase(Locale.ROOT) + " split (seed " + split.seed()
                    + ") has " + split.duplicatesAcross().size() + " duplicate pair(s) and "
                    + split.sharedPatients().size() + " patient(s) on both sides; its test score is"
                    + " inflated. " + splitAdvice(split));
        }
        if (!suspicious.isEmpty()) {
            warnings.add(suspicious.size() + " image(s) have names or metadata that contradict their"
                    + " class; check their labels.");
        }
        if (!mixedPatients.isEmpty()) {
            warnings.add(mixedPatients.size() + " patient(s) have images in more than one class;"
                    + " a patient-grouped split keeps each of them on one side, filed under one class.");
        }
        List<String> empty = counts.entrySet().stream().filter(e -> e.getValue() == 0).map(Map.Entry::getKey).toList();
        if (!empty.isEmpty()) {
            warnings.add("Class(es) " + empty + " have no images " + counts + ": the data can measure how often"
                    + " the other classes are recognised (sensitivity), not how often the model is right on "
                    + empty + "; pair it with images of those classes from another source to measure specificity.");
        } else if (imbalance >= IMBALANCED) {
            warnings.add(String.format(Locale.ROOT, "The classes are imbalanced %.1f:1 %s; report"
                    + " balanced accuracy or per-class sensitivity, not accuracy alone.", imbalance, counts));
        }
        if (confounding.warning()) {
            warnings.add("Source confounding: " + confounding.note() + " The classes differ in how"
                    + " their images were made or stored, a shortcut a network can learn instead of"
                    + " the disease. Keep " + SourceConfounding.KEEP_CENTER_CROP
                    + " and judge models on external data.");
        }
        if (appearance.warning()) {
            warnings.add("Appearance: " + appearance.note() + " The classes differ in overall brightness or in"
                    + " what lies at fixed places of the image (markers, labels, frames, exposure). Unless the"
                    + " disease itself explains it, a network can learn it instead of the disease; look at the"
                    + " images for such marks and judge models on external data.");
        }
        return warnings;
    }

    /** What would remove the leaks a split check found, given how the split was already drawn. */
    private static String splitAdvice(SplitCheck split) {
        if (!SplitStrategy.PATIENT.name().equals(split.strategy())) {
            return "Split by patient and remove duplicates.";
        }
        // A patient split can only leak a patient through images without an id.
        return split.sharedPatients().isEmpty()
                ? "Remove the duplicates, or keep each pair on one side of the split."
                : "Give every image of those patients its patient id, and remove duplicates.";
    }
}
