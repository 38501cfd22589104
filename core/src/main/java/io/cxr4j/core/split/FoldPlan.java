package io.cxr4j.core.split;

import io.cxr4j.core.data.DatasetChecksum;
import io.cxr4j.core.data.Sample;
import io.cxr4j.core.data.XrayDataset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The folds of a cross-validation: for every repeat a stratified k-fold partition ({@link
 * FoldGrouping#STRATIFIED}), or one fold per source ({@link FoldGrouping#SOURCE}), each fold's
 * validation part carved from its training part. {@link SplitFile#writeFoldPlan} saves it
 * and {@link SplitFile#readFoldPlan} applies it again, so that the same folds can be rerun on
 * another engine or machine, or an interrupted run resumed.
 *
 * @param dataset the data set's name
 * @param classNames the label set's classes
 * @param strategy image- or patient-level folds (with {@link FoldGrouping#SOURCE}: validation parts)
 * @param grouping stratified folds, or one per source
 * @param seed the seed of the first repeat (repeat r, from 1, uses seed + r - 1)
 * @param folds folds per repeat (with {@link FoldGrouping#SOURCE}: the number of sources held out)
 * @param repeats how many times the k-fold partition was drawn
 * @param validationFraction share of each fold's training part held out as validation
 * @param datasetChecksum the data set's fingerprint when the folds were drawn
 * @param planned one entry per fold and repeat, repeat by repeat
 */
public record FoldPlan(String dataset, List<String> classNames, SplitStrategy strategy, FoldGrouping grouping,
        long seed, int folds,
        int repeats, double validationFraction, DatasetChecksum datasetChecksum, List<PlannedFold> planned) {

    public FoldPlan {
        classNames = List.copyOf(classNames);
        planned = List.copyOf(planned);
    }

    /**
     * Draws stratified folds (patient-grouped with {@link SplitStrategy#PATIENT}) and carves each
     * fold's validation part from its training part only, so that the test fold is never looked at
     * before testing.
     *
     * @param dataset the images
     * @param checksum the data set's fingerprint, recorded with the folds
     * @param k folds per repeat, at least 2
     * @param repeats repeats, at least 1
     * @param seed the seed of the first repeat
     * @param strategy image- or patient-level folds
     * @param validationFraction share of each training part held out as validation, in [0, 1)
     * @return the plan
     * @throws IllegalArgumentException if {@code k}, {@code repeats} or {@code validationFraction}
     *     is out of range
     */
    public static FoldPlan draw(XrayDataset dataset, DatasetChecksum checksum, int k, int repeats, long seed,
            SplitStrategy strategy, double validationFraction) {
        if (k < 2) {
            throw new IllegalArgumentException("A cross-validation needs at least 2 folds (5 is usual), was " + k);
        }
        if (repeats < 1) {
            throw new IllegalArgumentException("A cross-validation needs at least 1 repeat, was " + repeats);
        }
        if (!(validationFraction >= 0 && validationFraction < 1)) {
            throw new IllegalArgumentException("The validation fraction must be in [0, 1), was " + validationFraction);
        }
        List<PlannedFold> planned = new ArrayList<>();
        for (int r = 0; r < repeats; r++) {
            for (Fold fold : Splits.kFold(dataset, k, seed + r, strategy)) {
                List<Sample> validation = validationFraction > 0
                        ? Splits.trainTest(fold.train(), validationFraction, seed + r, strategy).test().samples()
                        : List.of();
                planned.add(PlannedFold.of(dataset, r + 1, fold.index() + 1, fold.test().samples(), validation));
            }
        }
        return new FoldPlan(dataset.name(), dataset.classNames(), strategy, FoldGrouping.STRATIFIED, seed, k, repeats,
                validationFraction, checksum, planned);
    }

    /**
     * Leave-one-source-out: one fold per source that can be held out ({@link
     * #holdableSources}), in alphabetical order, each testing on every image of its source and
     * training on the others, minus a validation part carved from them (stratified,
     * patient-grouped with {@link SplitStrategy#PATIENT}). A held-out source may lack classes; the
     * fold then measures what its images allow. A source that holds every image of a class is not
     * held out, since no model could learn the class without it: its images train every fold.
     *
     * @param dataset the images, each with its {@link Sample#source()}
     * @param checksum the data set's fingerprint, recorded with the folds
     * @param seed the seed of the validation parts
     * @param strategy image- or patient-level validation parts
     * @param validationFraction share of each training part held out as validation, in [0, 1)
     * @return the plan: one repeat, a fold per source that can be held out
     * @throws IllegalArgumentException if an image has no source, the images come from fewer than
     *     two sources, no source can be held out, or {@code validationFraction} is out of range
     */
    public static FoldPlan bySource(XrayDataset dataset, DatasetChecksum checksum, long seed, SplitStrategy strategy,
            double validationFraction) {
        if (!(validationFraction >= 0 && validationFraction < 1)) {
            throw new IllegalArgumentException("The validation fraction must be in [0, 1), was " + validationFraction);
        }
        List<Sample> unknown = dataset.samples().stream().filter(s -> s.source() == null).toList();
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("Leave-one-source-out (" + FoldGrouping.SOURCE_CALL + ") needs every"
                    + " image's source, but " + unknown.size() + " image(s) of data set '" + dataset.name()
                    + "' have none, such as " + unknown.get(0).image() + ". Give them a source (a metadata.csv"
                    + " source column), or join their folder with other sets, which makes a folder's name its"
                    + " images' source.");
        }
        List<String> sources = sources(dataset);
        if (sources.size() < 2) {
            throw new IllegalArgumentException("Leave-one-source-out (" + FoldGrouping.SOURCE_CALL + ") holds out one"
                    + " source per fold and trains on the others, but every image of data set '" + dataset.name()
                    + "' comes from " + (sources.isEmpty() ? "no source" : "one source, '" + sources.get(0) + "'")
                    + ". Join data sets or folders of other sources to it, or draw stratified folds.");
        }
        List<String> holdable = holdableSources(dataset);
        if (holdable.isEmpty()) {
            throw new IllegalArgumentException("Leave-one-source-out (" + FoldGrouping.SOURCE_CALL + ") cannot hold out"
                    + " any of the sources " + sources + " of data set '" + dataset.name() + "': each holds every"
                    + " image of some class, so a model trained on the others could never learn that class. Join"
                    + " data sets or folders of other sources with images of those classes.");
        }
        List<PlannedFold> planned = new ArrayList<>();
        for (int f = 0; f < holdable.size(); f++) {
            String source = holdable.get(f);
            List<Sample> test = dataset.samples().stream().filter(s -> s.source().equals(source)).toList();
            XrayDataset rest = dataset.withSamples(dataset.name() + "-without-" + (f + 1),
                    dataset.samples().stream().filter(s -> !s.source().equals(source)).toList());
            List<Sample> validation = validationFraction > 0
                    ? Splits.trainTest(rest, validationFraction, seed, strategy).test().samples()
                    : List.of();
            planned.add(PlannedFold.of(dataset, 1, f + 1, test, validation));
        }
        return new FoldPlan(dataset.name(), dataset.classNames(), strategy, FoldGrouping.SOURCE, seed, holdable.size(),
                1, validationFraction, checksum, planned);
    }

    /**
     * The source a fold holds out.
     *
     * @param fold a fold of this plan
     * @return the source of its test images with {@link FoldGrouping#SOURCE}, else null
     */
    public String heldOutSource(PlannedFold fold) {
        return grouping == FoldGrouping.SOURCE ? fold.test().samples().get(0).source() : null;
    }

    /** @return the distinct sources of a data set's images, sorted; images without a source are not counted */
    public static List<String> sources(XrayDataset dataset) {
        return dataset.samples().stream().map(Sample::source).filter(Objects::nonNull).distinct().sorted().toList();
    }

    /**
     * The sources leave-one-source-out holds out: those without which every class that has images
     * still has some to train on.
     *
     * @param dataset the images
     * @return the sources, sorted
     */
    public static List<String> holdableSources(XrayDataset dataset) {
        Map<String, Set<String>> sourcesOfClass = new HashMap<>();
        for (Sample s : dataset.samples()) {
            sourcesOfClass.computeIfAbsent(s.label(), c -> new HashSet<>()).add(s.source());
        }
        return sources(dataset).stream()
                .filter(source -> sourcesOfClass.values().stream().noneMatch(Set.of(source)::equals))
                .toList();
    }

    /** @return whether the plan lists fewer folds than folds x repeats */
    public boolean partial() {
        return planned.size() < folds * repeats;
    }
}
