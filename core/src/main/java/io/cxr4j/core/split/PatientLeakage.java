package io.cxr4j.core.split;

import io.cxr4j.core.data.Sample;
import io.cxr4j.core.data.XrayDataset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Detects patients whose images appear on both sides of a split, and images a patient-level split
 * cannot keep with their patient's other images.
 */
public final class PatientLeakage {

    private PatientLeakage() {}

    /**
     * The patient ids that occur in both data sets.
     *
     * @param train one side of a split
     * @param test the other side
     * @return the shared patient ids, sorted
     */
    public static Set<String> sharedPatients(XrayDataset train, XrayDataset test) {
        Set<String> trainPatients = train.samples().stream()
                .map(Sample::patientId)
                .filter(id -> id != null)
                .collect(Collectors.toSet());
        Set<String> shared = new TreeSet<>();
        for (Sample s : test.samples()) {
            if (s.patientId() != null && trainPatients.contains(s.patientId())) {
                shared.add(s.patientId());
            }
        }
        return shared;
    }

    /**
     * Warns that a patient-level split of this data set is partly image-level: images without a
     * patient id each form their own group, so several images of one unrecorded patient can land
     * on both sides.
     *
     * @param dataset the data set about to be split by patient
     * @return a warning with the count per class of images without a patient id; empty when every
     *     image has one
     */
    public static Optional<String> ungroupedImages(XrayDataset dataset) {
        Map<String, long[]> byClass = new LinkedHashMap<>();
        for (Sample s : dataset.samples()) {
            long[] counts = byClass.computeIfAbsent(s.label(), c -> new long[2]);
            counts[1]++;
            if (s.patientId() == null) {
                counts[0]++;
            }
        }
        String missing = byClass.entrySet().stream().filter(e -> e.getValue()[0] > 0)
                .map(e -> e.getValue()[0] + " of " + e.getValue()[1] + " '" + e.getKey() + "'")
                .collect(Collectors.joining(", "));
        if (missing.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of("Patient-level split, but " + missing + " images of data set '" + dataset.name()
                + "' carry no patient id: each of them is placed on its own, so images of one patient among them"
                + " can fall on both sides and flatter the test score. Record their patient ids in a metadata.csv"
                + " (path,label,patient_id,view,source,note) in the data-set folder to keep them together.");
    }

    /**
     * Warns that an image-level split of this data set cannot be checked for patient leakage: no
     * image carries a patient id, so nothing tells whether one patient's images sit on both sides.
     *
     * @param dataset the data set about to be split by image
     * @return the warning when no image has a patient id; empty when some have one (then leaked
     *     patients are counted and named after the split)
     */
    public static Optional<String> unknownPatients(XrayDataset dataset) {
        if (dataset.hasPatientIds()) {
            return Optional.empty();
        }
        return Optional.of("No image of data set '" + dataset.name() + "' carries a patient id, so it is split"
                + " by image: several images of one patient can fall on both sides, and the test score then"
                + " measures recognising the patient, not the disease. Record patient ids in a metadata.csv"
                + " (path,label,patient_id,view,source,note) in the data-set folder; the data audit looks for"
                + " near-duplicate images, which it finds only when they differ little.");
    }

    /**
     * Warns that test images cluster by patient: Wilson and DeLong intervals count images as
     * independent, which several images of one patient are not.
     *
     * @param test the images a result is computed on
     * @return the warning with the counts when some patient has more than one of them; empty when
     *     no image has a patient id or every patient has one image
     */
    public static Optional<String> clusteredByPatient(XrayDataset test) {
        Set<String> patients = new TreeSet<>();
        long withId = 0;
        for (Sample s : test.samples()) {
            if (s.patientId() != null) {
                patients.add(s.patientId());
                withId++;
            }
        }
        if (withId == patients.size()) {
            return Optional.empty();
        }
        long withoutId = test.size() - withId;
        return Optional.of("The " + test.size() + " test images come from " + patients.size() + " patients"
                + (withoutId > 0 ? " (and " + withoutId + " images without a patient id)" : "")
                + ": images of one patient are alike, and the intervals count images as independent, so they"
                + " are too narrow; read them as if there were fewer test images, nearer the number of patients.");
    }
}
