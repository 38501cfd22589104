package io.cxr4j.examples.cli;

import io.cxr4j.core.engine.Engines;
import io.cxr4j.core.inference.XrayClassifier;
import java.io.IOException;
import java.nio.file.Path;

/** Loads a model for {@code predict} and {@code evaluate}. */
final class Models {

    private Models() {}

    /**
     * Loads a model with the engine that wrote it, or with the engine the user named, which must be
     * that same engine.
     *
     * @param engine the {@code --engine} option, or null
     */
    static XrayClassifier load(Path model, String engine) throws IOException {
        return engine == null ? XrayClassifier.load(model) : XrayClassifier.load(model, Engines.select(engine));
    }
}
