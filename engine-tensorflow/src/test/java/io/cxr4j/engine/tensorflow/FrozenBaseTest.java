package io.cxr4j.engine.tensorflow;

import io.cxr4j.core.engine.CxrEngine;
import io.cxr4j.core.testing.FrozenBaseContracts;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link FrozenBaseContracts} on the TensorFlow engine's vgg16. */
class FrozenBaseTest {

    private final CxrEngine engine = CxrEngine.of(new TensorFlowEngineProvider());

    @TempDir
    Path temp;

    @Test
    void aFrozenBaseIsBitIdenticalAfterTraining() throws IOException {
        FrozenBaseContracts.aFrozenBaseIsBitIdenticalAfterTraining(engine, temp);
    }

    @Test
    void fineTuningBlock5ChangesOnlyBlock5AndTheHead() throws IOException {
        FrozenBaseContracts.fineTuningBlock5ChangesOnlyBlock5AndTheHead(engine, temp);
    }

    @Test
    void theBaseFeatureCacheTrainsTheSameModel() throws IOException {
        FrozenBaseContracts.theBaseFeatureCacheTrainsTheSameModel(engine, temp);
    }

    @Test
    void aResumedRunWithTheCacheKeepsItsBaseFrozen() throws IOException {
        FrozenBaseContracts.aResumedRunWithTheCacheKeepsItsBaseFrozen(engine, temp);
    }

    @Test
    void aResumedAugmentedRunKeepsItsBaseFrozen() throws IOException {
        FrozenBaseContracts.aResumedAugmentedRunKeepsItsBaseFrozen(engine, temp);
    }

    @Test
    void aResumedRunTakesTheStepsOfTheUninterruptedOne() throws IOException {
        FrozenBaseContracts.aResumedRunTakesTheStepsOfTheUninterruptedOne(engine, temp);
    }

    @Test
    void aBaseOfAnotherShapeIsRefusedNamingTheLayer() {
        FrozenBaseContracts.aBaseOfAnotherShapeIsRefusedNamingTheLayer(engine, temp);
    }
}
