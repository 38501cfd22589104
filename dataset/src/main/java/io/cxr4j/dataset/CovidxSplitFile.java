package io.cxr4j.dataset;

import io.cxr4j.core.data.Sample;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Loads a COVIDx split file ({@code train.txt}, {@code test.txt} of <a
 * href="https://github.com/lindawangg/COVID-Net">COVID-Net</a>) over its image folder. Each line
 * holds {@code patientid filename label source}, separated by spaces; the source is optional.
 *
 * <p>The label goes through the {@link LabelMap} like a folder name: with the default {@link
 * LabelMap#threeClass()} the COVIDx labels {@code COVID-19}, {@code normal} and {@code pneumonia}
 * become {@code covid}, {@code normal} and {@code pneumonia}. The binary COVIDx releases label
 * {@code positive} and {@code negative}; load them with a map such as {@code
 * LabelMap.builder().addClass("covid", "positive").addClass("negative").build()} ("negative"
 * includes pneumonia, so it is not "normal"). Lines with a label the map drops or does not know,
 * and images that are missing, are reported in {@link LoadedDataset#skipped()}.
 */
public final class CovidxSplitFile {

    private final Path splitFile;
    private final Path imageFolder;
    private final LabelMap labelMap;
    private final String name;

    private CovidxSplitFile(Builder builder) {
        this.splitFile = builder.splitFile;
        this.imageFolder = builder.imageFolder.toAbsolutePath().normalize();
        this.labelMap = builder.labelMap;
        this.name = builder.name;
    }

    /**
     * Starts describing a split file to load.
     *
     * @return a builder
     */
    public static Builder builder() {
        return new Builder();
    }

    private LoadedDataset load() throws IOException {
        if (!Files.isRegularFile(splitFile)) {
            throw new DatasetException("No COVIDx split file " + splitFile + ". Pass the train.txt"
                    + " or test.txt of a COVIDx release.");
        }
        if (!Files.isDirectory(imageFolder)) {
            throw new DatasetException("Image folder " + imageFolder + " of COVIDx split file "
                    + splitFile + " does not exist. Pass the folder that holds its images"
                    + " (train/ or test/ of the release).");
        }
        String text = TextFiles.readUtf8(splitFile);
        ListedImages listed = new ListedImages(splitFile, imageFolder, true);
        String[] lines = text.split("\r\n|\r|\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty()) {
                continue;
            }
            String[] fields = line.split("\\s+");
            if (fields.length < 3) {
                throw new DatasetException("Line " + (i + 1) + " of COVIDx split file " + splitFile
                        + " has " + fields.length + " field(s): '" + line + "'. Each line needs"
                        + " 'patientid filename label source', separated by spaces.");
            }
            Path image = imageFolder.resolve(fields[1]).normalize();
            String label = labelMap.labelOf(fields[2]).orElse(null);
            if (label == null) {
                listed.skip(image, i + 1, ListedImages.unlabelled(labelMap, fields[2]));
                continue;
            }
            String source = fields.length > 3 ? fields[3] : null;
            listed.add(new Sample(image, label, fields[0], null, source), i + 1);
        }
        return listed.build(labelMap, name != null ? name : splitFile.getFileName().toString(),
                "COVIDx split file", "");
    }

    /** Describes a COVIDx split file and its image folder. */
    public static final class Builder {

        private Path splitFile;
        private Path imageFolder;
        private LabelMap labelMap = LabelMap.threeClass();
        private String name;

        private Builder() {}

        /**
         * Sets the split file, such as {@code train.txt}. Required.
         *
         * @param splitFile the file
         * @return this builder
         */
        public Builder setSplitFile(Path splitFile) {
            this.splitFile = Objects.requireNonNull(splitFile, "splitFile");
            return this;
        }

        /**
         * Sets the folder the file names are relative to, such as {@code train/}. Required.
         *
         * @param imageFolder the folder
         * @return this builder
         */
        public Builder setImageFolder(Path imageFolder) {
            this.imageFolder = Objects.requireNonNull(imageFolder, "imageFolder");
            return this;
        }

        /**
         * Sets how labels map to classes; {@link LabelMap#threeClass()} by default.
         *
         * @param labelMap the label map
         * @return this builder
         */
        public Builder optLabelMap(LabelMap labelMap) {
            this.labelMap = Objects.requireNonNull(labelMap, "labelMap");
            return this;
        }

        /**
         * Sets the data set's name for reports; by default the split file's name.
         *
         * @param name the name
         * @return this builder
         */
        public Builder optName(String name) {
            this.name = Objects.requireNonNull(name, "name");
            return this;
        }

        /**
         * Reads the split file.
         *
         * @return the data set and the lines left out
         * @throws DatasetException if the file or folder is missing, the file is not UTF-8 or a line
         *     has fewer than three fields
         * @throws IOException if reading fails
         */
        public LoadedDataset build() throws IOException {
            if (splitFile == null || imageFolder == null) {
                throw new IllegalStateException(
                        "Call setSplitFile(Path) and setImageFolder(Path) before build()");
            }
            return new CovidxSplitFile(this).load();
        }
    }
}
