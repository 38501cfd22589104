package io.cxr4j.core.testing;

/**
 * The seed project's loss computed as Keras 2 computes it, independently of any engine: {@code
 * loss="binary_crossentropy"} on a softmax output, i.e. for each image the mean over the outputs
 * of {@code -[y log p + (1 - y) log(1 - p)]} with {@code p} clipped to {@code [1e-7, 1 - 1e-7]}
 * (Keras's epsilon), then the mean over the batch. The engines' tests compare their unweighted
 * softmax cross-entropy with it.
 */
public final class KerasBinaryCrossEntropy {

    private static final double EPSILON = 1e-7;

    private KerasBinaryCrossEntropy() {}

    /**
     * @param logits one row of logits per image
     * @param labels each image's class, one-hot as Keras's {@code to_categorical} makes it
     * @return the batch's loss
     */
    public static double of(float[][] logits, int[] labels) {
        double total = 0;
        for (int i = 0; i < logits.length; i++) {
            double[] p = softmax(logits[i]);
            double image = 0;
            for (int c = 0; c < p.length; c++) {
                double y = c == labels[i] ? 1 : 0;
                double clipped = Math.min(1 - EPSILON, Math.max(EPSILON, p[c]));
                image += -(y * Math.log(clipped) + (1 - y) * Math.log(1 - clipped));
            }
            total += image / p.length;
        }
        return total / logits.length;
    }

    private static double[] softmax(float[] logits) {
        double max = Double.NEGATIVE_INFINITY;
        for (float l : logits) {
            max = Math.max(max, l);
        }
        double sum = 0;
        double[] e = new double[logits.length];
        for (int c = 0; c < logits.length; c++) {
            e[c] = Math.exp(logits[c] - max);
            sum += e[c];
        }
        for (int c = 0; c < e.length; c++) {
            e[c] /= sum;
        }
        return e;
    }
}
