package io.cxr4j.core.split;

import io.cxr4j.core.data.DatasetChecksum;
import io.cxr4j.core.data.Sample;
import io.cxr4j.core.data.XrayDataset;
import java.util.ArrayList;
import java.util.List;

/**
 * The folds of a (repeated) cross-validation: for every repeat a stratified k-fold partition, each
 * fold's validation part carved from its training part. {@link SplitFile#writeFoldPlan} saves it
 * and {@link SplitFile#readFoldPlan} applies it again, so that the same folds can be rerun on
 * another engine or machine, or an interrupted run resumed.
 *
 * @param dataset the data set's name
 * @param classNames the label set's classes
 * @param strategy image- or patient-level folds
 * @param seed the seed of the first repeat (repeat r, from 1, uses seed + r - 1)
 * @param folds folds per repeat
 * @param repeats how many times the k-fold partition was drawn
 * @param validationFraction share of each fold's training part held out as validation
 * @param datasetChecksum the data set's fingerprint when the folds were drawn
 * @param planned one entry per fold and repeat, repeat by repeat
 */
public record FoldPlan(String dataset, List<String> classNames, SplitStrategy strategy, long seed, int folds,
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
        return new FoldPlan(dataset.name(), dataset.classNames(), strategy, seed, k, repeats, validationFraction,
                checksum, planned);
    }

    /** @return whether the plan lists fewer folds than folds x repeats */
    public boolean partial() {
        return planned.size() < folds * repeats;
    }
}
