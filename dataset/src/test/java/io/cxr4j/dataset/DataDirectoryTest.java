package io.cxr4j.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DataDirectoryTest {

    private static final Path HOME = Path.of("/home/someone");

    @Test
    void propertyWinsOverEnvironment() {
        DataDirectory dir = DataDirectory.resolve(
                Map.of(DataDirectory.PROPERTY, "/from/property")::get,
                Map.of(DataDirectory.ENV, "/from/env")::get, HOME);

        assertThat(dir.path()).isEqualTo(Path.of("/from/property"));
        assertThat(dir.origin()).contains(DataDirectory.PROPERTY);
    }

    @Test
    void environmentWhenNoProperty() {
        DataDirectory dir = DataDirectory.resolve(
                Map.<String, String>of()::get, Map.of(DataDirectory.ENV, "/from/env")::get, HOME);

        assertThat(dir.path()).isEqualTo(Path.of("/from/env"));
        assertThat(dir.origin()).contains(DataDirectory.ENV);
    }

    @Test
    void defaultUnderHomeWhenNothingIsSet() {
        DataDirectory dir =
                DataDirectory.resolve(Map.<String, String>of()::get, Map.<String, String>of()::get, HOME);

        assertThat(dir.path()).isEqualTo(Path.of("/home/someone/.cxr4j/datasets"));
        assertThat(dir.origin()).contains("default");
    }

    @Test
    void blankValuesAndUnexpandedMavenPlaceholdersCountAsUnset() {
        DataDirectory dir = DataDirectory.resolve(
                Map.of(DataDirectory.PROPERTY, "${env.CXR4J_DATA_DIR}")::get,
                Map.of(DataDirectory.ENV, "  ")::get, HOME);

        assertThat(dir.path()).isEqualTo(Path.of("/home/someone/.cxr4j/datasets"));
    }

    @Test
    void folderOfANamedSetIsBelowTheRoot() {
        DataDirectory dir = DataDirectory.of(Path.of("/data/../data/sets"));

        assertThat(dir.folder("seed")).isEqualTo(Path.of("/data/sets/seed"));
        assertThat(dir.toString()).contains("/data/sets", "set by the caller");
    }
}
