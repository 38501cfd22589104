package io.cxr4j.dataset;

import io.cxr4j.dataset.download.ArchiveDownloader;
import io.cxr4j.dataset.download.FileSetDownloader;
import io.cxr4j.dataset.download.RemoteFile;
import io.cxr4j.dataset.download.ZipExtractor;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Where the named public data sets besides {@code seed} (see {@link SeedDownloader}) are
 * downloaded from, as preconfigured downloaders; tests and mirrors change the URL and HTTP client
 * on the returned builders.
 *
 * <p><b>darkcovidnet</b> is downloaded file by file from the {@code X-Ray Image DataSet} folder of
 * github.com/muhammedtalo/COVID-19 at the pinned commit {@value #DARKCOVIDNET_COMMIT} (the
 * folder has not changed since commit 9e151f8 of 22 April 2020), 1,125 files, about 414 MB:
 * {@code Covid-19/} 125, {@code No_findings/} 500, {@code Pneumonia/} 500. Every file is verified
 * against the SHA-256 computed from that commit's git objects, except {@code
 * Covid-19/covid-19-pneumonia-14-PA.png} (over 4 MB, its content was not available when the list
 * was made), which is verified against its git blob id from the commit's tree. Per-file
 * downloads rather than the repository archive because the archive also carries the authors'
 * notebooks and cannot be verified before it is complete, while single files are verified and
 * resumed one by one. (The copy under the project's shared data folder was resized and
 * re-encoded; its files do not match these checksums and are not meant to.)
 *
 * <p><b>hannover</b> is downloaded file by file from the {@code png/} folder of
 * github.com/ml-workgroup/covid-19-image-repository (Hannover Medical School, CC BY 3.0), 243
 * COVID-19 radiographs of 71 patients, about 130 MB, into {@code hannover/covid/}; every file is
 * verified against the SHA-256 of the copy this library was made with. The repository's
 * default branch is fetched ({@code HEAD}): should it ever change a listed file, the download
 * fails on that file's checksum instead of delivering other images. Its {@code metadata.csv}
 * (patient id {@code mhh-} + the source's id, view, source) ships with this library, made from the
 * repository's {@code data.csv}.
 *
 * <p><b>covid-chestxray</b> (ieee8023/covid-chestxray-dataset) is downloaded as GitHub's zip
 * archive of the repository's default branch, {@code master}, and only {@code metadata.csv} and
 * {@code images/} are extracted (not the CT volumes or scripts). The repository is still edited, so
 * no commit is pinned and no checksum is known: each download gets the current state, and two
 * downloads may differ. One archive rather than per-file downloads because the list of files
 * changes with every commit, so it cannot be shipped with this library. The archive is extracted
 * safely (see {@link ZipExtractor}); GitHub generates it on the fly, so an interrupted download
 * usually restarts rather than resumes.
 */
public final class PublicDownloads {

    /** The commit of github.com/muhammedtalo/COVID-19 that darkcovidnet is downloaded from. */
    public static final String DARKCOVIDNET_COMMIT = "ee3e2cffc0824711bed675275506b26f19be7198";

    /** The {@code X-Ray Image DataSet} folder at {@link #DARKCOVIDNET_COMMIT}. */
    public static final URI DARKCOVIDNET_BASE_URL = URI.create(
            "https://raw.githubusercontent.com/muhammedtalo/COVID-19/" + DARKCOVIDNET_COMMIT
                    + "/X-Ray%20Image%20DataSet/");

    /** GitHub's zip archive of ieee8023/covid-chestxray-dataset's default branch. */
    public static final URI COVID_CHESTXRAY_ARCHIVE_URL = URI.create(
            "https://github.com/ieee8023/covid-chestxray-dataset/archive/refs/heads/master.zip");

    /** The repository of the {@code hannover} set, its default branch. */
    public static final URI HANNOVER_BASE_URL = URI.create(
            "https://raw.githubusercontent.com/ml-workgroup/covid-19-image-repository/HEAD/");

    private static final String DARKCOVIDNET_CHECKSUMS = "darkcovidnet-sha256.txt";
    private static final String HANNOVER_CHECKSUMS = "hannover-sha256.txt";
    private static final String HANNOVER_METADATA = "hannover-metadata.csv";
    /** The folder of the repository that holds the images, and the class folder they go into. */
    private static final String HANNOVER_REMOTE_FOLDER = "png";
    private static final String HANNOVER_CLASS_FOLDER = "covid";

    private PublicDownloads() {}

    /**
     * The files of darkcovidnet at {@link #DARKCOVIDNET_COMMIT} with their checksums.
     *
     * @return the 1,125 files, sorted by path
     */
    public static List<RemoteFile> darkcovidnetFiles() {
        return bundledList(DARKCOVIDNET_CHECKSUMS);
    }

    /**
     * The files of hannover with their checksums, as the repository names them ({@code png/...}).
     *
     * @return the 243 files, sorted by path
     */
    public static List<RemoteFile> hannoverFiles() {
        return bundledList(HANNOVER_CHECKSUMS);
    }

    /**
     * A downloader for hannover from {@link #HANNOVER_BASE_URL}, every file verified; the images
     * are put into {@code covid/} and the bundled {@code metadata.csv} beside them.
     *
     * @return a builder ready to build; its URL, HTTP client and progress can be changed
     */
    public static FileSetDownloader.Builder hannover() {
        return FileSetDownloader.builder().setName(DatasetRegistry.HANNOVER)
                .setBaseUrl(HANNOVER_BASE_URL).setFiles(hannoverFiles())
                .optFinisher(PublicDownloads::arrangeHannover)
                .optLayoutHint("hannover/covid (the png/ folder of"
                        + " github.com/ml-workgroup/covid-19-image-repository) and hannover/metadata.csv");
    }

    private static void arrangeHannover(Path folder) throws IOException {
        Files.move(folder.resolve(HANNOVER_REMOTE_FOLDER), folder.resolve(HANNOVER_CLASS_FOLDER));
        try (InputStream metadata = resource(HANNOVER_METADATA)) {
            Files.copy(metadata, folder.resolve(MetadataCsv.FILE_NAME));
        }
    }

    private static List<RemoteFile> bundledList(String name) {
        try (InputStream in = resource(name)) {
            return RemoteFile.readList(in, name);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the bundled resource " + name, e);
        }
    }

    private static InputStream resource(String name) throws IOException {
        InputStream in = PublicDownloads.class.getResourceAsStream(name);
        if (in == null) {
            throw new IOException("Resource " + name + " is missing from the cxr4j-dataset jar");
        }
        return in;
    }

    /**
     * A downloader for darkcovidnet from {@link #DARKCOVIDNET_BASE_URL}, every file verified.
     *
     * @return a builder ready to build; its URL, HTTP client and progress can be changed
     */
    public static FileSetDownloader.Builder darkcovidnet() {
        return FileSetDownloader.builder().setName(DatasetRegistry.DARKCOVIDNET)
                .setBaseUrl(DARKCOVIDNET_BASE_URL).setFiles(darkcovidnetFiles())
                .optLayoutHint("darkcovidnet/Covid-19, darkcovidnet/No_findings and"
                        + " darkcovidnet/Pneumonia");
    }

    /**
     * A downloader for covid-chestxray from {@link #COVID_CHESTXRAY_ARCHIVE_URL}: unpinned and
     * without a checksum, {@code metadata.csv} and {@code images/} extracted from the archive's
     * top folder.
     *
     * @return a builder ready to build; its URL, HTTP client, progress and limits can be changed
     */
    public static ArchiveDownloader.Builder covidChestXray() {
        return ArchiveDownloader.builder().setName(DatasetRegistry.COVID_CHESTXRAY)
                .setUrl(COVID_CHESTXRAY_ARCHIVE_URL)
                .optExtractor(ZipExtractor.builder().optStripComponents(1)
                        .optFilter(p -> p.equals(MetadataCsv.FILE_NAME) || p.startsWith("images/"))
                        .build())
                .optRequiredPaths(MetadataCsv.FILE_NAME, "images")
                .optLayoutHint("covid-chestxray/metadata.csv and covid-chestxray/images/ (a"
                        + " checkout of github.com/ieee8023/covid-chestxray-dataset)");
    }
}
