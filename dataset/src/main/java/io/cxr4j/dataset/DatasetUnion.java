package io.cxr4j.dataset;

import io.cxr4j.core.data.Sample;
import io.cxr4j.core.data.XrayDataset;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One data set made of several: named sets of a {@link DatasetRegistry} and folders with one
 * subfolder per class, loaded with one {@link LabelMap} and joined, so that a model can train or be
 * tested on images of several sources at once and the audit and the guards see them all together
 * (duplicates across sets included).
 *
 * <pre>{@code
 * DatasetUnion union = DatasetRegistry.create().union()
 *         .addDataset("darkcovidnet").addDataset("hannover").addFolder(Path.of("my/folder"))
 *         .optLabelMap(LabelMap.binary()).build();
 * XrayDataset all = union.dataset();
 * }</pre>
 *
 * <p>Joining rules:
 *
 * <ul>
 *   <li>Each member is loaded as on its own (a named set with its own source and patient-id
 *       rules), except that a member may lack classes of the label map, as {@code hannover} lacks
 *       normal images: the union needs each class somewhere, not in every member.
 *   <li>Every sample keeps its source. A sample whose member gives it none (a folder without a
 *       {@code metadata.csv} source column) gets the member's name as its source: a folder of
 *       one's own is one source unless its metadata says otherwise.
 *   <li>Patient ids are prefixed with the member's name and a colon ({@code hannover:mhh-1a2b}),
 *       so that two members' patient {@code p1} stay two patients. A patient who truly appears in
 *       two members is then two patients; the duplicate finder of the audit still sees their
 *       identical or near-identical images.
 *   <li>Classes: with a declared label map ({@link LabelMap#binary()}, {@link
 *       LabelMap#threeClass()}, a {@link LabelMap#builder()} map) every member uses its classes,
 *       in its order. With {@link LabelMap#identity()} the classes are every member's folder names,
 *       sorted as that map sorts them; two folder names that the predefined maps treat as one class
 *       ({@code Covid-19} and {@code covid}) are an error, since they would become two classes.
 *   <li>The union's {@link #folder()} is the deepest folder that holds every member's folder
 *       (the data root for named sets), so that reports, split and folds files record each image
 *       by a path relative to it, such as {@code hannover/covid/a.png}.
 *   <li>Samples are in member order, each member's in its own order; the union's name is the
 *       members' names joined with {@code +}.
 * </ul>
 */
public final class DatasetUnion {

    private static final Logger logger = LoggerFactory.getLogger(DatasetUnion.class);

    /** How a message names adding a folder of one's own under a name of one's choosing. */
    public static final String ADD_NAMED_FOLDER_CALL = "DatasetUnion.Builder.addFolder(String, Path)";

    /**
     * One data set of a union, as it was loaded on its own (patient ids not yet prefixed).
     *
     * @param name the member's name: a named set's name, or the folder's name
     * @param folder the member's folder, absolute and normalized
     * @param dataset the member's samples and classes
     */
    public record Member(String name, Path folder, XrayDataset dataset) {

        /**
         * Validates the fields.
         *
         * @param name the member's name; not null
         * @param folder the member's folder; not null
         * @param dataset the member's samples and classes; not null
         */
        public Member {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(folder, "folder");
            Objects.requireNonNull(dataset, "dataset");
        }
    }

    private final Path folder;
    private final XrayDataset dataset;
    private final List<Member> members;
    private final List<SkippedFile> skipped;
    private final List<IgnoredFolder> ignoredFolders;

    private DatasetUnion(Path folder, XrayDataset dataset, List<Member> members, List<SkippedFile> skipped,
            List<IgnoredFolder> ignoredFolders) {
        this.folder = folder;
        this.dataset = dataset;
        this.members = List.copyOf(members);
        this.skipped = List.copyOf(skipped);
        this.ignoredFolders = List.copyOf(ignoredFolders);
    }

    /** @return the deepest folder that holds every member's folder, absolute and normalized */
    public Path folder() {
        return folder;
    }

    /** @return the joined samples and their classes */
    public XrayDataset dataset() {
        return dataset;
    }

    /** @return the members, in the order they were added */
    public List<Member> members() {
        return members;
    }

    /** @return what the members' loaders left out, member by member */
    public List<SkippedFile> skipped() {
        return skipped;
    }

    /** @return the class folders the label map dropped or does not know, member by member */
    public List<IgnoredFolder> ignoredFolders() {
        return ignoredFolders;
    }

    /** Which sets and folders to join, and how to label them; start one with {@link DatasetRegistry#union()}. */
    public static final class Builder {

        /** A member to load: a named set (folder null) or a folder. */
        private record Wanted(String name, Path folder) {}

        private final DatasetRegistry registry;
        private final List<Wanted> wanted = new ArrayList<>();
        private LabelMap labelMap = LabelMap.identity();

        Builder(DatasetRegistry registry) {
            this.registry = Objects.requireNonNull(registry, "registry");
        }

        /**
         * Adds a named set of the registry, downloaded on first use as {@link
         * DatasetRegistry#load(String, LabelMap)} does.
         *
         * @param name a name from {@link DatasetRegistry#names()}
         * @return this builder
         * @throws IllegalArgumentException if the name is unknown
         */
        public Builder addDataset(String name) {
            registry.folderOf(name);
            wanted.add(new Wanted(name, null));
            return this;
        }

        /**
         * Adds a folder with one subfolder per class, named like the folder.
         *
         * @param folder the folder
         * @return this builder
         */
        public Builder addFolder(Path folder) {
            Path absolute = folder.toAbsolutePath().normalize();
            Path fileName = absolute.getFileName();
            return addFolder(fileName != null ? fileName.toString() : absolute.toString(), folder);
        }

        /**
         * Adds a folder with one subfolder per class under a name of one's choosing, such as when
         * two folders have the same name.
         *
         * @param name the member's name, used as its samples' default source and patient-id prefix
         * @param folder the folder
         * @return this builder
         */
        public Builder addFolder(String name, Path folder) {
            Objects.requireNonNull(name, "name");
            if (name.isBlank()) {
                throw new IllegalArgumentException("A union member's name must not be blank (folder " + folder + ")");
            }
            wanted.add(new Wanted(name, Objects.requireNonNull(folder, "folder")));
            return this;
        }

        /**
         * Sets how every member's folders map to classes; by default {@link LabelMap#identity()}.
         *
         * @param labelMap the label map
         * @return this builder
         */
        public Builder optLabelMap(LabelMap labelMap) {
            this.labelMap = Objects.requireNonNull(labelMap, "labelMap");
            return this;
        }

        /**
         * Loads every member and joins them.
         *
         * @return the union
         * @throws IllegalStateException if fewer than two members were added
         * @throws DatasetException if two members have one name or one folder, a member cannot be
         *     loaded, or the members' classes cannot be reconciled
         * @throws IOException if reading or downloading fails
         */
        public DatasetUnion build() throws IOException {
            if (wanted.size() < 2) {
                throw new IllegalStateException("A union joins at least two data sets or folders, got " + wanted.size()
                        + "; load a single one with " + DatasetRegistry.LOAD_FOLDER_CALL + " or load(String, LabelMap).");
            }
            List<Member> members = new ArrayList<>();
            List<SkippedFile> skipped = new ArrayList<>();
            List<IgnoredFolder> ignored = new ArrayList<>();
            Map<String, Member> byName = new LinkedHashMap<>();
            Map<Path, Member> byFolder = new LinkedHashMap<>();
            for (Wanted w : wanted) {
                if (byName.containsKey(w.name())) {
                    throw new DatasetException("Two members of the union are named '" + w.name() + "' ("
                            + byName.get(w.name()).folder() + " and " + (w.folder() != null ? w.folder()
                            : registry.folderOf(w.name())) + "). Add each data set once; to join two folders"
                            + " with the same name, name one yourself with " + ADD_NAMED_FOLDER_CALL + ".");
                }
                Member member = load(w, skipped, ignored);
                Member sameFolder = byFolder.get(member.folder());
                if (sameFolder != null) {
                    throw new DatasetException("Members '" + sameFolder.name() + "' and '" + member.name()
                            + "' of the union are the same folder " + member.folder() + ": its images would"
                            + " count twice. Add it once.");
                }
                byName.put(member.name(), member);
                byFolder.put(member.folder(), member);
                members.add(member);
            }
            List<String> classNames = classNames(members);
            List<Sample> samples = new ArrayList<>();
            for (Member m : members) {
                for (Sample s : m.dataset().samples()) {
                    samples.add(new Sample(s.image(), s.label(),
                            s.patientId() == null ? null : m.name() + ":" + s.patientId(), s.view(),
                            s.source() == null ? m.name() : s.source(), s.manufacturer()));
                }
            }
            String name = members.stream().map(Member::name).collect(Collectors.joining("+"));
            XrayDataset dataset = new XrayDataset(name, classNames, samples);
            Path folder = commonFolder(members.stream().map(Member::folder).toList());
            logger.info("Joined {} data sets into '{}' ({}): {} images {}", members.size(), name, folder,
                    dataset.size(), dataset.countsPerClass());
            return new DatasetUnion(folder, dataset, members, skipped, ignored);
        }

        private Member load(Wanted w, List<SkippedFile> skipped, List<IgnoredFolder> ignored) throws IOException {
            if (w.folder() == null && w.name().equals(DatasetRegistry.COVID_CHESTXRAY)) {
                LoadedDataset loaded = registry.loadCovidChestXray(labelMap);
                skipped.addAll(loaded.skipped());
                return new Member(w.name(), loaded.folder(), loaded.dataset());
            }
            FolderDataset loaded = w.folder() == null
                    ? registry.loadUnionMember(w.name(), labelMap)
                    : FolderDataset.builder().setFolder(w.folder()).optName(w.name()).optLabelMap(labelMap)
                            .optMissingClassesAllowed(true).build();
            skipped.addAll(loaded.skipped());
            ignored.addAll(loaded.ignoredFolders());
            return new Member(w.name(), loaded.folder(), loaded.dataset());
        }

        /** The union's classes: the label map's, or with the identity map every member's folders. */
        private List<String> classNames(List<Member> members) throws DatasetException {
            if (!labelMap.isIdentity()) {
                return labelMap.classNames();
            }
            Map<String, String> firstMemberOf = new LinkedHashMap<>();
            for (Member m : members) {
                for (String c : m.dataset().classNames()) {
                    firstMemberOf.putIfAbsent(c, m.name());
                }
            }
            LabelMap aliases = LabelMap.threeClass();
            Map<String, String> byClass = new LinkedHashMap<>();
            for (Map.Entry<String, String> e : firstMemberOf.entrySet()) {
                String folderName = e.getKey();
                String sameClass = aliases.labelOf(folderName).orElse(folderName.toLowerCase(Locale.ROOT));
                String earlier = byClass.putIfAbsent(sameClass, folderName);
                if (earlier != null) {
                    throw new DatasetException("The union's members name one class differently: folder '"
                            + earlier + "' of '" + firstMemberOf.get(earlier) + "' and folder '" + folderName
                            + "' of '" + e.getValue() + "' both hold " + sameClass + " images, but "
                            + LabelMap.IDENTITY_CALL + " keeps folder names as they are, so they would be two"
                            + " classes. Join them with a label map that maps both folders to one class, such as "
                            + LabelMap.BINARY_CALL + " or " + LabelMap.THREE_CLASS_CALL + ".");
                }
            }
            return LabelMap.identity().classNamesFor(firstMemberOf.keySet());
        }
    }

    /** The deepest folder that holds every one of the given absolute, normalized folders. */
    static Path commonFolder(List<Path> folders) {
        Path common = folders.get(0);
        for (Path f : folders) {
            while (common != null && !f.startsWith(common)) {
                common = common.getParent();
            }
        }
        // Folders on different drives share no folder; split files then refuse the other drives' images.
        return common != null ? common : folders.get(0).getRoot();
    }
}
