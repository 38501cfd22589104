package io.cxr4j.dataset;

import io.cxr4j.core.data.XrayDataset;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * A data set read from a list (a metadata CSV, a split file or a manifest) together with the
 * entries the loader left out and why: rows whose finding has no label, rows of another view or
 * modality, listed images that are missing.
 *
 * @param folder the folder the listed paths are relative to, absolute and normalized
 * @param dataset the loaded samples and their classes
 * @param skipped the entries left out, in file order
 */
public record LoadedDataset(Path folder, XrayDataset dataset, List<SkippedFile> skipped) {

    /**
     * Validates the fields, makes the folder absolute and normalized, and freezes the list.
     *
     * @param folder the folder the listed paths are relative to; not null
     * @param dataset the loaded samples and their classes; not null
     * @param skipped the entries left out, in file order; copied
     */
    public LoadedDataset {
        folder = Objects.requireNonNull(folder, "folder").toAbsolutePath().normalize();
        Objects.requireNonNull(dataset, "dataset");
        skipped = List.copyOf(skipped);
    }
}
