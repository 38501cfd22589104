package io.cxr4j.engine.tensorflow;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cxr4j.core.engine.CxrEngine;
import io.cxr4j.core.engine.UnsupportedPrecisionException;
import io.cxr4j.core.testing.TrainingSessionContracts;
import io.cxr4j.core.config.Precision;
import io.cxr4j.core.config.TrainingConfig;
import org.junit.jupiter.api.Test;

/** TensorFlow step-by-step training learns a small batch and gives its memory back when closed. */
class TrainingSessionTest {

    @Test
    void stepsLowerTheLossAndAClosedSessionRefusesSteps() {
        TrainingSessionContracts.stepsLowerTheLoss(CxrEngine.of(new TensorFlowEngineProvider()));
    }

    @Test
    void closedSessionsReleaseTheirMemory() throws Exception {
        TrainingSessionContracts.closedSessionsReleaseTheirMemory(CxrEngine.of(new TensorFlowEngineProvider()));
    }

    @Test
    void bfloat16IsRefusedWithTheEngineThatHasIt() {
        TrainingConfig config = TrainingConfig.builder().optPrecision(Precision.BFLOAT16).build();
        assertThatThrownBy(() -> CxrEngine.of(new TensorFlowEngineProvider()).openTrainingSession(config, new int[] {4, 4}))
                .isInstanceOf(UnsupportedPrecisionException.class)
                .hasMessageContaining("float32 only")
                .hasMessageContaining("Precision.FLOAT32")
                .hasMessageContaining("pytorch engine")
                .hasMessageNotContaining("--");
    }
}
