package io.cxr4j.engine.tensorflow;

import static org.assertj.core.api.Assertions.assertThat;

import io.cxr4j.core.engine.KnownAnswer;
import org.junit.jupiter.api.Test;

/**
 * TensorFlow's float32 kernels pass the known-answer check on the machine the tests run on; were
 * they to fail, the engine would refuse to load ({@link TensorFlowRuntime#loadNatives}) and every
 * other test of this module with it.
 */
class TensorFlowKnownAnswerTest {

    @Test
    void float32KernelsComputeTheKnownAnswerOfEveryLayer() {
        TensorFlowRuntime.loadNatives();

        KnownAnswer.Verdict verdict = TensorFlowKnownAnswer.measure();

        assertThat(verdict.accurate()).as(verdict.describe()).isTrue();
        assertThat(verdict.bound()).isLessThan(1e-4);
        assertThat(TensorFlowKnownAnswer.measure()).isSameAs(verdict);
    }
}
