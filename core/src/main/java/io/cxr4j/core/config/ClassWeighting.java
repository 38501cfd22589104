package io.cxr4j.core.config;

/** How the loss weighs the classes. */
public enum ClassWeighting {
    /** Every image counts the same. */
    NONE,
    /**
     * Each class's images weigh {@code n / (classes * n_class)}, so a rare class (such as the 124
     * COVID-19 images among 1,124 DarkCovidNet images) counts as much as a common one.
     */
    BALANCED;

    /**
     * The weight of each class for given class counts.
     *
     * @param classCounts images per class in the training data
     * @return one weight per class
     */
    public float[] weights(int[] classCounts) {
        float[] weights = new float[classCounts.length];
        int total = 0;
        for (int c : classCounts) {
            total += c;
        }
        for (int i = 0; i < weights.length; i++) {
            weights[i] = this == NONE || classCounts[i] == 0
                    ? 1f
                    : (float) total / (classCounts.length * (float) classCounts[i]);
        }
        return weights;
    }
}
