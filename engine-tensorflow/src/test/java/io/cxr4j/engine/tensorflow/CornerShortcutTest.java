package io.cxr4j.engine.tensorflow;

import io.cxr4j.core.engine.CxrEngine;
import io.cxr4j.core.testing.CornerShortcut;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** seed-vgg trained on TensorFlow on corner-marked images: Grad-CAM finds the marker ({@link CornerShortcut}). */
class CornerShortcutTest {

    @Test
    void heatMapsConcentrateInTheMarkedCornerAndTheCheckWarns(@TempDir Path temp) throws IOException {
        CornerShortcut.trainAndCheck(CxrEngine.of(new TensorFlowEngineProvider()), temp);
    }
}
