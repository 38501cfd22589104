package io.cxr4j.dataset;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A file or folder inside a data set folder that the loader did not read, and why.
 *
 * @param path the skipped file or folder
 * @param reason why it was skipped, such as {@code not an image (.png, .jpg, .jpeg, .dcm, .dicom)}
 */
public record SkippedFile(Path path, String reason) {

    /**
     * Validates the fields.
     *
     * @param path the skipped file or folder; not null
     * @param reason why it was skipped, for messages; not null
     */
    public SkippedFile {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(reason, "reason");
    }
}
