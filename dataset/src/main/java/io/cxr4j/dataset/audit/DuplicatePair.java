package io.cxr4j.dataset.audit;

/**
 * Two images that are the same file content or look the same.
 *
 * @param first one image, relative to the data set folder (the training one for a split)
 * @param firstLabel its class
 * @param second the other image (the test one for a split)
 * @param secondLabel its class
 * @param exact whether the files are byte for byte equal (same SHA-256)
 * @param distance the Hamming distance of their perceptual hashes, out of {@link
 *     PerceptualHash#BITS}
 */
public record DuplicatePair(String first, String firstLabel, String second, String secondLabel,
        boolean exact, int distance) {

    /** @return whether the two images are filed under different classes */
    public boolean acrossClasses() {
        return !firstLabel.equals(secondLabel);
    }
}
