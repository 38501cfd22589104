package io.cxr4j.engine.pytorch;

import io.cxr4j.core.engine.ClasspathEngineProvider;

/**
 * Finds the PyTorch engine for {@link io.cxr4j.core.engine.Engines}: registered for {@link
 * java.util.ServiceLoader}, available wherever DJL's PyTorch engine is on the classpath, and ranked
 * 10, above TensorFlow, since it alone trains in bfloat16. Loads no native code.
 */
public final class PyTorchEngineProvider extends ClasspathEngineProvider {

    /** Creates the provider; ServiceLoader needs a public no-argument constructor. */
    public PyTorchEngineProvider() {
        super(PyTorchEngine.NAME, "cxr4j-engine-pytorch", 10, PyTorchEngine::new, "ai.djl.pytorch.engine.PtEngine");
    }
}
