package io.cxr4j.dataset.audit;

import java.util.Arrays;
import java.util.Locale;

/**
 * A small CART classification tree (Gini impurity, binary splits at midpoints between distinct
 * feature values), enough to tell whether a handful of file properties predict a class. Ties are
 * broken by feature order and then by threshold, so training is deterministic.
 */
final class DecisionTree {

    private final Node root;

    private DecisionTree(Node root) {
        this.root = root;
    }

    /** A leaf ({@code feature < 0}) or a split {@code x[feature] <= threshold ? left : right}. */
    private record Node(int feature, double threshold, Node left, Node right, int prediction) {}

    /**
     * Trains a tree.
     *
     * @param x the feature rows
     * @param y the class of each row, from 0
     * @param classes the number of classes
     * @param maxDepth the largest number of splits from root to leaf
     * @param minLeaf the fewest rows a leaf may hold
     * @return the tree
     */
    static DecisionTree fit(double[][] x, int[] y, int classes, int maxDepth, int minLeaf) {
        int[] rows = new int[y.length];
        Arrays.setAll(rows, i -> i);
        return new DecisionTree(grow(x, y, classes, rows, maxDepth, minLeaf));
    }

    /**
     * Predicts the class of a row.
     *
     * @param row the features
     * @return the class, from 0
     */
    int predict(double[] row) {
        Node node = root;
        while (node.feature >= 0) {
            node = row[node.feature] <= node.threshold ? node.left : node.right;
        }
        return node.prediction;
    }

    /**
     * The first split, in words.
     *
     * @param featureNames the features' names
     * @return such as {@code aspect ratio <= 1.005}, or {@code none} for a single leaf
     */
    String rootRule(java.util.List<String> featureNames) {
        return root.feature < 0 ? "none"
                : String.format(Locale.ROOT, "%s <= %.4g", featureNames.get(root.feature), root.threshold);
    }

    private static Node grow(double[][] x, int[] y, int classes, int[] rows, int depth, int minLeaf) {
        int[] counts = counts(y, classes, rows);
        int majority = argMax(counts);
        if (depth == 0 || counts[majority] == rows.length || rows.length < 2 * minLeaf) {
            return new Node(-1, 0, null, null, majority);
        }
        double parentImpurity = gini(counts, rows.length);
        int bestFeature = -1;
        double bestThreshold = 0;
        double bestImpurity = parentImpurity - 1e-12;
        int features = x[rows[0]].length;
        for (int f = 0; f < features; f++) {
            final int feature = f;
            Integer[] order = Arrays.stream(rows).boxed().toArray(Integer[]::new);
            Arrays.sort(order, (a, b) -> Double.compare(x[a][feature], x[b][feature]));
            int[] left = new int[classes];
            int[] right = counts.clone();
            for (int i = 0; i < order.length - 1; i++) {
                int row = order[i];
                left[y[row]]++;
                right[y[row]]--;
                double here = x[row][feature];
                double next = x[order[i + 1]][feature];
                int nLeft = i + 1;
                int nRight = order.length - nLeft;
                if (here == next || nLeft < minLeaf || nRight < minLeaf) {
                    continue;
                }
                double impurity = (nLeft * gini(left, nLeft) + nRight * gini(right, nRight)) / order.length;
                if (impurity < bestImpurity) {
                    bestImpurity = impurity;
                    bestFeature = feature;
                    bestThreshold = (here + next) / 2;
                }
            }
        }
        if (bestFeature < 0) {
            return new Node(-1, 0, null, null, majority);
        }
        final int split = bestFeature;
        final double threshold = bestThreshold;
        int[] leftRows = Arrays.stream(rows).filter(r -> x[r][split] <= threshold).toArray();
        int[] rightRows = Arrays.stream(rows).filter(r -> x[r][split] > threshold).toArray();
        return new Node(split, threshold, grow(x, y, classes, leftRows, depth - 1, minLeaf),
                grow(x, y, classes, rightRows, depth - 1, minLeaf), majority);
    }

    private static int[] counts(int[] y, int classes, int[] rows) {
        int[] counts = new int[classes];
        for (int row : rows) {
            counts[y[row]]++;
        }
        return counts;
    }

    private static int argMax(int[] counts) {
        int best = 0;
        for (int i = 1; i < counts.length; i++) {
            if (counts[i] > counts[best]) {
                best = i;
            }
        }
        return best;
    }

    private static double gini(int[] counts, int n) {
        if (n == 0) {
            return 0;
        }
        double sum = 0;
        for (int c : counts) {
            double p = (double) c / n;
            sum += p * p;
        }
        return 1 - sum;
    }
}
