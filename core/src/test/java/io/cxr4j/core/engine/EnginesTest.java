package io.cxr4j.core.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class EnginesTest {

    private static final EngineProvider PYTORCH = new FakeEngine("pytorch", 10, true);
    private static final EngineProvider TENSORFLOW = new FakeEngine("tensorflow", 5, true);

    private static Engines engines(List<EngineProvider> found, Map<String, String> props, Map<String, String> env) {
        Function<String, String> p = props::get;
        Function<String, String> e = env::get;
        return new Engines(found, p, e);
    }

    @Test
    void noEngineNamesTheArtifactToAdd() {
        assertThatThrownBy(() -> engines(List.of(), Map.of(), Map.of()).choose(null))
                .isInstanceOf(EngineNotFoundException.class)
                .hasMessageContaining("io.cxr4j:cxr4j-engine-pytorch")
                .hasMessageContaining("No cxr4j engine is on the classpath");
    }

    @Test
    void singleEngineIsUsedWithoutAnyFlag() {
        assertThat(engines(List.of(TENSORFLOW), Map.of(), Map.of()).choose(null)).extracting(CxrEngine::name).isEqualTo("tensorflow");
    }

    @Test
    void severalEnginesPreferTheHighestRank() {
        assertThat(engines(List.of(TENSORFLOW, PYTORCH), Map.of(), Map.of()).choose(null)).extracting(CxrEngine::name)
                .isEqualTo("pytorch");
        EngineProvider first = new FakeEngine("first", 1, true);
        EngineProvider second = new FakeEngine("second", 1, true);
        assertThat(engines(List.of(second, first), Map.of(), Map.of()).choose(null)).extracting(CxrEngine::name)
                .isEqualTo("first");
        assertThat(engines(List.of(TENSORFLOW, new FakeEngine("better", 20, true)), Map.of(), Map.of()).choose(null))
                .extracting(CxrEngine::name).isEqualTo("better");
    }

    @Test
    void unavailableEnginesAreLeftOut() {
        Engines e = engines(List.of(new FakeEngine("pytorch", 10, false), TENSORFLOW), Map.of(), Map.of());
        assertThat(e.available()).extracting(CxrEngine::name).containsExactly("tensorflow");
        assertThat(e.choose(null).name()).isEqualTo("tensorflow");
    }

    @Test
    void systemPropertyChoosesAndBeatsTheEnvironment() {
        Engines e = engines(List.of(PYTORCH, TENSORFLOW),
                Map.of(Engines.PROPERTY, "tensorflow"), Map.of(Engines.ENV, "pytorch"));
        assertThat(e.choose(null)).extracting(CxrEngine::name).isEqualTo("tensorflow");
    }

    @Test
    void environmentVariableChooses() {
        Engines e = engines(List.of(PYTORCH, TENSORFLOW), Map.of(), Map.of(Engines.ENV, "TensorFlow"));
        assertThat(e.choose(null)).extracting(CxrEngine::name).isEqualTo("tensorflow");
    }

    @Test
    void explicitNameBeatsPropertyAndEnvironment() {
        Engines e = engines(List.of(PYTORCH, TENSORFLOW),
                Map.of(Engines.PROPERTY, "tensorflow"), Map.of(Engines.ENV, "tensorflow"));
        assertThat(e.choose("pytorch")).extracting(CxrEngine::name).isEqualTo("pytorch");
    }

    @Test
    void requestedEngineMissingSaysWhoAskedAndWhatIsThere() {
        Engines e = engines(List.of(PYTORCH), Map.of(Engines.PROPERTY, "tensorflow"), Map.of());
        assertThatThrownBy(() -> e.choose(null))
                .isInstanceOf(EngineNotFoundException.class)
                .hasMessageContaining("'tensorflow'")
                .hasMessageContaining("-Dcxr4j.engine")
                .hasMessageContaining("[pytorch]")
                .hasMessageContaining("io.cxr4j:cxr4j-engine-tensorflow");
    }

    @Test
    void misspelledEngineIsCalledUnknownRatherThanAnArtifactToAdd() {
        Engines e = engines(List.of(PYTORCH, TENSORFLOW), Map.of(), Map.of());
        assertThatThrownBy(() -> e.choose("pytroch"))
                .isInstanceOf(EngineNotFoundException.class)
                .hasMessageContaining("'pytroch' is not an engine cxr4j publishes")
                .hasMessageContaining("[pytorch, tensorflow]")
                .hasMessageNotContaining("cxr4j-engine-pytroch");
    }

    @Test
    void requireFindsTheEngineThatWroteAModel() {
        Engines e = engines(List.of(PYTORCH), Map.of(), Map.of());
        assertThat(e.require("pytorch")).extracting(CxrEngine::name).isEqualTo("pytorch");
        assertThatThrownBy(() -> e.require("tensorflow"))
                .hasMessageContaining("made by the 'tensorflow' engine")
                .hasMessageContaining("io.cxr4j:cxr4j-engine-tensorflow")
                .hasMessageContaining("or convert the model for pytorch once")
                .hasMessageContaining("ModelConverter.convert with target engine 'pytorch'")
                .hasMessageNotContaining("--")
                .isInstanceOfSatisfying(EngineNotFoundException.class,
                        missing -> assertThat(missing.conversionTarget()).contains("pytorch"));
        assertThatThrownBy(() -> e.require("tensorfow"))
                .hasMessageContaining("not an engine cxr4j publishes")
                .hasMessageNotContaining("convert");
        assertThatThrownBy(() -> engines(List.of(), Map.of(), Map.of()).require("tensorflow"))
                .hasMessageContaining("io.cxr4j:cxr4j-engine-tensorflow.")
                .hasMessageNotContaining("convert");
    }

    @Test
    void serviceLoaderDiscoversRegisteredEngines() {
        assertThat(Engines.discover().available()).extracting(CxrEngine::name).containsExactly("fake");
    }
}
