package io.cxr4j.dataset;

import io.cxr4j.dataset.download.DatasetDownloader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Finds the named public data sets under the {@link DataDirectory data root} and loads them, or
 * any other folder-per-class data set, with a {@link LabelMap} chosen by the caller.
 *
 * <table>
 *   <caption>Named data sets</caption>
 *   <tr><th>name</th><th>folders</th><th>when missing</th></tr>
 *   <tr><td>{@code seed}</td><td>{@code covid/}, {@code normal/}</td>
 *       <td>downloaded and verified by {@link SeedDownloader}</td></tr>
 *   <tr><td>{@code darkcovidnet}</td><td>{@code Covid-19/}, {@code No_findings/},
 *       {@code Pneumonia/}</td><td>downloaded and verified, see {@link
 *       PublicDownloads#darkcovidnet()}</td></tr>
 *   <tr><td>{@code hannover}</td><td>{@code covid/}, {@code metadata.csv}</td>
 *       <td>downloaded and verified, see {@link PublicDownloads#hannover()}</td></tr>
 *   <tr><td>{@code covid-chestxray}</td><td>{@code metadata.csv}, {@code images/}</td>
 *       <td>downloaded as an archive, unverified, see {@link
 *       PublicDownloads#covidChestXray()}; loaded with {@link #loadCovidChestXray(LabelMap)}
 *       </td></tr>
 * </table>
 *
 * <p>A missing named set is downloaded into the data root on first use, unless downloads are
 * turned off ({@link Builder#optDownloads(boolean)}), in which case the error says where to get
 * it. While cxr4j's offline switch is on, downloads from other machines are refused (see {@link
 * io.cxr4j.dataset.download.HttpDownloader}).
 *
 * <p>Each named folder set is defined here with what its files do not say: where each class
 * folder's images come from and how their names encode patient ids (its {@link PatientIdRule}),
 * as torchxrayvision's data set classes each carry their own. Seed's {@code metadata.csv} records
 * its patients and sources, and its {@code normal/} names are Kermany's; darkcovidnet's {@code
 * Covid-19/} images are from {@value #IEEE8023_SOURCE} and grouped by case report, its other
 * folders from {@value #NIH_SOURCE}, whose names give the patient. A folder loaded by path has no
 * definition and gets {@link PatientIdRule#knownNamingSchemes()}.
 */
public final class DatasetRegistry {

    /** The 50-image COVID-19-Detection set; see {@link SeedDownloader}. */
    public static final String SEED = SeedDownloader.NAME;

    /** The 1,124-image DarkCovidNet set (Ozturk et al. 2020). */
    public static final String DARKCOVIDNET = "darkcovidnet";

    /**
     * 243 COVID-19 radiographs of 71 patients from Hannover Medical School's own archive: COVID-19
     * images of a source independent of ieee8023, and no normal images.
     */
    public static final String HANNOVER = "hannover";

    /** The source of hannover's images, as its metadata.csv names it. */
    public static final String HANNOVER_SOURCE = "Hannover Medical School (ml-workgroup/covid-19-image-repository)";

    /** The ieee8023/covid-chestxray-dataset layout: {@code metadata.csv} and {@code images/}. */
    public static final String COVID_CHESTXRAY = "covid-chestxray";

    /** The source of DarkCovidNet's COVID-19 images (and of seed's). */
    public static final String IEEE8023_SOURCE = "ieee8023/covid-chestxray-dataset";

    /** How a message names the setting of the data root, which the CLI calls its data option. */
    public static final String DATA_ROOT_CALL = "DatasetRegistry.Builder.optDataRoot(Path)";

    /** How a message names loading a folder of one's own, which the CLI calls its data option. */
    public static final String LOAD_FOLDER_CALL = "DatasetRegistry.load(Path, LabelMap)";

    /** The source of DarkCovidNet's No_findings and Pneumonia images. */
    public static final String NIH_SOURCE = "NIH ChestX-ray8";

    /**
     * What the registry knows about a named folder-per-class set beyond its files.
     *
     * @param sourceByFolder where each class folder's images come from, for a set whose
     *     metadata.csv does not say: without sources the source-confounding check cannot see that
     *     classes come from different archives
     * @param patientIds how the set's image names encode patient ids
     * @param someClassesOnly whether the set holds images of some classes only (hannover: COVID-19)
     */
    private record FolderSetDefinition(Map<String, String> sourceByFolder, PatientIdRule patientIds,
            boolean someClassesOnly) {

        FolderDataset.Builder configure(FolderDataset.Builder builder) {
            sourceByFolder.forEach(builder::optSource);
            return builder.optPatientIdRule(patientIds).optMissingClassesAllowed(someClassesOnly);
        }
    }

    /** The named folder-per-class sets. */
    private static final Map<String, FolderSetDefinition> FOLDER_SETS = Map.of(
            SEED, new FolderSetDefinition(Map.of(), PatientIdRule.kermany(), false),
            DARKCOVIDNET, new FolderSetDefinition(
                    Map.of("Covid-19", IEEE8023_SOURCE, "No_findings", NIH_SOURCE, "Pneumonia", NIH_SOURCE),
                    PatientIdRule.caseReports().forSource(IEEE8023_SOURCE)
                            .orElse(PatientIdRule.nihChestXray().forSource(NIH_SOURCE)), false),
            // metadata.csv gives every image its patient, view and source; names encode nothing.
            HANNOVER, new FolderSetDefinition(Map.of("covid", HANNOVER_SOURCE), PatientIdRule.none(), true));

    /** Where each named set comes from, for the message when it is missing. */
    private static final Map<String, String> SOURCES = sources();

    private final DataDirectory dataDirectory;
    private final Map<String, DatasetDownloader> downloaders;
    private final boolean downloads;

    private DatasetRegistry(Builder builder) {
        this.dataDirectory =
                builder.dataDirectory != null ? builder.dataDirectory : DataDirectory.resolve();
        this.downloaders = Map.copyOf(builder.downloaders);
        this.downloads = builder.downloads;
    }

    /**
     * A registry on this process's data root ({@link DataDirectory#resolve()}) that downloads a
     * named set from its public source when it is missing.
     *
     * @return the registry
     */
    public static DatasetRegistry create() {
        return builder().build();
    }

    /**
     * Starts configuring a registry.
     *
     * @return a builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the data root the named sets are looked for in */
    public DataDirectory dataDirectory() {
        return dataDirectory;
    }

    /** @return the names {@link #load(String, LabelMap)} accepts */
    public Set<String> names() {
        return SOURCES.keySet();
    }

    /**
     * Where a named data set is, or would be, on disk.
     *
     * @param name a name from {@link #names()}
     * @return {@code dataRoot/name}
     * @throws IllegalArgumentException if the name is unknown
     */
    public Path folderOf(String name) {
        requireKnown(name);
        return dataDirectory.folder(name);
    }

    /**
     * The folder of a named data set, downloaded first if it is missing and downloads are on.
     *
     * @param name a name from {@link #names()}
     * @return the data set's folder, which exists
     * @throws IllegalArgumentException if the name is unknown
     * @throws DatasetException if the set is missing and cannot be downloaded; the message says
     *     why and how to use a local copy
     * @throws IOException if downloading fails
     */
    public Path ensure(String name) throws IOException {
        Path folder = folderOf(name);
        if (!Files.exists(folder)) {
            if (!downloads) {
                throw new DatasetException("Data set '" + name + "' is not in the data root "
                        + dataDirectory + ": expected the folder " + folder + ". Get it from "
                        + SOURCES.get(name) + " and point " + DataDirectory.ENV + " (or -D"
                        + DataDirectory.PROPERTY + ", or " + DATA_ROOT_CALL + ") at the folder"
                        + " that holds " + name + "/.");
            }
            downloader(name).download(dataDirectory);
        }
        return folder;
    }

    /**
     * Loads a named folder-per-class data set ({@code seed}, {@code darkcovidnet}, {@code
     * hannover}), downloading
     * it first if it is missing and downloads are on.
     *
     * @param name a name from {@link #names()} other than {@value #COVID_CHESTXRAY}
     * @param labelMap how its folders map to classes, such as {@link LabelMap#binary()}
     * @return the loaded data set
     * @throws IllegalArgumentException if the name is unknown or is {@value #COVID_CHESTXRAY},
     *     which is not folder-per-class
     * @throws DatasetException if the set is missing and cannot be downloaded, or its layout
     *     does not fit the label map
     * @throws IOException if reading or downloading fails
     */
    public FolderDataset load(String name, LabelMap labelMap) throws IOException {
        if (name.equals(COVID_CHESTXRAY)) {
            throw new IllegalArgumentException("Data set '" + COVID_CHESTXRAY + "' has a"
                    + " metadata.csv instead of one folder per class; load it with"
                    + " loadCovidChestXray(LabelMap), or with CovidChestXray.ieee8023(folderOf(\""
                    + COVID_CHESTXRAY + "\")) for other views or modalities.");
        }
        return folderSet(name, labelMap).build();
    }

    /**
     * Loads a named folder-per-class set as a member of a {@link DatasetUnion}: as {@link
     * #load(String, LabelMap)} does, but allowed to lack classes of the label map, which the other
     * members may hold.
     */
    FolderDataset loadUnionMember(String name, LabelMap labelMap) throws IOException {
        return folderSet(name, labelMap).optMissingClassesAllowed(true).build();
    }

    /** A named folder-per-class set's loader, configured with what the registry knows about it. */
    private FolderDataset.Builder folderSet(String name, LabelMap labelMap) throws IOException {
        Path folder = ensure(name);
        return FOLDER_SETS.get(name)
                .configure(FolderDataset.builder().setFolder(folder).optName(name).optLabelMap(labelMap));
    }

    /**
     * Starts a union of named sets of this registry and folders, loaded with one label map and
     * joined into one data set.
     *
     * @return a builder
     */
    public DatasetUnion.Builder union() {
        return new DatasetUnion.Builder(this);
    }

    /**
     * Loads {@value #COVID_CHESTXRAY} with {@link CovidChestXray#ieee8023(Path)}'s defaults
     * (frontal X-rays), downloading it first if it is missing and downloads are on.
     *
     * @param labelMap how the categories covid, normal and pneumonia map to classes
     * @return the loaded data set and the rows left out
     * @throws DatasetException if the set is missing and cannot be downloaded, or its
     *     metadata.csv cannot be read
     * @throws IOException if reading or downloading fails
     */
    public LoadedDataset loadCovidChestXray(LabelMap labelMap) throws IOException {
        return CovidChestXray.ieee8023(ensure(COVID_CHESTXRAY)).optLabelMap(labelMap).build();
    }

    /**
     * Loads any folder with one subfolder per class.
     *
     * @param folder the data set folder
     * @param labelMap how its folders map to classes
     * @return the loaded data set
     * @throws DatasetException if the folder is missing or its layout does not fit the label map
     * @throws IOException if reading fails
     */
    public FolderDataset load(Path folder, LabelMap labelMap) throws IOException {
        return FolderDataset.builder().setFolder(folder).optLabelMap(labelMap).build();
    }

    private DatasetDownloader downloader(String name) {
        DatasetDownloader configured = downloaders.get(name);
        if (configured != null) {
            return configured;
        }
        return switch (name) {
            case SEED -> SeedDownloader.builder().build();
            case DARKCOVIDNET -> PublicDownloads.darkcovidnet().build();
            case HANNOVER -> PublicDownloads.hannover().build();
            case COVID_CHESTXRAY -> PublicDownloads.covidChestXray().build();
            default -> throw new IllegalArgumentException("No downloader for '" + name + "'");
        };
    }

    private static void requireKnown(String name) {
        if (!SOURCES.containsKey(name)) {
            throw new IllegalArgumentException("Unknown data set '" + name + "'; known: "
                    + SOURCES.keySet() + ". To use a folder of your own, give its path instead ("
                    + LOAD_FOLDER_CALL + ").");
        }
    }

    private static Map<String, String> sources() {
        Map<String, String> sources = new LinkedHashMap<>();
        sources.put(SEED, "the dataset folder of github.com/hardiknahata/COVID-19-Detection");
        sources.put(DARKCOVIDNET, "the \"X-Ray Image DataSet\" folder of github.com/muhammedtalo/COVID-19");
        sources.put(HANNOVER, "the png/ folder of github.com/ml-workgroup/covid-19-image-repository");
        sources.put(COVID_CHESTXRAY, "github.com/ieee8023/covid-chestxray-dataset (metadata.csv and"
                + " images/)");
        return Collections.unmodifiableMap(sources);
    }

    /** Configures a {@link DatasetRegistry}. */
    public static final class Builder {

        private DataDirectory dataDirectory;
        private final Map<String, DatasetDownloader> downloaders = new LinkedHashMap<>();
        private boolean downloads = true;

        private Builder() {}

        /**
         * Sets the data root; by default {@link DataDirectory#resolve()}.
         *
         * @param dataDirectory the data root
         * @return this builder
         */
        public Builder optDataDirectory(DataDirectory dataDirectory) {
            this.dataDirectory = Objects.requireNonNull(dataDirectory, "dataDirectory");
            return this;
        }

        /**
         * Sets the data root to a path chosen by the caller, such as a {@code --data} option.
         *
         * @param path the data root
         * @return this builder
         */
        public Builder optDataRoot(Path path) {
            return optDataDirectory(DataDirectory.of(path));
        }

        /**
         * Sets the downloader used when {@code seed} is missing; by default one with {@link
         * SeedDownloader#DEFAULT_BASE_URL}.
         *
         * @param seedDownloader the downloader
         * @return this builder
         */
        public Builder optSeedDownloader(SeedDownloader seedDownloader) {
            return optDownloader(seedDownloader);
        }

        /**
         * Sets the downloader used when the named set it downloads ({@link
         * DatasetDownloader#name()}) is missing, such as one from {@link PublicDownloads} with
         * another URL; by default the one for the set's public source.
         *
         * @param downloader the downloader
         * @return this builder
         * @throws IllegalArgumentException if the downloader's name is not a named set
         */
        public Builder optDownloader(DatasetDownloader downloader) {
            Objects.requireNonNull(downloader, "downloader");
            requireKnown(downloader.name());
            downloaders.put(downloader.name(), downloader);
            return this;
        }

        /**
         * Sets whether a missing named set is downloaded; on by default. When off, a missing set
         * is an error that says where to get it.
         *
         * @param enabled whether to download
         * @return this builder
         */
        public Builder optDownloads(boolean enabled) {
            this.downloads = enabled;
            return this;
        }

        /** @return the registry */
        public DatasetRegistry build() {
            return new DatasetRegistry(this);
        }
    }
}
