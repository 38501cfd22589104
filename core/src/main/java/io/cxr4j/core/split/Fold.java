package io.cxr4j.core.split;

import io.cxr4j.core.data.XrayDataset;

/**
 * One fold of a k-fold cross-validation: its test part and the rest as training part.
 *
 * @param index the fold number, from 0
 * @param train every sample not in this fold
 * @param test the samples of this fold
 */
public record Fold(int index, XrayDataset train, XrayDataset test) {}
