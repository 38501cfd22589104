package io.cxr4j.core.split;

import io.cxr4j.core.data.XrayDataset;

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

    /** @return the number of validation images, 0 without a validation part */
    public int validationSize() {
        return validation == null ? 0 : validation.size();
    }
}
