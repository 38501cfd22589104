package io.cxr4j.experiment;

import io.cxr4j.core.data.XrayDataset;
import io.cxr4j.dataset.DatasetUnion;
import io.cxr4j.dataset.FolderDataset;
import io.cxr4j.dataset.IgnoredFolder;
import io.cxr4j.dataset.LoadedDataset;
import io.cxr4j.dataset.SkippedFile;
import java.nio.file.Path;
import java.util.List;

/**
 * The labelled images an experiment works on, whatever layout they came from (one folder per
 * class, or a metadata CSV as in covid-chestxray), with what the loader left out so that reports
 * can name it.
 *
 * @param folder the data set's folder; sample paths are reported relative to it
 * @param dataset the loaded samples
 * @param skipped files or rows the loader left out, with reasons
 * @param ignoredFolders class folders left out by the label set (folder-per-class sets only)
 */
public record ExperimentData(Path folder, XrayDataset dataset, List<SkippedFile> skipped,
        List<IgnoredFolder> ignoredFolders) {

    public ExperimentData {
        skipped = List.copyOf(skipped);
        ignoredFolders = List.copyOf(ignoredFolders);
    }

    /** @return a folder-per-class data set with what its loader left out */
    public static ExperimentData of(FolderDataset loaded) {
        return new ExperimentData(loaded.folder(), loaded.dataset(), loaded.skipped(), loaded.ignoredFolders());
    }

    /** @return a union of data sets (paths relative to the folder that holds them all) with what its members' loaders left out */
    public static ExperimentData of(DatasetUnion union) {
        return new ExperimentData(union.folder(), union.dataset(), union.skipped(), union.ignoredFolders());
    }

    /** @return a named data set (such as from {@code DatasetRegistry.load}) with what its loader left out */
    public static ExperimentData of(LoadedDataset loaded) {
        return new ExperimentData(loaded.folder(), loaded.dataset(), loaded.skipped(), List.of());
    }
}
