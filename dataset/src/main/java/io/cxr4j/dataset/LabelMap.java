package io.cxr4j.dataset;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.StringJoiner;

/**
 * Maps the class folders of a data set on disk to the class labels a model learns.
 *
 * <p>Folder names are matched case-insensitively ({@code Covid-19}, {@code COVID-19} and {@code
 * covid-19} are the same folder). A folder is either mapped to a class, explicitly dropped (such
 * as {@code Pneumonia} in the binary task), or unknown; dropped and unknown folders are not
 * loaded, and the loader reports them (see {@link FolderDataset#ignoredFolders()}).
 *
 * <p>The class order is the order in which the classes were declared and defines the class index
 * used by models and metrics. The predefined maps declare {@code covid} first, so that {@code
 * covid} is class 0, the positive class for sensitivity and specificity. The {@link #identity()}
 * map has no declared classes: every folder is its own class, named exactly like the folder, and
 * the classes are ordered alphabetically, ignoring case.
 */
public final class LabelMap {

    /** The COVID-19 class of the predefined maps, always class 0. */
    public static final String COVID = "covid";

    /** The no-finding (healthy) class of the predefined maps. */
    public static final String NORMAL = "normal";

    /** The (non-COVID) pneumonia class of the three-class map. */
    public static final String PNEUMONIA = "pneumonia";

    /** How a message names {@link #binary()}, which the CLI calls its binary label set. */
    public static final String BINARY_CALL = "LabelMap.binary()";

    /** How a message names {@link #threeClass()}, which the CLI calls its three-class label set. */
    public static final String THREE_CLASS_CALL = "LabelMap.threeClass()";

    /** How a message names {@link #identity()}, which the CLI calls its folders label set. */
    public static final String IDENTITY_CALL = "LabelMap.identity()";

    private static final String[] COVID_FOLDERS = {"Covid-19", "covid19"};
    private static final String[] NORMAL_FOLDERS = {"No_findings"};

    private final List<String> classNames;
    private final Map<String, String> labelByFolder;
    private final Set<String> droppedFolders;

    private LabelMap(List<String> classNames, Map<String, String> labelByFolder, Set<String> dropped) {
        this.classNames = List.copyOf(classNames);
        this.labelByFolder = Collections.unmodifiableMap(new LinkedHashMap<>(labelByFolder));
        this.droppedFolders = Collections.unmodifiableSet(new LinkedHashSet<>(dropped));
    }

    /**
     * COVID-19 against no findings: {@code covid} (folders {@code covid}, {@code Covid-19},
     * {@code covid19}) is class 0 and {@code normal} (folders {@code normal}, {@code
     * No_findings}) is class 1. A {@code pneumonia} folder is dropped, as in the binary task of
     * the DarkCovidNet paper (COVID-19 vs No_findings).
     *
     * @return the binary map
     */
    public static LabelMap binary() {
        return builder()
                .addClass(COVID, COVID_FOLDERS)
                .addClass(NORMAL, NORMAL_FOLDERS)
                .optDrop(PNEUMONIA)
                .build();
    }

    /**
     * COVID-19, no findings and pneumonia, in that order: {@code covid} (folders {@code covid},
     * {@code Covid-19}, {@code covid19}), {@code normal} (folders {@code normal}, {@code
     * No_findings}) and {@code pneumonia} (folder {@code pneumonia}).
     *
     * @return the three-class map
     */
    public static LabelMap threeClass() {
        return builder()
                .addClass(COVID, COVID_FOLDERS)
                .addClass(NORMAL, NORMAL_FOLDERS)
                .addClass(PNEUMONIA)
                .build();
    }

    /**
     * Every folder is a class named exactly like the folder; classes are ordered alphabetically,
     * ignoring case. Nothing is dropped and no folder is unknown.
     *
     * @return the identity map
     */
    public static LabelMap identity() {
        return new LabelMap(List.of(), Map.of(), Set.of());
    }

    /**
     * Starts a custom map.
     *
     * @return a builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** @return whether this is the {@link #identity()} map */
    public boolean isIdentity() {
        return classNames.isEmpty();
    }

    /**
     * The declared classes in index order; empty for the identity map, whose classes are the
     * folders found.
     *
     * @return the class names
     */
    public List<String> classNames() {
        return classNames;
    }

    /**
     * The class a folder holds.
     *
     * @param folderName a class folder's name, matched case-insensitively
     * @return the label, or empty when the folder is dropped or unknown
     */
    public Optional<String> labelOf(String folderName) {
        if (isIdentity()) {
            return Optional.of(folderName);
        }
        return Optional.ofNullable(labelByFolder.get(key(folderName)));
    }

