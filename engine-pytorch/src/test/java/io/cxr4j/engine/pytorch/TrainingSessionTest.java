package io.cxr4j.engine.pytorch;

import io.cxr4j.core.engine.CxrEngine;
import io.cxr4j.core.testing.TrainingSessionContracts;
import org.junit.jupiter.api.Test;

/** PyTorch step-by-step training learns a small batch and gives its memory back when closed. */
class TrainingSessionTest {

    @Test
    void stepsLowerTheLossAndAClosedSessionRefusesSteps() {
        TrainingSessionContracts.stepsLowerTheLoss(CxrEngine.of(new PyTorchEngineProvider()));
    }

    @Test
    void closedSessionsReleaseTheirMemory() throws Exception {
        TrainingSessionContracts.closedSessionsReleaseTheirMemory(CxrEngine.of(new PyTorchEngineProvider()));
    }
}
