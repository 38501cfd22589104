package io.cxr4j.examples.cli;

import io.cxr4j.experiment.ExperimentData;
import io.cxr4j.dataset.DatasetRegistry;
import io.cxr4j.dataset.LabelMap;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

/** Where the labelled images come from: a named data set or a folder, and how to label them. */
final class DataOptions {

    /** Exactly one of a named set or a folder. */
    static final class Source {
        @Option(names = "--dataset", paramLabel = "NAME",
                description = "A named data set under CXR4J_DATA_DIR (default ~/.cxr4j/datasets): "
                        + "seed, darkcovidnet or covid-chestxray (frontal X-rays of"
                        + " ieee8023/covid-chestxray-dataset, findings mapped to covid, normal and"
                        + " pneumonia, patient ids kept). Downloaded on first use when missing.")
        String dataset;

        @Option(names = "--data", paramLabel = "PATH",
                description = "A folder with one subfolder of images per class.")
        Path data;
    }

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    Source source;

    @Option(names = "--labels", paramLabel = "binary|three-class|folders",
            description = "Label set: binary (covid vs normal; pneumonia folders left out), "
                    + "three-class (covid, normal, pneumonia) or folders (every folder its own class)."
                    + " Default: binary, or the model's classes (audit: folders).")
    String labels;

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
        if (source != null && source.data != null) {
            return ExperimentData.of(registry.load(source.data, labelMap));
        }
        String name = source != null && source.dataset != null ? source.dataset : defaultDataset;
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
