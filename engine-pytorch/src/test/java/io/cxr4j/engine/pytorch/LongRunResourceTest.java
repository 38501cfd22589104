package io.cxr4j.engine.pytorch;

import io.cxr4j.core.engine.CxrEngine;
import io.cxr4j.core.testing.InferenceContracts;
import io.cxr4j.core.testing.TinyModel;
import org.junit.jupiter.api.Test;

/** 20,000 PyTorch predictions in one JVM leave resident memory and open file handles flat. */
class LongRunResourceTest {

    @Test
    void twentyThousandPredictionsKeepMemoryAndHandlesFlat() throws Exception {
        TinyModel tiny = TinyModel.of(CxrEngine.of(new PyTorchEngineProvider()));
        InferenceContracts.longRunStaysFlat(tiny.directory(), tiny.images(), 40);
    }
}
