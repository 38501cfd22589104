package io.cxr4j.engine.tensorflow;

import io.cxr4j.core.engine.ClasspathEngineProvider;

/**
 * Finds the TensorFlow engine for {@link io.cxr4j.core.engine.Engines}: registered for {@link
 * java.util.ServiceLoader}, available wherever TensorFlow Java (which trains) and DJL's TensorFlow
 * engine (which serves) are on the classpath, and ranked 5, below PyTorch. Loads no native code.
 */
public final class TensorFlowEngineProvider extends ClasspathEngineProvider {

    /** Creates the provider; ServiceLoader needs a public no-argument constructor. */
    public TensorFlowEngineProvider() {
        super(TensorFlowEngine.NAME, "cxr4j-engine-tensorflow", 5, TensorFlowEngine::new, "org.tensorflow.Session",
                "ai.djl.tensorflow.engine.TfEngine");
    }
}
