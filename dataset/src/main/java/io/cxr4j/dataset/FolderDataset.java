package io.cxr4j.dataset;

import io.cxr4j.core.data.Sample;
import io.cxr4j.core.data.XrayDataset;
import io.cxr4j.core.image.ImageDecoder;
import io.cxr4j.core.io.FileErrors;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A data set read from a folder with one subfolder per class, such as {@code seed/covid} and
 * {@code seed/normal}, together with what the loader left out.
 *
 * <p>Loading rules:
 *
 * <ul>
 *   <li>The {@link LabelMap} decides which subfolders are classes; dropped and unknown folders
 *       are logged and listed in {@link #ignoredFolders()}.
 *   <li>Images are files ending in one of {@link ImageDecoder#FILE_SUFFIXES} ({@code .png},
 *       {@code .jpg}, {@code .jpeg}, {@code .dcm}, {@code .dicom}), ignoring case, anywhere below
 *       a class folder. Other files, hidden files and folders (name starting with
 *       a dot) and unreadable entries are logged and listed in {@link #skipped()}, never fatal.
 *   <li>Samples are sorted by their path relative to the data set folder, compared as strings
 *       with {@code /} separators, so the order (and every seeded split built on it) is the same
 *       on every machine and file system.
 *   <li>If the folder holds a {@code metadata.csv} (header {@code
 *       path,label,patient_id,view,source,note}, paths relative to the folder), its patient id,
 *       view and source are attached to the matching samples.
 *   <li>Images that {@code metadata.csv} gives no source get the source declared for their class
 *       folder with {@link Builder#optSource(String, String)}, if any.
 *   <li>DICOM images ({@code .dcm}, {@code .dicom}) that {@code metadata.csv} gives no patient id
 *       or view get those of their header: Patient ID (0010,0020) and View Position (0018,5101).
 *   <li>Images that still have no patient id get the one their path encodes
 *       under the data set's {@link PatientIdRule} ({@link Builder#optPatientIdRule}), if any;
 *       by default {@link PatientIdRule#knownNamingSchemes()}.
 * </ul>
 *
 * <p>A missing folder, a folder without class subfolders, a class folder without images, a
 * declared class without a folder and a data set with fewer than two classes are errors.
 */
public final class FolderDataset {

    private static final Logger logger = LoggerFactory.getLogger(FolderDataset.class);

    private static final String NOT_AN_IMAGE = "not an image (" + String.join(", ", ImageDecoder.FILE_SUFFIXES) + ")";

    private final Path folder;
    private final LabelMap labelMap;
    private final XrayDataset dataset;
    private final List<SkippedFile> skipped;
    private final List<IgnoredFolder> ignoredFolders;

    private FolderDataset(Path folder, LabelMap labelMap, XrayDataset dataset,
            List<SkippedFile> skipped, List<IgnoredFolder> ignoredFolders) {
        this.folder = folder;
        this.labelMap = labelMap;
        this.dataset = dataset;
        this.skipped = List.copyOf(skipped);
        this.ignoredFolders = List.copyOf(ignoredFolders);
    }

    /**
     * Starts describing a folder to load.
     *
     * @return a builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the data set folder, absolute and normalized */
    public Path folder() {
        return folder;
    }

    /** @return the label map the folder was read with */
    public LabelMap labelMap() {
        return labelMap;
    }

    /** @return the loaded samples and their classes */
    public XrayDataset dataset() {
        return dataset;
    }

    /** @return the files and folders that were not read, sorted by path */
    public List<SkippedFile> skipped() {
        return skipped;
    }

    /** @return the subfolders the label map dropped or does not know, sorted by path */
    public List<IgnoredFolder> ignoredFolders() {
        return ignoredFolders;
    }

    /** @return the subfolders the label map does not know (a typo or an unexpected class) */
    public List<Path> unknownFolders() {
        return ignoredFolders.stream().filter(f -> !f.dropped()).map(IgnoredFolder::folder).toList();
    }

    /** Describes which folder to load and how. */
    public static final class Builder {

        private Path folder;
        private LabelMap labelMap = LabelMap.identity();
        private String name;
        private PatientIdRule patientIdRule = PatientIdRule.knownNamingSchemes();
        private boolean missingClassesAllowed;
        private final Map<String, String> sourceByFolder = new LinkedHashMap<>();

        private Builder() {}

        /**
         * Sets the data set folder, the one that holds the class folders. Required.
         *
         * @param folder the folder
         * @return this builder
         */
        public Builder setFolder(Path folder) {
            this.folder = Objects.requireNonNull(folder, "folder");
            return this;
        }

        /**
         * Sets how folders map to classes; by default {@link LabelMap#identity()}.
         *
         * @param labelMap the label map
         * @return this builder
         */
        public Builder optLabelMap(LabelMap labelMap) {
            this.labelMap = Objects.requireNonNull(labelMap, "labelMap");
            return this;
        }

        /**
         * Sets the data set's name for reports; by default the folder's name.
         *
         * @param name the name
         * @return this builder
         */
        public Builder optName(String name) {
            this.name = Objects.requireNonNull(name, "name");
            return this;
        }

        /**
         * Sets how image paths give a patient id to the images that {@code metadata.csv} gives
         * none; by default {@link PatientIdRule#knownNamingSchemes()}, and {@link
         * PatientIdRule#none()} turns it off.
         *
         * @param rule the data set's rule
         * @return this builder
         */
        public Builder optPatientIdRule(PatientIdRule rule) {
            this.patientIdRule = Objects.requireNonNull(rule, "rule");
            return this;
        }

        /**
         * Allows classes of the label map without a folder, for a collection that holds some
         * classes only (hannover has COVID-19 images alone): such a class has no images, which
         * suits measuring sensitivity on a new source or joining the set with others, not training
         * on it alone. By default a declared class without a folder is an error.
         *
         * @param allowed whether missing class folders are allowed
         * @return this builder
         */
        public Builder optMissingClassesAllowed(boolean allowed) {
            this.missingClassesAllowed = allowed;
            return this;
        }

        /**
         * Declares where the images of one class folder come from, for the samples that {@code
         * metadata.csv} gives no source. Knowing each class's source lets {@link
         * io.cxr4j.core.data.SourceConfounding} warn when classes come from different archives.
         *
         * @param folderName a class folder's name, matched case-insensitively
         * @param source the source, such as {@code NIH ChestX-ray8}
         * @return this builder
         */
        public Builder optSource(String folderName, String source) {
            Objects.requireNonNull(folderName, "folderName");
            Objects.requireNonNull(source, "source");
            sourceByFolder.put(folderName.toLowerCase(Locale.ROOT), source);
            return this;
        }

        /**
         * Reads the folder.
         *
         * @return the loaded data set and what was left out
         * @throws DatasetException if the folder is missing or its layout is not one folder per
         *     class with at least two classes of images
         * @throws IOException if the folder cannot be read
         */
        public FolderDataset build() throws IOException {
            if (folder == null) {
                throw new IllegalStateException("No folder set: call setFolder(Path) before build()");
            }
            return new Loader(this).load();
        }
    }

    /** One load of one folder; collects what it skips on the way. */
    private static final class Loader {

        private final Path root;
        private final LabelMap labelMap;
        private final String name;
        private final PatientIdRule patientIdRule;
        private final Map<String, String> sourceByFolder;
        private final boolean missingClassesAllowed;
        private final List<SkippedFile> skipped = new ArrayList<>();
        private final List<IgnoredFolder> ignored = new ArrayList<>();

        Loader(Builder builder) {
            this.root = builder.folder.toAbsolutePath().normalize();
            this.labelMap = builder.labelMap;
            Path fileName = root.getFileName();
            this.name = builder.name != null ? builder.name
                    : fileName != null ? fileName.toString() : root.toString();
            this.patientIdRule = builder.patientIdRule;
            this.sourceByFolder = Map.copyOf(builder.sourceByFolder);
            this.missingClassesAllowed = builder.missingClassesAllowed;
        }

        FolderDataset load() throws IOException {
            if (!Files.isDirectory(root)) {
                throw new DatasetException("Data set folder " + root + (Files.exists(root)
                        ? " is not a folder" : " does not exist") + ". Pass the folder that holds"
                        + " one subfolder per class (such as covid/ and normal/), or set "
                        + DataDirectory.ENV + " to the folder that holds the named data sets.");
            }
            Map<Path, String> classFolders = new LinkedHashMap<>();
            boolean metadataPresent = scanTopLevel(classFolders);
            Set<String> labelsFound = new LinkedHashSet<>(classFolders.values());
            checkDeclaredClassesPresent(labelsFound);

            List<Path> images = new ArrayList<>();
            for (Map.Entry<Path, String> classFolder : classFolders.entrySet()) {
                images.addAll(imagesOf(classFolder.getKey()));
            }
            Map<String, MetadataCsv.Row> metadata = metadataPresent
                    ? MetadataCsv.read(root.resolve(MetadataCsv.FILE_NAME)) : Map.of();
            List<Sample> samples = new ArrayList<>();
            images.stream()
                    .sorted(Comparator.comparing(this::relative))
                    .forEach(image -> samples.add(sample(image, classFolders, metadata)));

            List<String> classNames = labelMap.classNamesFor(labelsFound);
            if (classNames.size() < 2 && !missingClassesAllowed) {
                throw new DatasetException("Data set folder " + root + " has only one class "
                        + classNames + "; a classifier needs at least two. Add a folder per class,"
                        + " or use a label map that keeps more of its folders (ignored: "
                        + ignored.stream().map(f -> f.folder().getFileName()).toList() + ").");
            }
            skipped.sort(Comparator.comparing(SkippedFile::path));
            ignored.sort(Comparator.comparing(IgnoredFolder::folder));
            XrayDataset dataset = new XrayDataset(name, classNames, samples);
            logger.info("Loaded data set '{}' from {}: {} images {}, {} files skipped, {} folders"
                    + " ignored", name, root, dataset.size(), dataset.countsPerClass(),
                    skipped.size(), ignored.size());
            return new FolderDataset(root, labelMap, dataset, skipped, ignored);
        }

        /** Sorts the folder's direct entries into class folders, ignored folders and skips. */
        private boolean scanTopLevel(Map<Path, String> classFolders) throws IOException {
            List<Path> entries = new ArrayList<>();
            try (DirectoryStream<Path> stream = Files.newDirectoryStream(root)) {
                stream.forEach(entries::add);
            } catch (IOException e) {
                throw new DatasetException("Data set folder " + root + " " + FileErrors.describe(root, e) + ".", e);
            }
            entries.sort(Comparator.naturalOrder());
            boolean metadataPresent = false;
            int subfolders = 0;
            for (Path entry : entries) {
                String entryName = entry.getFileName().toString();
                if (isHidden(entry)) {
                    skip(entry, Files.isDirectory(entry) ? "hidden folder" : "hidden file");
                } else if (Files.isDirectory(entry)) {
                    subfolders++;
                    classify(entry, entryName, classFolders);
                } else if (entryName.equals(MetadataCsv.FILE_NAME)) {
                    metadataPresent = true;
                } else {
                    skip(entry, "file outside the class folders");
                }
            }
            if (subfolders == 0) {
                throw new DatasetException("Data set folder " + root + " has no class subfolders."
                        + " Put the images in one subfolder per class, such as " + root.resolve("covid")
                        + " and " + root.resolve("normal") + ".");
            }
            if (classFolders.isEmpty()) {
                throw new DatasetException("None of the subfolders of " + root + " "
                        + ignored.stream().map(f -> f.folder().getFileName().toString()).toList()
                        + " is one of the classes " + labelMap.describe() + ". Rename the folders to those"
                        + " names; to train on other classes, take the folder names as classes instead"
                        + " (" + LabelMap.IDENTITY_CALL + ").");
            }
            return metadataPresent;
        }

        private void classify(Path folder, String folderName, Map<Path, String> classFolders) {
            Optional<String> label = labelMap.labelOf(folderName);
            if (label.isPresent()) {
                classFolders.put(folder, label.get());
            } else if (labelMap.drops(folderName)) {
                logger.info("Leaving out folder {}: the label map drops it", folder);
                ignored.add(new IgnoredFolder(folder, true));
            } else {
                logger.warn("Ignoring folder {}: it is not one of the classes {}", folder, labelMap.describe());
                ignored.add(new IgnoredFolder(folder, false));
            }
        }

        private void checkDeclaredClassesPresent(Set<String> labelsFound) throws DatasetException {
            for (String label : labelMap.classNames()) {
                if (!labelsFound.contains(label) && missingClassesAllowed) {
                    logger.info("Data set {} has no folder of class '{}': it holds no such images", root, label);
                } else if (!labelsFound.contains(label)) {
                    // Only a class beyond covid and normal can be left out by choosing the binary label set.
                    boolean optional = !LabelMap.binary().classNames().contains(label);
                    throw new DatasetException("Class '" + label + "' has no folder in " + root
                            + " (looked for a subfolder named " + labelMap.foldersOf(label)
                            + ", ignoring case). Add the folder" + (optional
                                    ? ", or leave the class out (" + LabelMap.BINARY_CALL + " for covid and"
                                            + " normal only)."
                                    : " with its images: a classifier is trained and tested on images of each"
                                            + " class."));
                }
            }
        }

        private List<Path> imagesOf(Path classFolder) throws IOException {
            List<Path> images = new ArrayList<>();
            int skippedBefore = skipped.size();
            SimpleFileVisitor<Path> visitor = new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    if (!dir.equals(classFolder) && isHidden(dir)) {
                        skip(dir, "hidden folder");
                        return FileVisitResult.SKIP_SUBTREE;
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    if (isHidden(file)) {
                        skip(file, "hidden file");
                    } else if (!isImageName(file)) {
                        skip(file, NOT_AN_IMAGE);
                    } else if (attrs.isSymbolicLink()) {
                        // Following links, the walk reports a link's own attributes only when the link cannot
                        // be followed: its target is gone, or its links loop.
                        skip(file, whyUnreadable(file));
                    } else if (!Files.isRegularFile(file)) {
                        skip(file, "not a regular file");
                    } else {
                        images.add(file);
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) throws DatasetException {
                    if (file.equals(classFolder)) {
                        throw new DatasetException("Class folder " + classFolder + " "
                                + FileErrors.describe(classFolder, e) + ".", e);
                    }
                    skip(file, FileErrors.describe(file, e));
                    return FileVisitResult.CONTINUE;
                }
            };
            // Links are followed: a class folder, or a folder in it, is often a link to where the images
            // live. A link loop is reported through visitFileFailed and skipped.
            Files.walkFileTree(classFolder, EnumSet.of(FileVisitOption.FOLLOW_LINKS), Integer.MAX_VALUE, visitor);
            if (images.isEmpty()) {
                throw new DatasetException("Class folder " + classFolder + " holds no image ("
                        + String.join(", ", ImageDecoder.FILE_SUFFIXES) + ")" + (skipped.size() > skippedBefore ? "; skipped: "
                        + describe(skipped.subList(skippedBefore, skipped.size())) : "") + ". Add its images,"
                        + " or remove the folder.");
            }
            return images;
        }

        private Sample sample(Path image, Map<Path, String> classFolders,
                Map<String, MetadataCsv.Row> metadata) {
            Path inFolder = root.relativize(image);
            String label = classFolders.get(root.resolve(inFolder.getName(0)));
            MetadataCsv.Row row = metadata.getOrDefault(
                    relative(image), new MetadataCsv.Row(null, null, null));
            String source = row.source();
            if (source == null) {
                source = sourceByFolder.get(inFolder.getName(0).toString().toLowerCase(Locale.ROOT));
            }
            Sample listed = DicomHeaders.fillIn(new Sample(image, label, row.patientId(), row.view(), source));
            if (listed.patientId() != null) {
                return listed;
            }
            return new Sample(image, label, patientIdRule.patientIdOf(inFolder, source).orElse(null), listed.view(),
                    source, listed.manufacturer());
        }

        private String relative(Path file) {
            return root.relativize(file).toString().replace(file.getFileSystem().getSeparator(), "/");
        }

        /** Why a link the walk could not follow is unreadable, from the error of following it. */
        private static String whyUnreadable(Path link) {
            try {
                Files.readAttributes(link, BasicFileAttributes.class);
                return "not a regular file";
            } catch (IOException e) {
                return FileErrors.describe(link, e);
            }
        }

        private static String describe(List<SkippedFile> files) {
            return files.stream().map(f -> f.path().getFileName() + " (" + f.reason() + ")")
                    .collect(Collectors.joining(", "));
        }

        private void skip(Path path, String reason) {
            logger.debug("Skipping {}: {}", path, reason);
            skipped.add(new SkippedFile(path, reason));
        }

        private static boolean isHidden(Path path) {
            return path.getFileName().toString().startsWith(".");
        }

        private static boolean isImageName(Path file) {
            String fileName = file.getFileName().toString().toLowerCase(Locale.ROOT);
            return ImageDecoder.FILE_SUFFIXES.stream().anyMatch(fileName::endsWith);
        }
    }
}
