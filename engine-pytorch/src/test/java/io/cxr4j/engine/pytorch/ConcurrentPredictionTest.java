package io.cxr4j.engine.pytorch;

import io.cxr4j.core.testing.InferenceContracts;
import io.cxr4j.core.testing.TinyModel;
import org.junit.jupiter.api.Test;

/** One PyTorch classifier shared by 8 threads gives exactly the sequential results. */
class ConcurrentPredictionTest {

    @Test
    void eightThreadsTwoThousandPredictionsMatchSequentialPrediction() throws Exception {
        TinyModel tiny = TinyModel.of(new PyTorchEngine());
        InferenceContracts.concurrentUseMatchesSequential(tiny.directory(), tiny.images(), 8, 2_000);
    }
}
