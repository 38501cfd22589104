package io.cxr4j.dataset;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A folder directly inside a data set folder that is not loaded because the label map has no
 * class for it.
 *
 * @param folder the folder
 * @param dropped {@code true} when the label map leaves it out on purpose (such as {@code
 *     Pneumonia} in the binary task), {@code false} when the label map does not know it
 */
public record IgnoredFolder(Path folder, boolean dropped) {

    /**
     * Validates the fields.
     *
     * @param folder the folder; not null
     * @param dropped {@code true} when the label map leaves it out on purpose, {@code false} when the
     *     label map does not know it
     */
    public IgnoredFolder {
        Objects.requireNonNull(folder, "folder");
    }
}
