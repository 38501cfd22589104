package io.cxr4j.examples.cli;

import io.cxr4j.core.data.XrayDataset;
import io.cxr4j.dataset.FolderDataset;
import io.cxr4j.dataset.IgnoredFolder;
import io.cxr4j.dataset.LoadedDataset;
import io.cxr4j.dataset.SkippedFile;
import java.nio.file.Path;
import java.util.List;

/**
 * The labelled images a command works on, whatever layout they came from (one folder per class,
 * or a metadata CSV as in covid-chestxray), with what the loader left out so it can be shown.
 *
 * @param folder the data set's folder; sample paths are reported relative to it
 * @param dataset the loaded samples
 * @param skipped files or rows the loader left out, with reasons
 * @param ignoredFolders class folders left out by the label set (folder-per-class sets only)
 */
record InputData(Path folder, XrayDataset dataset, List<SkippedFile> skipped,
                 List<IgnoredFolder> ignoredFolders) {

    InputData {
        skipped = List.copyOf(skipped);
        ignoredFolders = List.copyOf(ignoredFolders);
    }

    static InputData of(FolderDataset loaded) {
        return new InputData(loaded.folder(), loaded.dataset(), loaded.skipped(), loaded.ignoredFolders());
    }

    static InputData of(LoadedDataset loaded) {
        return new InputData(loaded.folder(), loaded.dataset(), loaded.skipped(), List.of());
    }
}
