package io.cxr4j.engine.pytorch;

import io.cxr4j.core.engine.CxrEngine;
import io.cxr4j.core.testing.InferenceContracts;
import io.cxr4j.core.testing.TinyModel;
import org.junit.jupiter.api.Test;

/** One PyTorch classifier shared by several threads gives exactly the sequential results and can be closed under load. */
class ConcurrentPredictionTest {

    @Test
    void eightThreadsTwoThousandPredictionsMatchSequentialPrediction() throws Exception {
        TinyModel tiny = TinyModel.of(CxrEngine.of(new PyTorchEngineProvider()));
        InferenceContracts.concurrentUseMatchesSequential(tiny.directory(), tiny.images(), 8, 2_000);
    }

    @Test
    void closingWhileFourThreadsPredictAndExplainWaitsForThemAndRefusesLaterCalls() throws Exception {
        TinyModel tiny = TinyModel.of(CxrEngine.of(new PyTorchEngineProvider()));
        InferenceContracts.closingWhileInUseWaitsAndLaterCallsFail(tiny.directory(), tiny.images(), 4);
    }
}
