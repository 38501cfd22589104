package io.cxr4j.core.data;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * An immutable, ordered list of labelled samples together with the class names they use.
 *
 * <p>The order of {@link #classNames()} defines the class index used by models and metrics. It
 * is part of a trained model, so a data set evaluated against a model must use the same names.
 *
 * @param name a short name for reports, such as {@code seed} or a folder name
 * @param classNames the class names in index order, without duplicates
 * @param samples the samples; every label is one of {@code classNames}
 */
public record XrayDataset(String name, List<String> classNames, List<Sample> samples) {

    /**
     * Validates that every label is a declared class and freezes the lists.
     *
     * @param name a short name for reports; not null
     * @param classNames the class names in index order: at least one, without duplicates; copied
     * @param samples the samples, each labelled with one of {@code classNames}; copied
     * @throws IllegalArgumentException when there are no classes, a class name repeats or a sample's label
     *     is not a declared class
     */
    public XrayDataset {
        Objects.requireNonNull(name, "name");
        classNames = List.copyOf(classNames);
        samples = List.copyOf(samples);
        if (classNames.isEmpty()) {
            throw new IllegalArgumentException("Data set '" + name + "' declares no classes");
        }
        if (classNames.stream().distinct().count() != classNames.size()) {
            throw new IllegalArgumentException(
                    "Data set '" + name + "' has duplicate class names: " + classNames);
        }
        for (Sample sample : samples) {
            if (!classNames.contains(sample.label())) {
                throw new IllegalArgumentException(
                        "Sample " + sample.image() + " of data set '" + name + "' has label '"
                                + sample.label() + "', which is not one of " + classNames);
            }
        }
    }

    /** @return the number of samples */
    public int size() {
        return samples.size();
    }

    /**
     * The class index of a sample.
     *
     * @param sample a sample of this data set
     * @return its label's index in {@link #classNames()}
     */
    public int classIndex(Sample sample) {
        return classNames.indexOf(sample.label());
    }

    /** @return sample count per class, in class order (classes without samples count 0) */
    public Map<String, Integer> countsPerClass() {
        Map<String, Integer> counts = new LinkedHashMap<>();
        classNames.forEach(c -> counts.put(c, 0));
        samples.forEach(s -> counts.merge(s.label(), 1, Integer::sum));
        return Collections.unmodifiableMap(counts);
    }

    /**
     * A data set with the same name and classes holding only the given samples.
     *
     * @param subsetName the new name, for reports
     * @param subset samples of this data set
     * @return the subset
     */
    public XrayDataset withSamples(String subsetName, List<Sample> subset) {
        return new XrayDataset(subsetName, classNames, subset);
    }

    /**
     * The image files of this data set that a run could use: every sample's file but those it
     * skipped, without reading any file.
     *
     * @param skipped images a run left out
     * @return the other images' files, in data-set order
     */
    public List<Path> imagesExcept(Collection<SkippedImage> skipped) {
        Set<Path> left = skipped.stream().map(SkippedImage::image).collect(Collectors.toSet());
        return samples.stream().map(Sample::image).filter(image -> !left.contains(image)).toList();
    }

    /**
     * The samples that satisfy a condition.
     *
     * @param condition which samples to keep
     * @return a data set with the same classes
     */
    public XrayDataset filter(Predicate<Sample> condition) {
        List<Sample> kept = new ArrayList<>();
        for (Sample s : samples) {
            if (condition.test(s)) {
                kept.add(s);
            }
        }
        return withSamples(name, kept);
    }

    /** @return whether at least one sample records its patient */
    public boolean hasPatientIds() {
        return samples.stream().anyMatch(s -> s.patientId() != null);
    }
}