    /**
     * Whether a folder is deliberately left out (rather than unknown).
     *
     * @param folderName a folder name, matched case-insensitively
     * @return whether the map drops it
     */
    public boolean drops(String folderName) {
        return droppedFolders.contains(key(folderName));
    }

    /**
     * The class order for a data set whose folders produced the given labels: the declared order,
     * or for the identity map the labels sorted alphabetically, ignoring case.
     */
    List<String> classNamesFor(Collection<String> labelsFound) {
        if (!isIdentity()) {
            return classNames;
        }
        List<String> sorted = new ArrayList<>(new LinkedHashSet<>(labelsFound));
        sorted.sort(Comparator.comparing((String s) -> s.toLowerCase(Locale.ROOT))
                .thenComparing(Comparator.naturalOrder()));
        return sorted;
    }

    /** The folder names (lower case) that hold a declared class, for error messages. */
    List<String> foldersOf(String label) {
        List<String> folders = new ArrayList<>();
        labelByFolder.forEach((folder, l) -> {
            if (l.equals(label)) {
                folders.add(folder);
            }
        });
        return folders;
    }

    /**
     * The classes and the folder names each is read from, in words for messages, such as {@code
     * [covid, normal] (folders covid, covid-19 -> covid; normal, no_findings -> normal)}.
     */
    String describe() {
        if (isIdentity()) {
            return "(one per folder)";
        }
        StringJoiner folders = new StringJoiner("; ", " (folders ", ")");
        for (String label : classNames) {
            folders.add(String.join(", ", foldersOf(label)) + " -> " + label);
        }
        return classNames + folders.toString();
    }

    /** @return the classes with their folders, and the dropped folders, for logs */
    @Override
    public String toString() {
        return isIdentity()
                ? "LabelMap[identity]"
                : "LabelMap[classes=" + classNames + ", folders=" + labelByFolder
                        + ", dropped=" + droppedFolders + "]";
    }

    private static String key(String folderName) {
        return folderName.toLowerCase(Locale.ROOT);
    }

    /** Declares the classes of a custom {@link LabelMap}, in index order. */
    public static final class Builder {

        private final List<String> classNames = new ArrayList<>();
        private final Map<String, String> labelByFolder = new LinkedHashMap<>();
        private final Set<String> dropped = new LinkedHashSet<>();

        private Builder() {}

        /**
         * Declares the next class. It holds the folder named like the label and the given
         * folders, all matched case-insensitively.
         *
         * @param label the class name
         * @param folderNames further folder names that hold this class
         * @return this builder
         * @throws IllegalArgumentException if a name is blank, the class is already declared or a
         *     folder is already mapped or dropped
         */
        public Builder addClass(String label, String... folderNames) {
            requireName(label, "class label");
            if (classNames.contains(label)) {
                throw new IllegalArgumentException("Class '" + label + "' is declared twice");
            }
            classNames.add(label);
            claim(label, label);
            for (String folder : folderNames) {
                claim(folder, label);
            }
            return this;
        }

        /**
         * Folders to leave out deliberately, such as {@code Pneumonia} in a binary task.
         *
         * @param folderNames folder names, matched case-insensitively
         * @return this builder
         * @throws IllegalArgumentException if a folder is blank or already mapped to a class
         */
        public Builder optDrop(String... folderNames) {
            for (String folder : folderNames) {
                requireName(folder, "folder name");
                if (labelByFolder.containsKey(key(folder))) {
                    throw new IllegalArgumentException("Folder '" + folder
                            + "' cannot be dropped: it is mapped to class '"
                            + labelByFolder.get(key(folder)) + "'");
                }
                dropped.add(key(folder));
            }
            return this;
        }

        /**
         * Builds the map.
         *
         * @return the label map
         * @throws IllegalStateException if no class was declared (use {@link LabelMap#identity()}
         *     to take the folders as they are)
         */
        public LabelMap build() {
            if (classNames.isEmpty()) {
                throw new IllegalStateException("A label map needs at least one class; "
                        + "use LabelMap.identity() to use the folder names as classes");
            }
            return new LabelMap(classNames, labelByFolder, dropped);
        }

        private void claim(String folder, String label) {
            requireName(folder, "folder name");
            String previous = labelByFolder.get(key(folder));
            if (previous != null && !previous.equals(label)) {
                throw new IllegalArgumentException("Folder '" + folder + "' is mapped to both '"
                        + previous + "' and '" + label + "'");
            }
            if (dropped.contains(key(folder))) {
                throw new IllegalArgumentException(
                        "Folder '" + folder + "' is dropped and cannot hold class '" + label + "'");
            }
            labelByFolder.put(key(folder), label);
        }

        private static void requireName(String name, String what) {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("A " + what + " must not be blank");
            }
        }
    }
}
