package io.cxr4j.dataset.audit;

import io.cxr4j.core.data.Sample;
import io.cxr4j.core.data.XrayDataset;
import io.cxr4j.core.split.Fold;
import io.cxr4j.core.split.SplitStrategy;
import io.cxr4j.core.split.Splits;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether a trivial classifier tells the classes apart from features that are not the disease: a
 * depth-3 {@link DecisionTree}, scored by k-fold cross-validation (grouped by patient when patient
 * ids are known), so that every image is predicted by a tree that never saw it. It warns when the
 * balanced accuracy is at least halfway from chance to perfect (0.75 for two classes, 0.67 for
 * three), or when one class is recognised with recall and precision of at least 0.8 each.
 */
final class ConfoundingTree {

    private static final Logger logger = LoggerFactory.getLogger(ConfoundingTree.class);

    private static final int TREE_DEPTH = 3;
    private static final int MIN_LEAF = 2;
    private static final double IDENTIFIABLE = 0.8;

    private final int folds;
    private final long seed;

    /**
     * @param folds the folds of the cross-validation, fewer when a class is smaller
     * @param seed the seed of the folds
     */
    ConfoundingTree(int folds, long seed) {
        this.folds = folds;
        this.seed = seed;
    }

    /** Checks the {@link FileProperties} of the images whose header could be read. */
    ConfoundingCheck fileProperties(XrayDataset dataset, List<ImageFacts> facts) {
        return check(dataset, facts, f -> f.header() == null ? null : FileProperties.of(f.header()),
                FileProperties.FEATURES, "file properties");
    }

    /** Checks the {@link Appearance} of the images that could be decoded. */
    ConfoundingCheck appearance(XrayDataset dataset, List<ImageFacts> facts) {
        return check(dataset, facts, ImageFacts::appearance, Appearance.FEATURES, "coarse image statistics");
    }

    private ConfoundingCheck check(XrayDataset dataset, List<ImageFacts> facts,
            Function<ImageFacts, double[]> featuresOf, List<String> featureNames, String featureKind) {
        Map<Path, double[]> featuresByImage = new HashMap<>();
        for (ImageFacts f : facts) {
            double[] features = featuresOf.apply(f);
            if (features != null) {
                featuresByImage.put(f.sample().image(), features);
            }
        }
        XrayDataset usable = dataset.filter(s -> featuresByImage.containsKey(s.image()));
        List<String> present = new ArrayList<>();
        usable.countsPerClass().forEach((label, n) -> {
            if (n > 0) {
                present.add(label);
            }
        });
        if (present.size() < 2) {
            return ConfoundingCheck.skipped("Fewer than two classes have readable images.", featureNames);
        }
        usable = new XrayDataset(usable.name(), present, usable.samples());
        int smallest = usable.countsPerClass().values().stream().min(Integer::compare).orElse(0);
        int k = Math.min(folds, smallest);
        if (k < 2) {
            return ConfoundingCheck.skipped("A class has fewer than 2 readable images; cross-validation"
                    + " needs at least 2 per class.", featureNames);
        }
        int classes = present.size();
        int[] correctPerClass = new int[classes];
        int[] totalPerClass = new int[classes];
        int[] predictedPerClass = new int[classes];
        int correct = 0;
        for (Fold fold : partition(usable, k)) {
            List<Sample> train = fold.train().samples();
            double[][] x = new double[train.size()][];
            int[] y = new int[train.size()];
            for (int i = 0; i < train.size(); i++) {
                x[i] = featuresByImage.get(train.get(i).image());
                y[i] = present.indexOf(train.get(i).label());
            }
            DecisionTree tree = DecisionTree.fit(x, y, classes, TREE_DEPTH, MIN_LEAF);
            for (Sample s : fold.test().samples()) {
                int truth = present.indexOf(s.label());
                int predicted = tree.predict(featuresByImage.get(s.image()));
                totalPerClass[truth]++;
                predictedPerClass[predicted]++;
                if (predicted == truth) {
                    correct++;
                    correctPerClass[truth]++;
                }
            }
        }
        int n = usable.size();
        // The share of the largest class: predicting the training folds' majority instead would
        // score below it on balanced classes, since each test fold then lacks the majority's images.
        double majority = usable.countsPerClass().values().stream().mapToInt(Integer::intValue).max().orElse(0)
                / (double) n;
        Map<String, Double> recall = new LinkedHashMap<>();
        Map<String, Double> precision = new LinkedHashMap<>();
        List<String> identifiable = new ArrayList<>();
        double balanced = 0;
        for (int c = 0; c < classes; c++) {
            double r = totalPerClass[c] == 0 ? 0 : (double) correctPerClass[c] / totalPerClass[c];
            double p = predictedPerClass[c] == 0 ? 0 : (double) correctPerClass[c] / predictedPerClass[c];
            recall.put(present.get(c), r);
            precision.put(present.get(c), p);
            balanced += r / classes;
            if (r >= IDENTIFIABLE && p >= IDENTIFIABLE) {
                identifiable.add(present.get(c));
            }
        }
        double chance = 1.0 / classes;
        boolean warning = balanced >= chance + (1 - chance) / 2 || !identifiable.isEmpty();
        double[][] allX = usable.samples().stream().map(s -> featuresByImage.get(s.image())).toArray(double[][]::new);
        int[] allY = usable.samples().stream().mapToInt(s -> present.indexOf(s.label())).toArray();
        String rule = DecisionTree.fit(allX, allY, classes, TREE_DEPTH, MIN_LEAF).rootRule(featureNames);
        String note = String.format(Locale.ROOT, "A depth-%d decision tree on " + featureKind + " alone"
                + " predicts the class with %.1f%% balanced accuracy (%.1f%% accuracy; chance %.1f%%,"
                + " majority class %.1f%%), %d-fold cross-validated; first split: %s.%s", TREE_DEPTH,
                100 * balanced, 100.0 * correct / n, 100 * chance, 100 * majority, k, rule,
                identifiable.isEmpty() ? "" : identifiable.stream().map(c -> String.format(Locale.ROOT,
                        " Class %s is recognised from " + featureKind + " alone (recall %.1f%%, precision %.1f%%).",
                        c, 100 * recall.get(c), 100 * precision.get(c))).collect(Collectors.joining()));
        return new ConfoundingCheck(true, note, featureNames, k, (double) correct / n, balanced,
                majority, chance, recall, precision, identifiable, rule, warning);
    }

    /** Patient-grouped folds when patients are known and numerous enough, image folds otherwise. */
    private List<Fold> partition(XrayDataset dataset, int k) {
        SplitStrategy strategy = SplitStrategy.defaultFor(dataset.hasPatientIds());
        try {
            return Splits.kFold(dataset, k, seed, strategy);
        } catch (IllegalArgumentException tooFewPatients) {
            logger.info("Too few patients per class for {}-fold patient-grouped folds; using image folds", k);
            return Splits.kFold(dataset, k, seed, SplitStrategy.IMAGE);
        }
    }
}
