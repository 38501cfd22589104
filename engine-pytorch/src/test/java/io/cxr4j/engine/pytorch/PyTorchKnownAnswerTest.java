package io.cxr4j.engine.pytorch;

import static org.assertj.core.api.Assertions.assertThat;

import io.cxr4j.core.engine.KnownAnswer;
import io.cxr4j.core.config.Precision;
import org.junit.jupiter.api.Test;

/**
 * libtorch's float32 kernels pass the known-answer check on the machine the tests run on; were they
 * to fail, the engine would refuse to start ({@link PyTorchEngine#djlEngine}) and every other test
 * of this module with it.
 */
class PyTorchKnownAnswerTest {

    @Test
    void float32KernelsComputeTheKnownAnswerAndTheEngineStartsAfterChecking() {
        PyTorchEngine.djlEngine();

        KnownAnswer.Verdict verdict = PyTorchKnownAnswer.measure(Precision.FLOAT32);

        assertThat(verdict.accurate()).as(verdict.describe()).isTrue();
        assertThat(verdict.bound()).isLessThan(1e-4);
        // Measured once per JVM: the second call returns the first verdict.
        assertThat(PyTorchKnownAnswer.measure(Precision.FLOAT32)).isSameAs(verdict);
    }
}
