package io.cxr4j.dataset;

import static org.assertj.core.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * The real data sets shared with the project ({@code CXR4J_DATA_DIR}). Tests that need them fail
 * on CI ({@code CI=true}), where the data must be present, and are skipped elsewhere.
 */
final class SharedData {

    private SharedData() {}

    /**
     * The folder of a shared data set.
     *
     * @param name the data set's folder name under the data root
     * @return the folder, which exists
     */
    static Path require(String name) {
        DataDirectory root = DataDirectory.resolve();
        Path folder = root.folder(name);
        if (!Files.isDirectory(folder)) {
            String message = "Shared data set '" + name + "' not found at " + folder
                    + " (data root " + root + "). Set CXR4J_DATA_DIR to the shared datasets folder.";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail(message);
            }
            Assumptions.abort(message);
        }
        return folder;
    }
}
