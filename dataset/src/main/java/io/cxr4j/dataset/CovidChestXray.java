package io.cxr4j.dataset;

import io.cxr4j.core.data.Sample;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads the layout of <a href="https://github.com/ieee8023/covid-chestxray-dataset">
 * ieee8023/covid-chestxray-dataset</a>: a {@code metadata.csv} with one row per image and the
 * images in {@code images/}. The Figure1 and Actualmed sets of agchung, which use the same CSV
 * dialect, load with the same code ({@link #figure1(Path)}, {@link #actualmed(Path)}).
 *
 * <p>Columns used (names matched ignoring case): {@code patientid}, {@code finding}, {@code view},
 * {@code modality} (when present), {@code filename} or {@code imagename} (Figure1 has neither: its
 * image is the patient id with {@code .jpg} or {@code .png}), and {@code folder} (when present,
 * the image folder of the row; otherwise {@code images}).
 *
 * <p>The finding becomes one of the categories {@code covid}, {@code normal} and {@code pneumonia}:
 * a finding naming COVID-19 (such as {@code COVID-19} or {@code Pneumonia/Viral/COVID-19}) is
 * {@code covid}; {@code No Finding} is {@code normal}; an empty finding, {@code todo} and {@code
 * Unknown} are dropped (the image has no label yet); every other finding (SARS, ARDS, bacterial and
 * other viral pneumonias) is {@code pneumonia}, as COVIDx does. The {@link LabelMap} then maps the
 * category to a class or drops it (the binary map drops {@code pneumonia}).
 *
 * <p>Rows are kept for the views PA, AP and AP Supine and the modality X-ray unless configured
 * otherwise; a Figure1 {@code AP erect} counts as AP, {@code APS} as AP Supine, {@code Lateral} as
 * L. Every row left out, and every listed image that is missing, is reported in {@link
 * LoadedDataset#skipped()} with its reason.
 */
public final class CovidChestXray {

    private static final Logger logger = LoggerFactory.getLogger(CovidChestXray.class);

    /** The frontal views, kept by default. */
    public static final Set<String> FRONTAL_VIEWS = Set.of("PA", "AP", "AP Supine");

    private static final String HEADER = "patientid,...,finding,...,view,modality,...,filename,...";

    private CovidChestXray() {}

    /**
     * A loader for a copy of ieee8023/covid-chestxray-dataset: patient ids become {@code
     * ieee8023-<patientid>} (as in the seed set's metadata) and the source is {@code
     * ieee8023/covid-chestxray-dataset}.
     *
     * @param folder the folder that holds {@code metadata.csv} and {@code images/}
     * @return a builder
     */
    public static Builder ieee8023(Path folder) {
        return new Builder(folder).optName("covid-chestxray").optPatientPrefix("ieee8023-")
                .optSource(DatasetRegistry.IEEE8023_SOURCE);
    }

    /**
     * A loader for a copy of agchung/Figure1-COVID-chestxray-dataset. Figure1 names further images
     * of one patient with a letter suffix ({@code COVID-00003a}, {@code COVID-00003b}); the
     * suffix is removed from the patient id so that they stay on one side of a split.
     *
     * @param folder the folder that holds {@code metadata.csv} and {@code images/}
     * @return a builder
     */
    public static Builder figure1(Path folder) {
        Builder builder = new Builder(folder).optName("figure1").optPatientPrefix("figure1-")
                .optSource("agchung/Figure1-COVID-chestxray-dataset");
        builder.stripPatientSuffix = true;
        return builder;
    }

    /**
     * A loader for a copy of agchung/Actualmed-COVID-chestxray-dataset.
     *
     * @param folder the folder that holds {@code metadata.csv} and {@code images/}
     * @return a builder
     */
    public static Builder actualmed(Path folder) {
        return new Builder(folder).optName("actualmed").optPatientPrefix("actualmed-")
                .optSource("agchung/Actualmed-COVID-chestxray-dataset");
    }

    /**
     * The category of a finding.
     *
     * @param finding the {@code finding} column's value, or {@code null}
     * @return {@code covid}, {@code normal} or {@code pneumonia}; empty when the image has no
     *     usable label (empty, {@code todo}, {@code Unknown})
     */
    public static Optional<String> categoryOf(String finding) {
        if (finding == null || finding.isBlank()) {
            return Optional.empty();
        }
        String f = finding.strip().toLowerCase(Locale.ROOT);
        if (f.equals("todo") || f.equals("unknown") || f.endsWith("/unknown")) {
            return Optional.empty();
        }
        if (f.contains("covid-19") || f.contains("covid19") || f.contains("sars-cov-2")) {
            return Optional.of(LabelMap.COVID);
        }
        if (f.equals("no finding") || f.equals("no findings") || f.equals("normal")) {
            return Optional.of(LabelMap.NORMAL);
        }
        return Optional.of(LabelMap.PNEUMONIA);
    }

    /**
     * The canonical form of a view: {@code PA}, {@code AP}, {@code AP Supine} or {@code L}; other
     * views (CT planes) are returned as written.
     *
     * @param view the {@code view} column's value, or {@code null}
     * @return the canonical view, or {@code null} when none is recorded
     */
    public static String canonicalView(String view) {
        if (view == null || view.isBlank()) {
            return null;
        }
        String v = view.strip().toUpperCase(Locale.ROOT).replaceAll("\\s+", " ");
        return switch (v) {
            case "PA", "PA ERECT" -> "PA";
            case "AP", "AP ERECT", "AP UPRIGHT", "AP SEMI ERECT" -> "AP";
            case "APS", "AP SUPINE" -> "AP Supine";
            case "L", "LATERAL", "LL" -> "L";
            default -> view.strip();
        };
    }

    /** Configures which rows of a covid-chestxray-dataset style folder become samples. */
    public static final class Builder {

        private final Path folder;
        private Path metadataFile;
        private String imageFolder = "images";
        private LabelMap labelMap = LabelMap.threeClass();
        private Set<String> views = FRONTAL_VIEWS;
        private String modality = "X-ray";
        private String name;
        private String patientPrefix = "";
        private String source;
        private boolean stripPatientSuffix;

        private Builder(Path folder) {
            this.folder = Objects.requireNonNull(folder, "folder").toAbsolutePath().normalize();
        }

        /**
         * Sets the metadata file; by default {@code metadata.csv} in the folder.
         *
         * @param file the CSV file
         * @return this builder
         */
        public Builder optMetadataFile(Path file) {
            this.metadataFile = Objects.requireNonNull(file, "file");
            return this;
        }

        /**
         * Sets the image folder, relative to the data set folder, used when a row has no {@code
         * folder} column; {@code images} by default.
         *
         * @param imageFolder the folder name
         * @return this builder
         */
        public Builder optImageFolder(String imageFolder) {
            this.imageFolder = Objects.requireNonNull(imageFolder, "imageFolder");
            return this;
        }

        /**
         * Sets how the categories {@code covid}, {@code normal} and {@code pneumonia} map to
         * classes; {@link LabelMap#threeClass()} by default.
         *
         * @param labelMap the label map
         * @return this builder
         */
        public Builder optLabelMap(LabelMap labelMap) {
            this.labelMap = Objects.requireNonNull(labelMap, "labelMap");
            return this;
        }

        /**
         * Sets the views to keep, in canonical form ({@code PA}, {@code AP}, {@code AP Supine},
         * {@code L}); {@link #FRONTAL_VIEWS} by default.
         *
         * @param views the views
         * @return this builder
         */
        public Builder optViews(String... views) {
            Set<String> canonical = new LinkedHashSet<>();
            for (String view : views) {
                canonical.add(canonicalView(view));
            }
            this.views = Set.copyOf(canonical);
            return this;
        }

        /**
         * Sets the modality to keep, compared ignoring case and punctuation ({@code X-ray}
         * matches {@code Xray}); {@code X-ray} by default, {@code null} keeps every modality.
         *
         * @param modality the modality, or {@code null}
         * @return this builder
         */
        public Builder optModality(String modality) {
            this.modality = modality;
            return this;
        }

        /**
         * Sets the data set's name for reports.
         *
         * @param name the name
         * @return this builder
         */
        public Builder optName(String name) {
            this.name = Objects.requireNonNull(name, "name");
            return this;
        }

        /**
         * Sets what is put before each patient id, so that ids of different sets cannot collide.
         *
         * @param prefix the prefix, may be empty
         * @return this builder
         */
        public Builder optPatientPrefix(String prefix) {
            this.patientPrefix = Objects.requireNonNull(prefix, "prefix");
            return this;
        }

        /**
         * Sets the source recorded in every sample.
         *
         * @param source the source, or {@code null}
         * @return this builder
         */
        public Builder optSource(String source) {
            this.source = source;
            return this;
        }

        /**
         * Reads the metadata and keeps the rows that pass the filters.
         *
         * @return the data set and the rows left out
         * @throws DatasetException if the metadata file is missing, not UTF-8, malformed or lacks
         *     a required column
         * @throws IOException if reading fails
         */
        public LoadedDataset build() throws IOException {
            Path csvFile = metadataFile != null ? metadataFile : folder.resolve("metadata.csv");
            if (!Files.isRegularFile(csvFile)) {
                throw new DatasetException("No metadata file " + csvFile + ". A covid-chestxray-"
                        + "dataset style folder holds metadata.csv and images/; pass the folder of"
                        + " a clone of github.com/ieee8023/covid-chestxray-dataset (or of the"
                        + " Figure1 or Actualmed sets).");
            }
            Csv csv = Csv.read(csvFile);
            String what = "covid-chestxray-dataset metadata";
            int patientCol = csv.requireColumn(what, HEADER, "patientid", "patient_id", "patient id");
            int findingCol = csv.requireColumn(what, HEADER, "finding");
            int viewCol = csv.requireColumn(what, HEADER, "view");
            int modalityCol = csv.column("modality");
            int fileCol = csv.column("filename", "imagename");
            int folderCol = csv.column("folder");
            if (modalityCol < 0 && modality != null) {
                logger.warn("{} has no modality column; keeping every row regardless of modality",
                        csvFile);
            }
            ListedImages listed = new ListedImages(csvFile, folder, true);
            for (Csv.Row row : csv.rows()) {
                String patient = Csv.value(row, patientCol);
                Path image = imageOf(row, fileCol, folderCol, patient);
                if (image == null) {
                    listed.skip(csvFile, row.line(), "no image file name");
                    continue;
                }
                String finding = Csv.value(row, findingCol);
                Optional<String> category = categoryOf(finding);
                String reason = null;
                String label = null;
                String view = canonicalView(Csv.value(row, viewCol));
                String rowModality = Csv.value(row, modalityCol);
                if (modality != null && modalityCol >= 0 && !sameModality(modality, rowModality)) {
                    reason = "modality " + rowModality + ", not " + modality;
                } else if (view == null) {
                    reason = "no view recorded";
                } else if (!views.contains(view)) {
                    reason = "view " + view + ", not one of " + views;
                } else if (category.isEmpty()) {
                    reason = "finding '" + (finding == null ? "" : finding) + "' gives no label";
                } else {
                    label = labelMap.labelOf(category.get()).orElse(null);
                    if (label == null) {
                        reason = "finding '" + finding + "' (" + category.get()
                                + ") is not in the label set";
                    }
                }
                if (reason != null) {
                    listed.skip(image, row.line(), reason);
                    continue;
                }
                listed.add(new Sample(image, label, patientId(patient), view, source), row.line());
            }
            return listed.build(labelMap, name != null ? name : String.valueOf(folder.getFileName()),
                    "metadata", " Check the view and modality filters and that the images are in "
                            + folder.resolve(imageFolder) + ".");
        }

        private Path imageOf(Csv.Row row, int fileCol, int folderCol, String patient) {
            String subfolder = folderCol >= 0 && Csv.value(row, folderCol) != null
                    ? Csv.value(row, folderCol) : imageFolder;
            Path dir = folder.resolve(subfolder);
            String fileName = Csv.value(row, fileCol);
            if (fileName != null) {
                return dir.resolve(fileName).normalize();
            }
            if (fileCol >= 0 || patient == null) {
                return null;
            }
            // Figure1's metadata has no file name column: the image is named after the patient id.
            for (String extension : List.of(".jpg", ".png", ".jpeg")) {
                Path candidate = dir.resolve(patient + extension);
                if (Files.isRegularFile(candidate)) {
                    return candidate;
                }
            }
            return dir.resolve(patient + ".jpg");
        }

        private String patientId(String patient) {
            if (patient == null) {
                return null;
            }
            String id = stripPatientSuffix ? patient.replaceFirst("(\\d)[a-z]$", "$1") : patient;
            return patientPrefix + id;
        }

        private static boolean sameModality(String wanted, String actual) {
            return actual != null && normalize(actual).equals(normalize(wanted));
        }

        private static String normalize(String modality) {
            return modality.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
        }
    }
}
