package io.cxr4j.dataset.audit;

import io.cxr4j.core.split.TrainTestSplit;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Checks a train/test split for what leaks across it: shared patients and duplicate images. */
final class SplitLeaks {

    private SplitLeaks() {}

    /**
     * Checks a split.
     *
     * @param split a split of the audited data set
     * @param base the data set folder, absolute and normalized
     * @param exact the data set's byte-identical pairs
     * @param near the data set's near-duplicate pairs
     * @return the shared patients and the pairs with one image on each side, training image first
     */
    static SplitCheck check(TrainTestSplit split, Path base, List<DuplicatePair> exact, List<DuplicatePair> near) {
        Map<String, String> side = new HashMap<>();
        split.train().samples().forEach(s -> side.put(ImageFacts.relative(base, s.image()), "train"));
        split.test().samples().forEach(s -> side.put(ImageFacts.relative(base, s.image()), "test"));
        List<DuplicatePair> across = new ArrayList<>();
        for (List<DuplicatePair> pairs : List.of(exact, near)) {
            for (DuplicatePair p : pairs) {
                String first = side.get(p.first());
                String second = side.get(p.second());
                if (first != null && second != null && !first.equals(second)) {
                    across.add(first.equals("train") ? p : new DuplicatePair(p.second(), p.secondLabel(),
                            p.first(), p.firstLabel(), p.exact(), p.distance()));
                }
            }
        }
        return new SplitCheck(split.strategy().name(), split.seed(), split.train().size(),
                split.test().size(), List.copyOf(split.sharedPatients()), across);
    }
}
