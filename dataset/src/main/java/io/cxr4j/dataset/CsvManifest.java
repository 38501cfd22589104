package io.cxr4j.dataset;

import io.cxr4j.core.data.Sample;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Loads a user's own data from a CSV manifest: a header with {@code path} and {@code label} and
 * optionally {@code patient_id}, {@code view} and {@code source}, one row per image. Relative
 * paths are resolved against the manifest's folder (or the folder set with {@link
 * Builder#optBaseFolder(Path)}); {@code \} separators are accepted. A DICOM image ({@code .dcm},
 * {@code .dicom}) whose row gives no patient id or view gets those of its header: Patient ID
 * (0010,0020) and View Position (0018,5101).
 *
 * <p>Labels go through the {@link LabelMap} like folder names; the default {@link
 * LabelMap#identity()} keeps them as written, in alphabetical order. Rows with a dropped or unknown
 * label, and images that are missing, are reported in {@link LoadedDataset#skipped()}. A missing
 * column, an empty path or label, a file that is not UTF-8 and an unclosed quote are errors that
 * name the file and line.
 */
public final class CsvManifest {

    private static final String HEADER = "path,label[,patient_id,view,source]";

    private final Path manifest;
    private final Path baseFolder;
    private final LabelMap labelMap;
    private final String name;

    private CsvManifest(Builder builder) {
        this.manifest = builder.manifest.toAbsolutePath().normalize();
        this.baseFolder = (builder.baseFolder != null ? builder.baseFolder : manifest.getParent())
                .toAbsolutePath().normalize();
        this.labelMap = builder.labelMap;
        this.name = builder.name;
    }

    /**
     * Starts describing a manifest to load.
     *
     * @return a builder
     */
    public static Builder builder() {
        return new Builder();
    }

    private LoadedDataset load() throws IOException {
        if (!Files.isRegularFile(manifest)) {
            throw new DatasetException("No manifest file " + manifest + ". Write a CSV file with the"
                    + " header " + HEADER + " and one row per image.");
        }
        Csv csv = Csv.read(manifest);
        String what = "a CSV manifest";
        int pathCol = csv.requireColumn(what, HEADER, "path", "image", "filename");
        int labelCol = csv.requireColumn(what, HEADER, "label", "class");
        int patientCol = csv.column("patient_id", "patientid", "patient");
        int viewCol = csv.column("view");
        int sourceCol = csv.column("source");
        // Users' manifests may point anywhere (absolute paths, ../images), so they are not confined.
        ListedImages listed = new ListedImages(manifest, baseFolder, false);
        for (Csv.Row row : csv.rows()) {
            String path = Csv.value(row, pathCol);
            String rawLabel = Csv.value(row, labelCol);
            if (path == null || rawLabel == null) {
                throw new DatasetException("Line " + row.line() + " of manifest " + manifest
                        + " has an empty " + (path == null ? "path" : "label") + ": "
                        + csv.describe(row) + ". Every row needs a path and a label.");
            }
            Path image = baseFolder.resolve(path.replace('\\', '/')).normalize();
            String label = labelMap.labelOf(rawLabel).orElse(null);
            if (label == null) {
                listed.skip(image, row.line(), ListedImages.unlabelled(labelMap, rawLabel));
                continue;
            }
            listed.add(DicomHeaders.fillIn(new Sample(image, label, Csv.value(row, patientCol),
                    Csv.value(row, viewCol), Csv.value(row, sourceCol))), row.line());
        }
        return listed.build(labelMap, name != null ? name : manifest.getFileName().toString(),
                "manifest", "");
    }

    /** Describes a manifest to load. */
    public static final class Builder {

        private Path manifest;
        private Path baseFolder;
        private LabelMap labelMap = LabelMap.identity();
        private String name;

        private Builder() {}

        /**
         * Sets the manifest file. Required.
         *
         * @param manifest the CSV file
         * @return this builder
         */
        public Builder setManifest(Path manifest) {
            this.manifest = Objects.requireNonNull(manifest, "manifest");
            return this;
        }

        /**
         * Sets the folder relative paths are resolved against; by default the manifest's folder.
         *
         * @param baseFolder the folder
         * @return this builder
         */
        public Builder optBaseFolder(Path baseFolder) {
            this.baseFolder = Objects.requireNonNull(baseFolder, "baseFolder");
            return this;
        }

        /**
         * Sets how labels map to classes; {@link LabelMap#identity()} by default.
         *
         * @param labelMap the label map
         * @return this builder
         */
        public Builder optLabelMap(LabelMap labelMap) {
            this.labelMap = Objects.requireNonNull(labelMap, "labelMap");
            return this;
        }

        /**
         * Sets the data set's name for reports; by default the manifest's file name.
         *
         * @param name the name
         * @return this builder
         */
        public Builder optName(String name) {
            this.name = Objects.requireNonNull(name, "name");
            return this;
        }

        /**
         * Reads the manifest.
         *
         * @return the data set and the rows left out
         * @throws DatasetException if the manifest is missing, malformed, not UTF-8, lacks the
         *     path or label column, or has a row with an empty path or label
         * @throws IOException if reading fails
         */
        public LoadedDataset build() throws IOException {
            if (manifest == null) {
                throw new IllegalStateException("Call setManifest(Path) before build()");
            }
            return new CsvManifest(this).load();
        }
    }
}
