package io.cxr4j.examples.cli;

import io.cxr4j.experiment.ExperimentData;
import io.cxr4j.dataset.DatasetRegistry;
import io.cxr4j.dataset.DatasetUnion;
import io.cxr4j.dataset.FolderDataset;
import io.cxr4j.dataset.LabelMap;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * Where the labelled images come from: named data sets and folders, one or several (their union),
 * and how to label them.
 */
final class DataOptions {

    @Option(names = "--dataset", paramLabel = "NAME",
            description = "A named data set under CXR4J_DATA_DIR (default ~/.cxr4j/datasets): "
                    + "seed, darkcovidnet, hannover (COVID-19 images only) or covid-chestxray (frontal X-rays of"
                    + " ieee8023/covid-chestxray-dataset, findings mapped to covid, normal and"
                    + " pneumonia, patient ids kept). Downloaded on first use when missing. Repeat it, or add"
                    + " --data, to join several sets into one: each image keeps its source, patient ids stay"
                    + " apart per set, and a set may lack a class that another one has.")
    List<String> datasets = new ArrayList<>();

    @Option(names = "--data", paramLabel = "PATH",
            description = "A folder with one subfolder of images per class. Repeatable, and combinable with"
                    + " --dataset; in a union a folder's images have the folder's name as source unless its"
                    + " metadata.csv gives one.")
    List<Path> folders = new ArrayList<>();

    @Option(names = "--labels", paramLabel = "binary|three-class|folders",
            description = "Label set: binary (covid vs normal; pneumonia folders left out), "
                    + "three-class (covid, normal, pneumonia) or folders (every folder its own class)."
                    + " Default: binary, or the model's classes (audit: folders, or three-class for several"
                    + " data sets, whose folders name the classes differently).")
    String labels;

    /**
     * Whether a single folder may lack classes of the label set, as validation data of one source
     * may (a union's members always may).
     */
    boolean someClassesAllowed;

    /** @return whether a data set or folder was given */
    boolean given() {
        return !datasets.isEmpty() || !folders.isEmpty();
    }

    /** @return whether several data sets or folders were given, to be joined */
    boolean union() {
        return datasets.size() + folders.size() > 1;
    }

    /**
     * Loads the data, defaulting to a named set when none was given.
     *
     * @param defaultDataset the set used without --dataset or --data, or null to require one
     * @param defaultLabels the label set used without --labels
     * @return the loaded data set with what was skipped
     */
    ExperimentData load(String defaultDataset, String defaultLabels) throws IOException {
        LabelMap labelMap = labelMap(labels != null ? labels : defaultLabels);
        DatasetRegistry registry = DatasetRegistry.create();
        if (union()) {
            DatasetUnion.Builder union = registry.union().optLabelMap(labelMap);
            datasets.forEach(union::addDataset);
            folders.forEach(union::addFolder);
            return ExperimentData.of(union.build());
        }
        if (!folders.isEmpty()) {
            return ExperimentData.of(someClassesAllowed ? FolderDataset.builder().setFolder(folders.get(0))
                    .optLabelMap(labelMap).optMissingClassesAllowed(true).build()
                    : registry.load(folders.get(0), labelMap));
        }
        String name = !datasets.isEmpty() ? datasets.get(0) : defaultDataset;
        if (name == null) {
            throw new IllegalArgumentException("Say which images to use: --dataset NAME or --data PATH.");
        }
        if (name.equals(DatasetRegistry.COVID_CHESTXRAY)) {
            return ExperimentData.of(registry.loadCovidChestXray(labelMap));
        }
        return ExperimentData.of(registry.load(name, labelMap));
    }

    static LabelMap labelMap(String name) {
        return switch (name) {
            case "binary" -> LabelMap.binary();
            case "three-class" -> LabelMap.threeClass();
            case "folders" -> LabelMap.identity();
            default -> throw new IllegalArgumentException("Unknown label set '" + name
                    + "'; use binary, three-class or folders.");
        };
    }

    static String labelSetFor(List<String> classNames) {
        return classNames.size() == 3 ? "three-class" : "binary";
    }
}
