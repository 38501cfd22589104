package io.cxr4j.core.engine;

import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * An {@link EngineProvider} that is available when given classes are on the classpath and creates
 * its backend once, on first use. An engine module subclasses it with a public no-argument
 * constructor that passes its name, artifact, rank, backend and the classes it needs.
 */
public abstract class ClasspathEngineProvider implements EngineProvider {

    private final String name;
    private final String artifactId;
    private final int rank;
    private final Supplier<EngineBackend> create;
    private final List<String> requiredClasses;
    private EngineBackend backend;

    /**
     * Describes the engine.
     *
     * @param name the short lower-case name users select the engine by
     * @param artifactId the Maven artifact that provides the engine
     * @param rank the engine's rank among several, see {@link EngineProvider#rank()}
     * @param create creates the backend; called once, on first use
     * @param requiredClasses classes that must be on the classpath for the engine to run, looked up
     *     without being initialised
     */
    protected ClasspathEngineProvider(String name, String artifactId, int rank, Supplier<EngineBackend> create,
            String... requiredClasses) {
        this.name = Objects.requireNonNull(name, "name");
        this.artifactId = Objects.requireNonNull(artifactId, "artifactId");
        this.rank = rank;
        this.create = Objects.requireNonNull(create, "create");
        this.requiredClasses = List.of(requiredClasses);
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final String artifactId() {
        return artifactId;
    }

    @Override
    public final int rank() {
        return rank;
    }

    /** @return whether every required class can be found by this provider's class loader */
    @Override
    public final boolean isAvailable() {
        try {
            for (String className : requiredClasses) {
                Class.forName(className, false, getClass().getClassLoader());
            }
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    @Override
    public final synchronized EngineBackend backend() {
        if (backend == null) {
            backend = create.get();
        }
        return backend;
    }
}
