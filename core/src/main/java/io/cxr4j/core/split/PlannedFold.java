package io.cxr4j.core.split;

import io.cxr4j.core.data.Sample;
import io.cxr4j.core.data.XrayDataset;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One fold of one repeat of a cross-validation, ready to train and test: its test part, the
 * validation part carved from the rest, and what remains for training.
 *
 * @param repeat the repeat, from 1
 * @param fold the fold, from 1
 * @param train the training images: every image neither tested nor used for validation in this fold
 * @param validation the validation images, carved from the training part, or null when there is none
 * @param test the test images
 */
public record PlannedFold(int repeat, int fold, XrayDataset train, XrayDataset validation, XrayDataset test) {

    /**
     * The fold's name, also the name of its output folder.
     *
     * @param repeats how many repeats the plan has
     * @return {@code fold-F} for a single repeat, else {@code repeat-R-fold-F}
     */
    public String name(int repeats) {
        return repeats == 1 ? "fold-" + fold : "repeat-" + repeat + "-fold-" + fold;
    }

    /**
     * A fold of a data set, however its held-out images were chosen: drawn now or read from a
     * folds file, the same images give the same parts, in the same order and with the same names,
     * so a rerun or a resumed run trains exactly as the first run did.
     *
     * @param data the whole data set
     * @param test the test images, in their order
     * @param validation the validation images, in their order; empty for none
     * @return the fold, training on the data set's other images in the data set's order
     */
    static PlannedFold of(XrayDataset data, int repeat, int fold, List<Sample> test, List<Sample> validation) {
        Set<Sample> heldOut = new HashSet<>(test);
        heldOut.addAll(validation);
        List<Sample> train = data.samples().stream().filter(s -> !heldOut.contains(s)).toList();
        String prefix = data.name() + "-r" + repeat + "f" + fold;
        return new PlannedFold(repeat, fold, data.withSamples(prefix + "-train", train),
                validation.isEmpty() ? null : data.withSamples(prefix + "-validation", validation),
                data.withSamples(prefix + "-test", test));
    }

    /** @return the number of validation images, 0 without a validation part */
    public int validationSize() {
        return validation == null ? 0 : validation.size();
    }
}
