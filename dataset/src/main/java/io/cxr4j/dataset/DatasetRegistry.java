package io.cxr4j.dataset;

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
 *       <td>downloaded and verified by {@link SeedDownloader}, unless turned off</td></tr>
 *   <tr><td>{@code darkcovidnet}</td><td>{@code Covid-19/}, {@code No_findings/},
 *       {@code Pneumonia/}</td><td>an error saying where to get it</td></tr>
 * </table>
 *
 * <p>Named sets carry their known sources: darkcovidnet's {@code Covid-19/} images are from
 * {@value #IEEE8023_SOURCE}, its other folders from {@value #NIH_SOURCE}, whose file names also
 * give the patient ids (see {@link FolderDataset}).
 */
public final class DatasetRegistry {

    /** The 50-image COVID-19-Detection set; see {@link SeedDownloader}. */
    public static final String SEED = SeedDownloader.NAME;

    /** The 1,124-image DarkCovidNet set (Ozturk et al. 2020). */
    public static final String DARKCOVIDNET = "darkcovidnet";

    /** The source of DarkCovidNet's COVID-19 images (and of seed's). */
    public static final String IEEE8023_SOURCE = "ieee8023/covid-chestxray-dataset";

    /** The source of DarkCovidNet's No_findings and Pneumonia images. */
    public static final String NIH_SOURCE = "NIH ChestX-ray8";

    /**
     * Per named set, where each class folder's images come from. Seed records its sources in its
     * metadata.csv; a set listed here has none, and without sources the source-confounding check
     * cannot see that its classes come from different archives.
     */
    private static final Map<String, Map<String, String>> FOLDER_SOURCES = Map.of(
            DARKCOVIDNET, Map.of(
                    "Covid-19", IEEE8023_SOURCE,
                    "No_findings", NIH_SOURCE,
                    "Pneumonia", NIH_SOURCE));

    /** Where each named set comes from, for the message when it is missing. */
    private static final Map<String, String> SOURCES = sources();

    private final DataDirectory dataDirectory;
    private final SeedDownloader seedDownloader;
    private final boolean downloadSeed;

    private DatasetRegistry(Builder builder) {
        this.dataDirectory =
                builder.dataDirectory != null ? builder.dataDirectory : DataDirectory.resolve();
        this.seedDownloader =
                builder.seedDownloader != null ? builder.seedDownloader : SeedDownloader.builder().build();
        this.downloadSeed = builder.downloadSeed;
    }

    /**
     * A registry on this process's data root ({@link DataDirectory#resolve()}) that downloads
     * {@code seed} from its public source when it is missing.
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
     * Loads a named data set, downloading {@code seed} first if it is missing and downloads are
     * on.
     *
     * @param name a name from {@link #names()}
     * @param labelMap how its folders map to classes, such as {@link LabelMap#binary()}
     * @return the loaded data set
     * @throws IllegalArgumentException if the name is unknown
     * @throws DatasetException if the set is missing and cannot be downloaded, or its layout
     *     does not fit the label map
     * @throws IOException if reading or downloading fails
     */
    public FolderDataset load(String name, LabelMap labelMap) throws IOException {
        Path folder = folderOf(name);
        if (!Files.exists(folder)) {
            if (name.equals(SEED) && downloadSeed) {
                seedDownloader.download(dataDirectory);
            } else {
                throw new DatasetException("Data set '" + name + "' is not in the data root "
                        + dataDirectory + ": expected the folder " + folder + ". Get it from "
                        + SOURCES.get(name) + " and point " + DataDirectory.ENV + " (or -D"
                        + DataDirectory.PROPERTY + ", or the --data PATH option) at the folder"
                        + " that holds " + name + "/.");
            }
        }
        FolderDataset.Builder builder =
                FolderDataset.builder().setFolder(folder).optName(name).optLabelMap(labelMap);
        FOLDER_SOURCES.getOrDefault(name, Map.of()).forEach(builder::optSource);
        return builder.build();
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

    private static void requireKnown(String name) {
        if (!SOURCES.containsKey(name)) {
            throw new IllegalArgumentException("Unknown data set '" + name + "'; known: "
                    + SOURCES.keySet() + ". To load another folder, use load(Path, LabelMap).");
        }
    }

    private static Map<String, String> sources() {
        Map<String, String> sources = new LinkedHashMap<>();
        sources.put(SEED, "the dataset folder of github.com/hardiknahata/COVID-19-Detection");
        sources.put(DARKCOVIDNET, "the \"X-Ray Image DataSet\" folder of github.com/muhammedtalo/COVID-19");
        return Collections.unmodifiableMap(sources);
    }

    /** Configures a {@link DatasetRegistry}. */
    public static final class Builder {

        private DataDirectory dataDirectory;
        private SeedDownloader seedDownloader;
        private boolean downloadSeed = true;

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
            this.seedDownloader = Objects.requireNonNull(seedDownloader, "seedDownloader");
            return this;
        }

        /**
         * Sets whether a missing {@code seed} is downloaded; on by default.
         *
         * @param enabled whether to download
         * @return this builder
         */
        public Builder optDownloadSeed(boolean enabled) {
            this.downloadSeed = enabled;
            return this;
        }

        /** @return the registry */
        public DatasetRegistry build() {
            return new DatasetRegistry(this);
        }
    }
}
