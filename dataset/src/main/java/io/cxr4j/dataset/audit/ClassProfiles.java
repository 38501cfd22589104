package io.cxr4j.dataset.audit;

import io.cxr4j.core.data.Sample;
import io.cxr4j.core.data.XrayDataset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Summarizes the file properties of each class's images into {@link ClassProfile}s. */
final class ClassProfiles {

    /** Sides that differ by at most this share count as square. */
    private static final double SQUARE_TOLERANCE = 0.01;

    private ClassProfiles() {}

    /**
     * @param dataset the data set
     * @param facts what was read from its images
     * @return one profile per class, in the data set's class order
     */
    static List<ClassProfile> of(XrayDataset dataset, List<ImageFacts> facts) {
        List<ClassProfile> profiles = new ArrayList<>();
        for (String label : dataset.classNames()) {
            List<ImageHeader> headers = facts.stream()
                    .filter(f -> f.sample().label().equals(label) && f.header() != null)
                    .map(ImageFacts::header).toList();
            Map<Integer, Integer> bitDepths = new TreeMap<>();
            Map<String, Integer> colourTypes = new TreeMap<>();
            Map<String, Integer> fileTypes = new TreeMap<>();
            int square = 0;
            for (ImageHeader h : headers) {
                bitDepths.merge(h.bitDepth(), 1, Integer::sum);
                colourTypes.merge(h.colourType(), 1, Integer::sum);
                fileTypes.merge(h.fileType(), 1, Integer::sum);
                if (Math.abs(h.aspectRatio() - 1) <= SQUARE_TOLERANCE) {
                    square++;
                }
            }
            profiles.add(new ClassProfile(label, headers.size(),
                    dataset.size() == 0 ? 0 : (double) dataset.countsPerClass().get(label) / dataset.size(),
                    Distribution.of(headers.stream().mapToDouble(ImageHeader::width).toArray()),
                    Distribution.of(headers.stream().mapToDouble(ImageHeader::height).toArray()),
                    Distribution.of(headers.stream().mapToDouble(ImageHeader::aspectRatio).toArray()),
                    headers.isEmpty() ? 0 : (double) square / headers.size(), bitDepths, colourTypes,
                    fileTypes, manufacturers(dataset, label)));
        }
        return profiles;
    }

    private static Map<String, Integer> manufacturers(XrayDataset dataset, String label) {
        Map<String, Integer> manufacturers = new TreeMap<>();
        for (Sample s : dataset.samples()) {
            if (s.label().equals(label) && s.manufacturer() != null) {
                manufacturers.merge(s.manufacturer(), 1, Integer::sum);
            }
        }
        return manufacturers;
    }
}
