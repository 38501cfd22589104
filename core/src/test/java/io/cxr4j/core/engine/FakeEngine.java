package io.cxr4j.core.engine;

import io.cxr4j.core.model.ModelManifest;
import io.cxr4j.core.training.TrainingRequest;
import io.cxr4j.core.training.TrainingResult;
import java.nio.file.Path;
import java.util.Set;

/** A test-only engine that does nothing; registered for ServiceLoader in core's test resources. */
public class FakeEngine implements CxrEngine {

    private final String name;

    /** The engine ServiceLoader instantiates, named {@code fake}. */
    public FakeEngine() {
        this("fake");
    }

    FakeEngine(String name) {
        this.name = name;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String artifactId() {
        return "cxr4j-engine-" + name;
    }

    @Override
    public Set<String> architectures() {
        return Set.of("tiny");
    }

    @Override
    public int minimumImageSize(String architecture) {
        return 32;
    }

    @Override
    public TrainingResult train(TrainingRequest request) {
        throw new UnsupportedOperationException("fake engine " + name + " cannot train");
    }

    @Override
    public InferenceModel load(ModelManifest manifest, Path modelDirectory) {
        throw new UnsupportedOperationException("fake engine " + name + " cannot load");
    }
}
