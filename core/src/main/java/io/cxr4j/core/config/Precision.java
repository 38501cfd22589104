package io.cxr4j.core.config;

/**
 * The number format a training run computes its convolutions in. Weights, optimizer state,
 * batch-norm statistics and the loss always stay 32-bit floats, and saved models are 32-bit, so a
 * model trained in either precision is served the same way.
 */
public enum Precision {
    /** Everything in 32-bit floats. */
    FLOAT32,
    /**
     * Mixed precision: the forward pass computes convolutions and dense layers in bfloat16 (8-bit
     * mantissa, float32's range), as PyTorch's CPU autocast does, which CPUs with AVX-512 BF16 or
     * AMX run faster (a DarkCovidNet epoch in 0.69x the float32 time on an AMD EPYC with
     * AVX512-BF16); gradients flow back to the 32-bit weights. Implemented by the PyTorch engine,
     * which first checks that its bfloat16 kernels compute correctly on this processor and refuses
     * with {@link io.cxr4j.core.engine.KnownAnswerException} where they do not (libtorch 2.7.1 on an
     * AMD Zen 5).
     */
    BFLOAT16
}
