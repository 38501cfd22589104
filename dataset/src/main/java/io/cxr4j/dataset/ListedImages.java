package io.cxr4j.dataset;

import io.cxr4j.core.data.Sample;
import io.cxr4j.core.data.XrayDataset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gathers the entries of a list-based loader (a metadata CSV, a COVIDx split file, a manifest)
 * into samples, with the checks every such list needs so that the loaders agree on them: a listed
 * image must exist, be listed once and, where the list is confined to a folder, stay inside it.
 * Entries that fail are kept as {@link SkippedFile}s with the list's file and line, never dropped
 * silently.
 */
final class ListedImages {

    private static final Logger logger = LoggerFactory.getLogger(ListedImages.class);

    private final Path listFile;
    private final Path folder;
    private final boolean confined;
    private final List<Sample> samples = new ArrayList<>();
    private final List<SkippedFile> skipped = new ArrayList<>();
    private final Set<String> labels = new LinkedHashSet<>();
    private final Set<Path> seen = new HashSet<>();

    /**
     * @param listFile the file being read, for messages
     * @param folder the folder the listed paths are relative to, absolute and normalized
     * @param confined whether an entry pointing outside {@code folder} is left out
     */
    ListedImages(Path listFile, Path folder, boolean confined) {
        this.listFile = listFile;
        this.folder = folder;
        this.confined = confined;
    }

    /** Why a label the map does not keep leaves its entry out. */
    static String unlabelled(LabelMap labelMap, String rawLabel) {
        return "label '" + rawLabel + "' is " + (labelMap.drops(rawLabel)
                ? "not in the label set" : "unknown to the label map " + labelMap);
    }

    /** The position of an entry in the list, for messages: {@code train.txt line 7}. */
    String at(int line) {
        return listFile.getFileName() + " line " + line;
    }

    /** Leaves an entry out for a reason found by the loader. */
    void skip(Path image, int line, String reason) {
        skipped.add(new SkippedFile(image, at(line) + ": " + reason));
    }

    /** Adds a labelled sample, or leaves it out when its image is outside, missing or a repeat. */
    void add(Sample sample, int line) {
        Path image = sample.image();
        if (confined && !image.startsWith(folder)) {
            skip(image, line, "points outside the folder " + folder);
        } else if (!Files.isRegularFile(image)) {
            skip(image, line, "listed but missing");
        } else if (!seen.add(image)) {
            skip(image, line, "listed twice");
        } else {
            labels.add(sample.label());
            samples.add(sample);
        }
    }

    /**
     * The data set of the samples added.
     *
     * @param labelMap the map that labelled them, which orders the classes
     * @param name the data set's name
     * @param what what the list is, for messages: {@code "COVIDx split file"}
     * @param hint what to check when nothing was usable, or an empty string
     * @throws DatasetException if no entry gave a usable image
     */
    LoadedDataset build(LabelMap labelMap, String name, String what, String hint) throws DatasetException {
        List<String> classNames = labelMap.classNamesFor(labels);
        if (classNames.isEmpty()) {
            throw new DatasetException("No entry of " + what + " " + listFile + " gives a usable image ("
                    + skipped.size() + " left out; the first: "
                    + (skipped.isEmpty() ? "none" : skipped.get(0).reason()) + ")." + hint);
        }
        XrayDataset dataset = new XrayDataset(name, classNames, samples);
        logger.info("Loaded data set '{}' from {} {}: {} images {}, {} entries left out", name, what,
                listFile, dataset.size(), dataset.countsPerClass(), skipped.size());
        return new LoadedDataset(folder, dataset, skipped);
    }
}
