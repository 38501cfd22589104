package io.cxr4j.engine.tensorflow;

import static org.assertj.core.api.Assertions.assertThat;

import io.cxr4j.core.engine.CxrEngine;
import io.cxr4j.core.engine.Engines;
import org.junit.jupiter.api.Test;

/** This module's test classpath has only the TensorFlow engine: it must be found and chosen without any flag. */
class EngineDiscoveryTest {

    @Test
    void theOnlyEngineOnTheClasspathIsSelected() {
        assertThat(Engines.discover().available()).extracting(CxrEngine::name).containsExactly("tensorflow");
        CxrEngine engine = Engines.select();
        assertThat(engine.name()).isEqualTo(TensorFlowEngine.NAME);
        assertThat(engine.artifactId()).isEqualTo("cxr4j-engine-tensorflow");
        assertThat(engine.architectures()).containsExactlyInAnyOrder("darkcovidnet", "darkcovidnet-gap", "seed-vgg",
                "vgg16");
    }

    @Test
    void selectingByNameFindsIt() {
        assertThat(Engines.select("TensorFlow").name()).isEqualTo("tensorflow");
    }
}
