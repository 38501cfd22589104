package io.cxr4j.core.data;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Detects classes drawn from disjoint sources. When every COVID-19 image comes from one archive
 * and every normal image from another, a network can score well by recognising the archive
 * (devices, borders, text, image size) instead of the disease, and the score says nothing about
 * images from elsewhere.
 */
public final class SourceConfounding {

    /**
     * The advice that ends this check's warning and the data-set audit's, in API terms: keep the
     * default resize mode, which crops where the others keep a source's image shape visible. The
     * command line names its option instead.
     */
    public static final String KEEP_CENTER_CROP = "the default ResizeMode.CENTER_CROP"
            + " (ResizeMode.STRETCH and ResizeMode.PAD leave the aspect ratio visible)";

    private SourceConfounding() {}

    /**
     * Checks whether the classes' recorded sources overlap.
     *
     * @param dataset a data set whose samples may record their source
     * @return a warning naming each class's sources when no source contributes to two classes;
     *     empty when sources overlap or are not recorded for every class
     */
    public static Optional<String> check(XrayDataset dataset) {
        Map<String, Set<String>> sourcesByClass = new LinkedHashMap<>();
        for (Sample s : dataset.samples()) {
            if (s.source() != null) {
                sourcesByClass.computeIfAbsent(s.label(), c -> new TreeSet<>()).add(s.source());
            }
        }
        long classesPresent = dataset.countsPerClass().values().stream().filter(n -> n > 0).count();
        if (sourcesByClass.size() < 2 || sourcesByClass.size() < classesPresent) {
            return Optional.empty();
        }
        Set<String> seen = new TreeSet<>();
        for (Set<String> sources : sourcesByClass.values()) {
            for (String source : sources) {
                if (!seen.add(source)) {
                    return Optional.empty();
                }
            }
        }
        return Optional.of("Each class of data set '" + dataset.name() + "' comes from its own source "
                + sourcesByClass + ". A model can learn to tell the sources apart instead of the disease;"
                + " its score here does not carry over to images from other hospitals. Judge it on"
                + " external data, and keep " + KEEP_CENTER_CROP + ".");
    }
}
