package io.cxr4j.core.split;

import io.cxr4j.core.data.Sample;
import io.cxr4j.core.data.XrayDataset;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** Detects patients whose images appear on both sides of a split. */
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
}
