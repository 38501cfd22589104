package io.cxr4j.core.split;

import io.cxr4j.core.data.Sample;
import io.cxr4j.core.data.XrayDataset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Seeded, stratified train/test splits and k-fold partitions, optionally grouped by patient.
 *
 * <p>The same seed gives the same split on every machine and every engine: samples are first
 * ordered by their group key (patient id or image path), then shuffled with {@link Random}, whose
 * algorithm is fixed by the Java specification. Stratification is by label: each class
 * contributes to the test side in proportion to its size.
 */
public final class Splits {

    private Splits() {}

    /**
     * Splits a data set into training and test parts.
     *
     * @param dataset the data set
     * @param testFraction the share of images per class held out, in (0, 1)
     * @param seed the random seed
     * @param strategy whether to keep each patient's images together
     * @return the split
     */
    public static TrainTestSplit trainTest(
            XrayDataset dataset, double testFraction, long seed, SplitStrategy strategy) {
        if (!(testFraction > 0 && testFraction < 1)) {
            throw new IllegalArgumentException("The share of images held out for testing must lie strictly"
                    + " between 0 and 1, such as 0.3; was " + testFraction);
        }
        Random random = new Random(seed);
        Map<String, List<List<Sample>>> groupsByClass = groupsByClass(dataset, strategy);
        Map<String, Integer> wanted = testCounts(groupsByClass, testFraction, dataset.name());
        List<Sample> train = new ArrayList<>();
        List<Sample> test = new ArrayList<>();
        for (Map.Entry<String, List<List<Sample>>> entry : groupsByClass.entrySet()) {
            List<List<Sample>> groups = entry.getValue();
            Collections.shuffle(groups, random);
            int classSize = groups.stream().mapToInt(List::size).sum();
            int target = wanted.get(entry.getKey());
            int taken = 0;
            for (List<Sample> group : groups) {
                boolean roomLeftForTraining = taken + group.size() < classSize;
                if (taken < target && roomLeftForTraining) {
                    test.addAll(group);
                    taken += group.size();
                } else {
                    train.addAll(group);
                }
            }
        }
        return new TrainTestSplit(
                dataset.withSamples(dataset.name() + "-train", train),
                dataset.withSamples(dataset.name() + "-test", test),
                strategy,
                seed);
    }

    /**
     * Partitions a data set into {@code k} stratified folds. Each group (a patient, or an image)
     * goes to the fold that so far holds the fewest images of its class, so folds stay balanced
     * even when patients contribute different numbers of images.
     *
     * @param dataset the data set
     * @param k the number of folds, at least 2
     * @param seed the random seed
     * @param strategy whether to keep each patient's images together
     * @return the folds, each with its complement as the training part
     */
    public static List<Fold> kFold(XrayDataset dataset, int k, long seed, SplitStrategy strategy) {
        if (k < 2) {
            throw new IllegalArgumentException("Cross-validation needs at least 2 folds (5 is usual); " + k
                    + " requested");
        }
        Random random = new Random(seed);
        List<List<Sample>> foldSamples = new ArrayList<>();
        for (int i = 0; i < k; i++) {
            foldSamples.add(new ArrayList<>());
        }
        for (Map.Entry<String, List<List<Sample>>> entry : groupsByClass(dataset, strategy).entrySet()) {
            List<List<Sample>> groups = entry.getValue();
            if (groups.size() < k) {
                throw new IllegalArgumentException("Class '" + entry.getKey() + "' of data set '"
                        + dataset.name() + "' has " + groups.size() + " " + strategy.name().toLowerCase()
                        + " group(s), fewer than the " + k + " folds requested. Use fewer folds.");
            }
            Collections.shuffle(groups, random);
            int[] filled = new int[k];
            for (List<Sample> group : groups) {
                int target = 0;
                for (int f = 1; f < k; f++) {
                    if (filled[f] < filled[target]) {
                        target = f;
                    }
                }
                foldSamples.get(target).addAll(group);
                filled[target] += group.size();
            }
        }
        List<Fold> folds = new ArrayList<>();
        for (int i = 0; i < k; i++) {
            List<Sample> train = new ArrayList<>();
            for (int j = 0; j < k; j++) {
                if (j != i) {
                    train.addAll(foldSamples.get(j));
                }
            }
            folds.add(new Fold(i,
                    dataset.withSamples(dataset.name() + "-fold" + i + "-train", train),
                    dataset.withSamples(dataset.name() + "-fold" + i + "-test", foldSamples.get(i))));
        }
        return folds;
    }

    /**
     * Test images per class, as scikit-learn's stratified split allots them: {@code ceil(fraction *
     * n)} in all, each class its floor share, the rest to the classes with the largest remainders
     * (earlier classes first on a tie). On the seed's 25 + 25 images at 0.3 that is 8 + 7 = 15.
     */
    private static Map<String, Integer> testCounts(
            Map<String, List<List<Sample>>> groupsByClass, double fraction, String datasetName) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        Map<String, Double> remainders = new LinkedHashMap<>();
        int total = 0;
        int allocated = 0;
        for (Map.Entry<String, List<List<Sample>>> entry : groupsByClass.entrySet()) {
            int classSize = entry.getValue().stream().mapToInt(List::size).sum();
            if (classSize < 2) {
                throw new IllegalArgumentException("Class '" + entry.getKey() + "' of data set '"
                        + datasetName + "' has " + classSize
                        + " image(s); a train/test split needs at least 2 per class.");
            }
            double share = classSize * fraction;
            int floor = (int) Math.floor(share);
            counts.put(entry.getKey(), floor);
            remainders.put(entry.getKey(), share - floor);
            total += classSize;
            allocated += floor;
        }
        int left = (int) Math.ceil(total * fraction - 1e-9) - allocated;
        List<String> byRemainder = new ArrayList<>(remainders.keySet());
        byRemainder.sort(Comparator.comparing((String c) -> remainders.get(c)).reversed());
        for (int i = 0; i < left && i < byRemainder.size(); i++) {
            counts.merge(byRemainder.get(i), 1, Integer::sum);
        }
        counts.replaceAll((c, n) -> Math.max(1, n));
        return counts;
    }

    /**
     * Groups of samples that must stay together, per class, in a machine-independent order. A
     * patient whose images carry different labels is filed under the label of its first image.
     */
    private static Map<String, List<List<Sample>>> groupsByClass(
            XrayDataset dataset, SplitStrategy strategy) {
        Map<String, List<Sample>> groups = new LinkedHashMap<>();
        List<Sample> ordered = new ArrayList<>(dataset.samples());
        ordered.sort(Comparator.comparing((Sample s) -> s.image().toString()));
        for (Sample s : ordered) {
            String key = strategy == SplitStrategy.PATIENT ? s.groupKey() : "image:" + s.image();
            groups.computeIfAbsent(key, x -> new ArrayList<>()).add(s);
        }
        List<String> keys = new ArrayList<>(groups.keySet());
        Collections.sort(keys);
        Map<String, List<List<Sample>>> byClass = new LinkedHashMap<>();
        for (String className : dataset.classNames()) {
            byClass.put(className, new ArrayList<>());
        }
        for (String key : keys) {
            List<Sample> group = groups.get(key);
            byClass.get(group.get(0).label()).add(group);
        }
        byClass.values().removeIf(List::isEmpty);
        return byClass;
    }
}
