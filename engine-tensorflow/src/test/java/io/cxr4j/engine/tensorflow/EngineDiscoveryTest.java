package io.cxr4j.engine.tensorflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.cxr4j.core.engine.CxrEngine;
import io.cxr4j.core.engine.Engines;
import org.junit.jupiter.api.Test;

/** This module's test classpath has only the TensorFlow engine: it must be found and chosen without any flag. */
class EngineDiscoveryTest {

    @Test
    void theOnlyEngineOnTheClasspathIsSelected() {
        // A reactor build up to the test phase puts core's test-classes, with the fake engines it
        // registers for its own tests, on this classpath; the packaged test-jar leaves them out.
        assumeTrue(Engines.discover().available().stream()
                        .noneMatch(e -> e.getClass().getPackageName().equals("io.cxr4j.core.engine")),
                "core's fake test engines are on the classpath (reactor test phase)");
        assertThat(Engines.discover().available()).extracting(CxrEngine::name).containsExactly("tensorflow");
        CxrEngine engine = Engines.select();
        assertThat(engine).isInstanceOf(TensorFlowEngine.class);
        assertThat(engine.artifactId()).isEqualTo("cxr4j-engine-tensorflow");
        assertThat(engine.architectures()).containsExactlyInAnyOrder("darkcovidnet", "seed-vgg");
    }

    @Test
    void selectingByNameFindsIt() {
        assertThat(Engines.select("TensorFlow").name()).isEqualTo("tensorflow");
    }
}
