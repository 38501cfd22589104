package io.cxr4j.core.split;

import io.cxr4j.core.data.XrayDataset;
import java.util.Set;

/**
 * A data set divided into a training and a test part, with how it was made.
 *
 * @param train the training part
 * @param test the held-out test part
 * @param strategy what the split kept together
 * @param seed the seed that drew it
 */
public record TrainTestSplit(XrayDataset train, XrayDataset test, SplitStrategy strategy, long seed) {

    /** @return patient ids found on both sides; empty for an honest split */
    public Set<String> sharedPatients() {
        return PatientLeakage.sharedPatients(train, test);
    }
}
