package io.cxr4j.core.model;

import io.cxr4j.core.data.Sample;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The images of one source among a set of images, counted per class: what a model trained or was
 * tested on, source by source.
 *
 * @param source the source's name ({@link Sample#source()}), or null for the images whose source
 *     the data set does not record
 * @param images how many images come from it
 * @param classCounts its images per class
 */
public record SourceImages(String source, int images, Map<String, Integer> classCounts) {

    /**
     * Freezes the counts.
     *
     * @param source the source's name, or null when unknown
     * @param images how many images come from it
     * @param classCounts its images per class; copied
     */
    public SourceImages {
        classCounts = Map.copyOf(classCounts);
    }

    /**
     * Counts images by source and class.
     *
     * @param samples the images
     * @return one entry per source in name order, the images of unknown source last
     */
    public static List<SourceImages> of(Collection<Sample> samples) {
        Map<String, Map<String, Integer>> bySource = new TreeMap<>(Comparator.nullsLast(Comparator.naturalOrder()));
        for (Sample sample : samples) {
            bySource.computeIfAbsent(sample.source(), s -> new LinkedHashMap<>()).merge(sample.label(), 1, Integer::sum);
        }
        List<SourceImages> counted = new ArrayList<>(bySource.size());
        for (Map.Entry<String, Map<String, Integer>> e : bySource.entrySet()) {
            int images = e.getValue().values().stream().mapToInt(Integer::intValue).sum();
            counted.add(new SourceImages(e.getKey(), images, e.getValue()));
        }
        return counted;
    }

    /**
     * Whether every image comes from one of the given sources: false when any image's source is
     * unknown, since an unknown source may be one never seen.
     *
     * @param imageSources each image's source ({@link Sample#source()}, null when unknown), such as
     *     of a test set
     * @param sources the sources counted, such as a model's training sources
     * @return whether there are images and all of them come from the sources' known names
     */
    public static boolean allAmong(Collection<String> imageSources, Collection<SourceImages> sources) {
        List<String> known = sources.stream().map(SourceImages::source).filter(Objects::nonNull).toList();
        return !imageSources.isEmpty() && imageSources.stream().allMatch(s -> s != null && known.contains(s));
    }
}
