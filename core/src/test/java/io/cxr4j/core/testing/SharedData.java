package io.cxr4j.core.testing;

import static org.assertj.core.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * The real data shared with the project, found like the library finds it: system property {@code
 * cxr4j.data.dir}, else environment variable {@code CXR4J_DATA_DIR}, else {@code
 * ~/.cxr4j/datasets}. Missing data fails a test on CI ({@code CI=true}), where a silent skip would
 * hide a broken setup, and skips it elsewhere.
 */
public final class SharedData {

    private SharedData() {}

    /** @return the data root */
    public static Path root() {
        String property = System.getProperty("cxr4j.data.dir");
        if (property != null && !property.isBlank()) {
            return Path.of(property);
        }
        String env = System.getenv("CXR4J_DATA_DIR");
        if (env != null && !env.isBlank()) {
            return Path.of(env);
        }
        return Path.of(System.getProperty("user.home"), ".cxr4j", "datasets");
    }

    /**
     * A file or folder below the data root that a test needs.
     *
     * @param relative the path below the data root, such as {@code seed} or {@code
     *     full-resolution/covid-rgb-large.jpg}
     * @return the existing path
     */
    public static Path require(String relative) {
        Path path = root().resolve(relative);
        if (!Files.exists(path)) {
            String message = "Shared test data " + path + " is missing. Point CXR4J_DATA_DIR (or -Dcxr4j.data.dir)"
                    + " at the shared datasets folder, e.g. CXR4J_DATA_DIR=/work/shared/datasets.";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail(message);
            }
            Assumptions.abort(message);
        }
        return path;
    }
}
