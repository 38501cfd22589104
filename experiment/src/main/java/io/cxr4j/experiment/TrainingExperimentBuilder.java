package io.cxr4j.experiment;

import io.cxr4j.core.engine.CxrEngine;
import io.cxr4j.core.engine.Engines;
import io.cxr4j.core.model.BaseWeights;
import io.cxr4j.core.split.SplitStrategy;
import io.cxr4j.core.config.TrainingConfig;
import java.nio.file.Path;
import java.util.Objects;

/**
 * The settings of an experiment that trains: the data, training configuration and output folder,
 * the engine, how to split, the operating point, and whether to resume or replace an earlier run.
 *
 * @param <B> the concrete builder, returned by every method
 */
public abstract class TrainingExperimentBuilder<B extends TrainingExperimentBuilder<B>> extends ExperimentBuilder<B> {

    final ExperimentData data;
    final TrainingConfig config;
    final Path output;
    CxrEngine engine;
    SplitStrategy strategy;
    Double targetSensitivity;
    boolean resume;
    boolean replace;
    BaseWeights baseWeights;

    TrainingExperimentBuilder(ExperimentData data, TrainingConfig config, Path output) {
        this.data = Objects.requireNonNull(data, "data");
        this.config = Objects.requireNonNull(config, "config");
        this.output = Objects.requireNonNull(output, "output");
    }

    /**
     * @param engine the engine to train with; default {@link Engines#select()}
     * @return this builder
     */
    public B optEngine(CxrEngine engine) {
        this.engine = engine;
        return self();
    }

    /**
     * @param strategy image- or patient-level split; default patient-level when the data set records
     *     patient ids, else image-level
     * @return this builder
     */
    public B optStrategy(SplitStrategy strategy) {
        this.strategy = strategy;
        return self();
    }

    /**
     * @param targetSensitivity the sensitivity in (0, 1] that the threshold, chosen on validation
     *     data, must reach; the result then reports that operating point on the test data
     * @return this builder
     */
    public B optTargetSensitivity(double targetSensitivity) {
        if (!(targetSensitivity > 0 && targetSensitivity <= 1)) {
            throw new IllegalArgumentException("The target sensitivity must be in (0, 1], e.g. 0.95, was "
                    + targetSensitivity);
        }
        this.targetSensitivity = targetSensitivity;
        return self();
    }

    /**
     * @param resume whether to continue an interrupted run in the output folder from its
     *     checkpoints; default false
     * @return this builder
     */
    public B optResume(boolean resume) {
        this.resume = resume;
        return self();
    }

    /**
     * @param replace whether the run may replace the finished models of an earlier run in the output
     *     folder; default false
     * @return this builder
     */
    public B optReplace(boolean replace) {
        this.replace = replace;
        return self();
    }

    /**
     * @param weights the weights every model's first layers start from, such as a VGG16 base read
     *     by {@code KerasWeights.readBase}; {@link TrainingConfig#frozenBlocks()} says which stay
     *     fixed; default none (every layer starts from random values)
     * @return this builder
     */
    public B optBaseWeights(BaseWeights weights) {
        this.baseWeights = Objects.requireNonNull(weights, "weights");
        return self();
    }

    /** @return the engine to train with */
    CxrEngine engine() {
        return engine != null ? engine : Engines.select();
    }

    /** @return the split strategy for the data */
    SplitStrategy strategy() {
        return strategy != null ? strategy : SplitStrategy.defaultFor(data.dataset().hasPatientIds());
    }
}
