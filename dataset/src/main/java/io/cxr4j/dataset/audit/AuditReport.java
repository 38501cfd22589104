package io.cxr4j.dataset.audit;

import java.util.List;
import java.util.Map;

/**
 * Everything the audit found in one data set. Paths are relative to the data set folder.
 *
 * @param dataset the data set's name
 * @param folder the data set folder
 * @param images the number of images the loader found
 * @param classCounts images per class
 * @param imbalanceRatio the largest class's size divided by the smallest's (infinite when a class
 *     is empty)
 * @param unreadable files that are not usable images
 * @param exactDuplicates pairs of byte-identical images
 * @param nearDuplicates pairs of images whose perceptual hashes are close, not byte-identical
 * @param nearDuplicateDistance the largest hash distance counted as near-duplicate
 * @param split leaks across a split, or {@code null} when no split was audited
 * @param suspiciousLabels images whose names or metadata contradict their class
 * @param patientsInSeveralClasses patients with images filed under more than one class
 * @param classes per class, the file properties
 * @param confounding whether file properties alone predict the class
 * @param appearance whether coarse image statistics (8 x 8 cell brightness, overall mean and
 *     spread) alone predict the class
 * @param warnings the findings that call for action, in sentences
 * @param seconds how long the audit took
 */
public record AuditReport(String dataset, String folder, int images, Map<String, Integer> classCounts,
        double imbalanceRatio, List<UnreadableImage> unreadable, List<DuplicatePair> exactDuplicates,
        List<DuplicatePair> nearDuplicates, int nearDuplicateDistance, SplitCheck split,
        List<SuspiciousLabel> suspiciousLabels, List<String> patientsInSeveralClasses,
        List<ClassProfile> classes, ConfoundingCheck confounding, ConfoundingCheck appearance,
        List<String> warnings,
        double seconds) {}
