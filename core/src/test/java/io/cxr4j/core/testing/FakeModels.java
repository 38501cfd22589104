package io.cxr4j.core.testing;

import io.cxr4j.core.engine.CxrEngine;
import io.cxr4j.core.engine.FakeEngine;
import io.cxr4j.core.engine.InferenceModel;
import io.cxr4j.core.image.PreprocessingSpec;
import io.cxr4j.core.image.ResizeMode;
import io.cxr4j.core.model.ManifestFormat;
import io.cxr4j.core.model.ModelManifest;
import io.cxr4j.core.model.ModelStaging;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Test fixture: a sealed model directory of engine {@code fake} and an engine that serves a given model. */
public final class FakeModels {

    private FakeModels() {}

    /**
     * The {@code fake} engine, whose every load returns the same model.
     *
     * @param model what every load returns
     * @return the engine
     */
    public static CxrEngine engine(InferenceModel model) {
        return CxrEngine.of(new FakeEngine() {
            @Override
            public InferenceModel load(ModelManifest manifest, Path modelDirectory) {
                return model;
            }
        });
    }

    /**
     * Writes a model directory for {@link Engine}: classes covid and normal, 32x32 gray input.
     *
     * @param target the model directory to write
     * @param mode how images are made square
     * @return {@code target}
     * @throws IOException when writing fails
     */
    public static Path directory(Path target, ResizeMode mode) throws IOException {
        Path staging = ModelStaging.stage(target);
        Files.writeString(staging.resolve("tiny.bin"), "weights");
        ManifestFormat.write(staging, new ModelManifest(ModelManifest.FORMAT_VERSION, "fake", "tiny",
                List.of("covid", "normal"), new PreprocessingSpec(32, 1, mode, 0f, 1f), null, null, "tiny.bin"));
        ModelStaging.commit(staging, target);
        return target;
    }
}
