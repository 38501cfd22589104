package io.cxr4j.core.engine;

import io.cxr4j.core.config.TrainingConfig;
import io.cxr4j.core.model.ModelManifest;
import io.cxr4j.core.model.NeutralWeights;
import java.nio.file.Path;

/**
 * A test-only engine that computes nothing, both its provider and its backend; registered for
 * ServiceLoader in core's test fixtures.
 */
public class FakeEngine implements EngineProvider, EngineBackend {

    private final String name;
    private final int rank;
    private final boolean available;

    /** The engine ServiceLoader instantiates, named {@code fake}. */
    public FakeEngine() {
        this("fake", 0, true);
    }

    FakeEngine(String name, int rank, boolean available) {
        this.name = name;
        this.rank = rank;
        this.available = available;
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
    public int rank() {
        return rank;
    }

    @Override
    public boolean isAvailable() {
        return available;
    }

    @Override
    public EngineBackend backend() {
        return this;
    }

    @Override
    public String engineVersion() {
        return "Fake 1";
    }

    @Override
    public void checkTrainable(TrainingConfig config) {
        // The fake engine has no limits of its own.
    }

    @Override
    public TrainingNetwork startTraining(TrainingPlan plan) {
        throw new UnsupportedOperationException("fake engine " + name + " cannot train");
    }

    @Override
    public TrainingSession openTrainingSession(TrainingConfig config, int[] classCounts) {
        throw new UnsupportedOperationException("fake engine " + name + " cannot train");
    }

    @Override
    public InferenceModel load(ModelManifest manifest, Path modelDirectory) {
        throw new UnsupportedOperationException("fake engine " + name + " cannot load");
    }

    @Override
    public NeutralWeights exportWeights(ModelManifest manifest, Path modelDirectory) {
        throw new UnsupportedOperationException("fake engine " + name + " cannot convert");
    }

    @Override
    public String importWeights(ModelManifest manifest, NeutralWeights weights, Path staging) {
        throw new UnsupportedOperationException("fake engine " + name + " cannot convert");
    }
}
