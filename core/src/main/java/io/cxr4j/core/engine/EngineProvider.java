package io.cxr4j.core.engine;

/**
 * How {@link Engines} finds an engine: the discovery half of the service-provider interface, apart
 * from what the engine does ({@link EngineBackend}), as DJL separates its {@code EngineProvider}
 * from its {@code Engine}. An engine module lists its implementation in {@code
 * META-INF/services/io.cxr4j.core.engine.EngineProvider}; swapping engines only changes the
 * classpath.
 *
 * <p>Implementations must have a public no-argument constructor, and none of these methods may
 * load native code or download anything: discovery runs for every engine on the classpath, used or
 * not.
 */
public interface EngineProvider {

    /** @return the short lower-case name users select the engine by, such as {@code pytorch} */
    String name();

    /** @return the Maven artifact that provides this engine, for error messages */
    String artifactId();

    /**
     * Orders engines when several are on the classpath and none is requested: the highest rank is
     * chosen, ties by name.
     *
     * @return the rank; cxr4j's own engines use 10 (PyTorch) and 5 (TensorFlow)
     */
    int rank();

    /**
     * Whether the engine can run here, judged without loading native code: its classes, and the
     * native library's jar, are on the classpath. Engines that are not available are left out of
     * {@link Engines#available()} and named in its messages.
     *
     * @return whether the engine can be used
     */
    boolean isAvailable();

    /**
     * The engine's behaviour, created on first use; called only when {@link #isAvailable()}.
     *
     * @return the backend, the same instance on every call
     */
    EngineBackend backend();
}
