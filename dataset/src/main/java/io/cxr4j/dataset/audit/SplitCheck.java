package io.cxr4j.dataset.audit;

import java.util.List;

/**
 * What leaks between the training and test side of a split: patients and duplicate images.
 *
 * @param strategy what the split kept together ({@code IMAGE} or {@code PATIENT})
 * @param seed the split's seed
 * @param trainImages the number of training images
 * @param testImages the number of test images
 * @param sharedPatients patients with images on both sides
 * @param duplicatesAcross exact and near duplicates with one image in training ({@code first}) and
 *     one in test ({@code second})
 */
public record SplitCheck(String strategy, long seed, int trainImages, int testImages,
        List<String> sharedPatients, List<DuplicatePair> duplicatesAcross) {}
