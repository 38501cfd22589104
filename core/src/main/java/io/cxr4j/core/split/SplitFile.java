package io.cxr4j.core.split;

import io.cxr4j.core.data.DatasetChecksum;
import io.cxr4j.core.data.Sample;
import io.cxr4j.core.data.XrayDataset;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Saves a train/test split or a k-fold partition as a small text file and applies it again to a
 * data set, so that every engine, every run and every machine trains and tests on the very same
 * images, whatever the seed or the split algorithm of the day.
 *
 * <p>The file is UTF-8 text with tab-separated fields: comment lines starting with {@code #} carry
 * the kind ({@code train-test} or {@code cross-validation}), the data set's name, the strategy and
 * the seed; then a header line {@code part	label	path} and one line per image, where part is
 * {@code train} or {@code test}, and path is relative to the data set folder with {@code /}
 * separators:
 *
 * <pre>
 * # cxr4j split file 1
 * # kind	train-test
 * # dataset	seed
 * # strategy	PATIENT
 * # seed	42
 * part	label	path
 * train	covid	covid/a.jpg
 * test	normal	normal/b.jpg
 * </pre>
 *
 * <p>A cross-validation's {@link FoldPlan} uses the same layout with the kind
 * {@code cross-validation}, further comment lines ({@code classes}, {@code folds}, {@code repeats},
 * {@code validationFraction}, {@code datasetSha256}, {@code datasetFiles}, and {@code groupBy
 * source} for leave-one-source-out folds, absent for stratified ones) and parts named
 * {@code r<repeat>f<fold>-test} and {@code r<repeat>f<fold>-validation}; an image is listed once
 * per repeat. {@link #readFoldPlan} also reads, migrating them, the JSON {@code folds.json} that
 * cross-validations wrote before this format held their folds (see {@link LegacyFoldsJson}) and the
 * {@code k-fold} files of the earlier {@code writeFolds} (one repeat, parts numbered from 0).
 *
 * <p>Reading matches the listed paths to the data set's samples. A listed image that the data set
 * lacks, or that has another label there, is an error; images of the data set the file does not
 * list are left out of the split and logged, since adding them would change the split.
 */
public final class SplitFile {

    private static final Logger logger = LoggerFactory.getLogger(SplitFile.class);

    private static final String MAGIC = "# cxr4j split file 1";
    private static final String WHERE_SPLIT_FILES_COME_FROM = "Pass a file that SplitFile.write or writeFoldPlan"
            + " wrote (the split.tsv of a train run, the folds.tsv of a cross-validation).";
    private static final String HEADER = "part\tlabel\tpath";
    private static final String TRAIN_TEST = "train-test";
    private static final String K_FOLD = "k-fold";
    private static final String CROSS_VALIDATION = "cross-validation";
    private static final Pattern FOLD_PART = Pattern.compile("r(\\d+)f(\\d+)-(test|validation)");
    private static final int MAX_LISTED = 10;

    private SplitFile() {}

    /**
     * Writes a train/test split.
     *
     * @param split the split
     * @param baseFolder the folder image paths are written relative to, usually the data set's
     * @param file the file to write; replaced if it exists
     * @throws SplitFileException if an image is not inside {@code baseFolder}
     * @throws IOException if the file cannot be written
     */
    public static void write(TrainTestSplit split, Path baseFolder, Path file) throws IOException {
        StringBuilder text = header(TRAIN_TEST, split.train().name().replaceFirst("-train$", ""),
                split.strategy(), split.seed(), Map.of());
        appendPart(text, "train", split.train(), baseFolder);
        appendPart(text, "test", split.test(), baseFolder);
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    /**
     * Applies a saved train/test split to a data set.
     *
     * @param file a file written by {@link #write}
     * @param dataset the data set, loaded from {@code baseFolder}
     * @param baseFolder the folder the file's paths are relative to
     * @return the split, with the recorded strategy and seed, sides in file order
     * @throws SplitFileException if the file is malformed or not a train/test split, lists an
     *     image the data set lacks, or gives an image another label than the data set
     * @throws IOException if the file cannot be read
     */
    public static TrainTestSplit readTrainTest(Path file, XrayDataset dataset, Path baseFolder)
            throws IOException {
        Parsed parsed = parse(file, dataset, baseFolder, TRAIN_TEST);
        return new TrainTestSplit(
                dataset.withSamples(dataset.name() + "-train", parsed.parts.getOrDefault("train", List.of())),
                dataset.withSamples(dataset.name() + "-test", parsed.parts.getOrDefault("test", List.of())),
                parsed.strategy, parsed.seed);
    }

    /**
     * Writes the folds of a cross-validation: per repeat, each fold's test and validation images.
     * Each fold's training part is every other image, so it is not listed.
     *
     * @param plan the folds
     * @param baseFolder the folder image paths are written relative to, usually the data set's
     * @param file the file to write; replaced if it exists
     * @throws SplitFileException if an image is not inside {@code baseFolder}
     * @throws IOException if the file cannot be written
     */
    public static void writeFoldPlan(FoldPlan plan, Path baseFolder, Path file) throws IOException {
        Map<String, Object> more = new LinkedHashMap<>();
        more.put("classes", String.join("\t", plan.classNames()));
        more.put("folds", plan.folds());
        more.put("repeats", plan.repeats());
        more.put("validationFraction", plan.validationFraction());
        more.put("datasetSha256", plan.datasetChecksum().sha256());
        more.put("datasetFiles", plan.datasetChecksum().files());
        if (plan.grouping() != FoldGrouping.STRATIFIED) {
            // Absent, as in every file written before sources could be held out, means stratified.
            more.put("groupBy", plan.grouping().name().toLowerCase(Locale.ROOT));
        }
        StringBuilder text = header(CROSS_VALIDATION, plan.dataset(), plan.strategy(), plan.seed(), more);
        for (PlannedFold fold : plan.planned()) {
            String prefix = "r" + fold.repeat() + "f" + fold.fold() + "-";
            appendPart(text, prefix + "test", fold.test(), baseFolder);
            if (fold.validation() != null) {
                appendPart(text, prefix + "validation", fold.validation(), baseFolder);
            }
        }
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    /**
     * Applies the saved folds of a cross-validation to a data set. Reads files written by {@link
     * #writeFoldPlan} and, migrating them, the JSON {@code folds.json} files of earlier versions.
     *
     * @param file a folds file
     * @param dataset the data set, loaded from {@code baseFolder} with the label set the folds were
     *     drawn with
     * @param baseFolder the folder the file's paths are relative to
     * @return the folds, each fold's training part being every image it neither tests nor validates on
     * @throws SplitFileException if the file is malformed or holds no cross-validation, lists an
     *     image the data set lacks or labels otherwise, names other classes than the data set's,
     *     tests an image twice in one repeat, or uses a test image for validation
     * @throws IOException if the file cannot be read
     */
    public static FoldPlan readFoldPlan(Path file, XrayDataset dataset, Path baseFolder) throws IOException {
        if (LegacyFoldsJson.isLegacy(file)) {
            logger.info("Reading {} in the earlier JSON folds format", file);
            return resolve(file, LegacyFoldsJson.read(file), FoldGrouping.STRATIFIED, dataset, baseFolder);
        }
        if (K_FOLD.equals(kindOf(file))) {
            logger.info("Reading {} in the earlier k-fold format", file);
            return resolve(file, kFold(file, dataset, baseFolder), FoldGrouping.STRATIFIED, dataset, baseFolder);
        }
        Parsed parsed = parse(file, dataset, baseFolder, CROSS_VALIDATION);
        Map<String, String> p = parsed.properties();
        String classes = p.get("classes");
        if (classes == null || p.get("datasetSha256") == null) {
            throw new SplitFileException("Split file " + file + " has no '# classes' or '# datasetSha256' line"
                    + " before its header. " + WHERE_SPLIT_FILES_COME_FROM);
        }
        double validationFraction;
        try {
            validationFraction = Double.parseDouble(p.getOrDefault("validationFraction", ""));
        } catch (NumberFormatException e) {
            throw new SplitFileException("Split file " + file + " has no valid '# validationFraction' line"
                    + " (a number) before its header.");
        }
        int repeats = (int) longProperty(file, p, "repeats");
        List<FoldAssignment> assignments = new ArrayList<>();
        for (int r = 1; r <= repeats; r++) {
            for (int f = 1; f <= parsed.folds(); f++) {
                List<Sample> test = parsed.parts().get("r" + r + "f" + f + "-test");
                if (test == null) {
                    continue;
                }
                List<Sample> validation = parsed.parts().getOrDefault("r" + r + "f" + f + "-validation", List.of());
                assignments.add(new FoldAssignment(r, f, relativePaths(test, baseFolder),
                        relativePaths(validation, baseFolder)));
            }
        }
        FoldAssignments read = new FoldAssignments(p.getOrDefault("dataset", dataset.name()),
                List.of(classes.split("\t")), parsed.strategy(), parsed.seed(), parsed.folds(), repeats,
                validationFraction, new DatasetChecksum(p.get("datasetSha256"),
                        (int) longProperty(file, p, "datasetFiles")), assignments);
        FoldGrouping grouping;
        try {
            grouping = FoldGrouping.valueOf(p.getOrDefault("groupBy", "stratified").toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new SplitFileException("Split file " + file + " has the line '# groupBy " + p.get("groupBy")
                    + "'; a folds file groups by " + Arrays.stream(FoldGrouping.values())
                    .map(g -> g.name().toLowerCase(Locale.ROOT)).toList() + ". " + WHERE_SPLIT_FILES_COME_FROM);
        }
        return resolve(file, read, grouping, dataset, baseFolder);
    }

    /**
     * The migration of the k-fold files that {@code writeFolds} wrote before cross-validations
     * saved their folds in this format: one repeat, each image under the fold (from 0) that tests
     * it, no validation parts, and neither classes nor checksum recorded (the data set's own stand
     * in, so no difference is reported).
     */
    private static FoldAssignments kFold(Path file, XrayDataset dataset, Path baseFolder) throws IOException {
        Parsed parsed = parse(file, dataset, baseFolder, K_FOLD);
        List<FoldAssignment> assignments = new ArrayList<>();
        for (int i = 0; i < parsed.folds(); i++) {
            List<Sample> test = parsed.parts().get(Integer.toString(i));
            if (test != null) {
                assignments.add(new FoldAssignment(1, i + 1, relativePaths(test, baseFolder), List.of()));
            }
        }
        return new FoldAssignments(parsed.properties().getOrDefault("dataset", dataset.name()),
                dataset.classNames(), parsed.strategy(), parsed.seed(), parsed.folds(), 1, 0,
                DatasetChecksum.of(dataset, baseFolder), assignments);
    }

    /** @return the kind a split file's header names, or null when it names none */
    private static String kindOf(Path file) throws IOException {
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (String line = reader.readLine(); line != null && line.startsWith("#"); line = reader.readLine()) {
                String[] kv = line.substring(1).strip().split("\t", 2);
                if (kv.length == 2 && kv[0].strip().equals("kind")) {
                    return kv[1].strip();
                }
            }
        } catch (MalformedInputException e) {
            return null; // parse names the problem
        }
        return null;
    }

    /** One fold's held-out images as the file lists them, relative to the data set's folder. */
    record FoldAssignment(int repeat, int fold, List<String> test, List<String> validation) {}

    /** A folds file's content, before it is applied to a data set. */
    record FoldAssignments(String dataset, List<String> classNames, SplitStrategy strategy, long seed, int folds,
            int repeats, double validationFraction, DatasetChecksum checksum,
            List<FoldAssignment> assignments) {}

    private static List<String> relativePaths(List<Sample> samples, Path baseFolder) throws SplitFileException {
        List<String> paths = new ArrayList<>();
        for (Sample s : samples) {
            paths.add(relative(s.image(), baseFolder));
        }
        return paths;
    }

    /**
     * Rebuilds the folds on a data set; every named image must be in it, no image may be both
     * tested and used for validation in a fold, and no image may be tested twice in one repeat.
     */
    private static FoldPlan resolve(Path file, FoldAssignments read, FoldGrouping grouping, XrayDataset data,
            Path baseFolder)
            throws SplitFileException {
        if (!read.classNames().equals(data.classNames())) {
            throw new SplitFileException("The folds in " + file + " were drawn for classes " + read.classNames()
                    + " but data set '" + data.name() + "' has " + data.classNames() + "; load it with the label"
                    + " set the folds were drawn with.");
        }
        if (read.assignments().isEmpty()) {
            throw new SplitFileException("Folds file " + file + " lists no folds. " + WHERE_SPLIT_FILES_COME_FROM);
        }
        Map<String, Sample> byPath = new HashMap<>();
        for (Sample s : data.samples()) {
            byPath.put(relative(s.image(), baseFolder), s);
        }
        Map<Integer, Map<Sample, Integer>> testedIn = new HashMap<>();
        Set<String> seen = new HashSet<>();
        List<PlannedFold> planned = new ArrayList<>();
        for (FoldAssignment a : read.assignments()) {
            String where = "fold " + a.fold() + " of repeat " + a.repeat();
            if (a.repeat() < 1 || a.repeat() > read.repeats() || a.fold() < 1 || a.fold() > read.folds()) {
                throw new SplitFileException("Folds file " + file + " has " + where + ", outside its " + read.folds()
                        + " folds x " + read.repeats() + " repeats.");
            }
            if (!seen.add(where)) {
                throw new SplitFileException("Folds file " + file + " lists " + where + " twice.");
            }
            if (a.test() == null || a.test().isEmpty()) {
                throw new SplitFileException("Folds file " + file + ": " + where + " has no test images.");
            }
            List<Sample> test = samples(file, a.test(), byPath, where);
            List<Sample> validation = samples(file, a.validation(), byPath, where);
            Map<Sample, Integer> tested = testedIn.computeIfAbsent(a.repeat(), r -> new HashMap<>());
            for (Sample s : test) {
                Integer earlier = tested.putIfAbsent(s, a.fold());
                if (earlier != null) {
                    throw new SplitFileException("Image '" + relative(s.image(), baseFolder) + "' is in the test"
                            + " part of folds " + earlier + " and " + a.fold() + " of repeat " + a.repeat() + " in "
                            + file + "; each image must be tested once per repeat. Use a folds file that"
                            + " writeFoldPlan wrote, or draw new folds.");
                }
            }
            Set<Sample> heldOut = new HashSet<>(test);
            for (Sample s : validation) {
                if (!heldOut.add(s)) {
                    throw new SplitFileException("Fold " + a.fold() + " of repeat " + a.repeat() + " of " + file
                            + " lists '" + relative(s.image(), baseFolder) + "' as both test and validation image;"
                            + " a threshold chosen on it would be chosen on test data. Use a folds file that"
                            + " writeFoldPlan wrote, or draw new folds.");
                }
            }
            planned.add(PlannedFold.of(data, a.repeat(), a.fold(), test, validation));
        }
        return new FoldPlan(read.dataset(), read.classNames(), read.strategy(), grouping, read.seed(), read.folds(),
                read.repeats(), read.validationFraction(), read.checksum(), planned);
    }

    private static List<Sample> samples(Path file, List<String> paths, Map<String, Sample> byPath, String where)
            throws SplitFileException {
        List<Sample> samples = new ArrayList<>();
        for (String path : paths) {
            Sample s = byPath.get(path);
            if (s == null) {
                throw new SplitFileException("The " + where + " in " + file + " names image '" + path
                        + "', which is not in the loaded data set. Use the data set and label set the folds were"
                        + " drawn on.");
            }
            samples.add(s);
        }
        return samples;
    }

    /**
     * The comment lines and the column header.
     *
     * @param more further properties, written after the common ones in their order
     */
    private static StringBuilder header(String kind, String name, SplitStrategy strategy, long seed,
            Map<String, Object> more) {
        StringBuilder text = new StringBuilder();
        text.append(MAGIC).append('\n');
        text.append("# kind\t").append(kind).append('\n');
        text.append("# dataset\t").append(name).append('\n');
        text.append("# strategy\t").append(strategy.name()).append('\n');
        text.append("# seed\t").append(seed).append('\n');
        more.forEach((key, value) -> text.append("# ").append(key).append('\t').append(value).append('\n'));
        text.append(HEADER).append('\n');
        return text;
    }

    private static void appendPart(StringBuilder text, String part, XrayDataset side, Path baseFolder)
            throws SplitFileException {
        for (Sample sample : side.samples()) {
            String relative = relative(sample.image(), baseFolder);
            if (relative.contains("\t") || relative.contains("\n") || relative.contains("\r")) {
                throw new SplitFileException("Image " + sample.image() + " has a tab or line break in"
                        + " its path, which a split file cannot hold. Rename it.");
            }
            text.append(part).append('\t').append(sample.label()).append('\t').append(relative)
                    .append('\n');
        }
    }

    private static String relative(Path image, Path baseFolder) throws SplitFileException {
        Path base = baseFolder.toAbsolutePath().normalize();
        Path absolute = image.toAbsolutePath().normalize();
        if (!absolute.startsWith(base)) {
            throw new SplitFileException("Image " + image + " is not inside " + base + ", so the split"
                    + " file cannot record it relative to the data set folder. Pass the folder that"
                    + " holds every image of the split.");
        }
        return base.relativize(absolute).toString().replace(absolute.getFileSystem().getSeparator(), "/");
    }

    /** What a file holds, matched against a data set. */
    private record Parsed(SplitStrategy strategy, long seed, int folds, Map<String, List<Sample>> parts,
            Map<String, String> properties) {}


    private static Parsed parse(Path file, XrayDataset dataset, Path baseFolder, String expectedKind)
            throws IOException {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (MalformedInputException e) {
            throw new SplitFileException("Split file " + file + " is not UTF-8 text; it was not"
                    + " written by cxr4j. " + WHERE_SPLIT_FILES_COME_FROM);
        }
        if (lines.isEmpty() || !lines.get(0).strip().equals(MAGIC)) {
            throw new SplitFileException("File " + file + " is not a cxr4j split file: line 1 must be '"
                    + MAGIC + "'. " + WHERE_SPLIT_FILES_COME_FROM);
        }
        Map<String, String> properties = new HashMap<>();
        Map<String, Sample> byPath = new HashMap<>();
        for (Sample sample : dataset.samples()) {
            byPath.put(relative(sample.image(), baseFolder), sample);
        }
        Map<String, List<Sample>> parts = new LinkedHashMap<>();
        Set<String> listed = new LinkedHashSet<>();
        List<String> missing = new ArrayList<>();
        int missingCount = 0;
        boolean headerSeen = false;
        for (int i = 1; i < lines.size(); i++) {
            String line = lines.get(i);
            int lineNumber = i + 1;
            if (line.isBlank()) {
                continue;
            }
            if (!headerSeen) {
                if (line.startsWith("#")) {
                    String[] kv = line.substring(1).strip().split("\t", 2);
                    if (kv.length == 2) {
                        properties.put(kv[0].strip(), kv[1].strip());
                    }
                    continue;
                }
                if (!line.equals(HEADER)) {
                    throw malformed(file, lineNumber, "expected the header '" + HEADER.replace("\t", "<tab>") + "'");
                }
                headerSeen = true;
                checkKind(file, properties, expectedKind);
                continue;
            }
            String[] fields = line.split("\t", 3);
            if (fields.length != 3) {
                throw malformed(file, lineNumber, "expected part<tab>label<tab>path");
            }
            String part = fields[0];
            String path = fields[2];
            // A cross-validation lists an image in several folds' parts (readFoldPlan checks how).
            String key = expectedKind.equals(CROSS_VALIDATION) ? part + "\t" + path : path;
            if (!listed.add(key)) {
                throw malformed(file, lineNumber, "image " + path + " is listed twice"
                        + (expectedKind.equals(CROSS_VALIDATION) ? " in " + part : ""));
            }
            Sample sample = byPath.get(path);
            if (sample == null) {
                missingCount++;
                if (missing.size() < MAX_LISTED) {
                    missing.add(path + " (line " + lineNumber + ")");
                }
                continue;
            }
            if (!sample.label().equals(fields[1])) {
                throw new SplitFileException("Line " + lineNumber + " of split file " + file + " lists "
                        + path + " as '" + fields[1] + "', but data set '" + dataset.name()
                        + "' labels it '" + sample.label() + "'. The split was made with another label"
                        + " set or another copy of the data; load the data set the same way.");
            }
            parts.computeIfAbsent(part, p -> new ArrayList<>()).add(sample);
        }
        if (!headerSeen) {
            throw malformed(file, lines.size(), "the header '" + HEADER.replace("\t", "<tab>") + "' is missing");
        }
        if (missingCount > 0) {
            throw new SplitFileException("Split file " + file + " lists " + missingCount + " image(s)"
                    + " that data set '" + dataset.name() + "' (folder " + baseFolder + ") does not have: "
                    + String.join(", ", missing) + (missingCount > missing.size() ? ", ..." : "")
                    + ". Restore the images, or load the data set from the folder the split was made on;"
                    + " a split with images missing is not the same split.");
        }
        int unlisted = dataset.size() - (int) listed.stream().map(k -> k.substring(k.indexOf('\t') + 1)).distinct()
                .count();
        if (unlisted > 0) {
            logger.warn("Split file {} does not list {} image(s) of data set '{}'; they are left out of"
                    + " the split", file, unlisted, dataset.name());
        }
        SplitStrategy strategy = enumProperty(file, properties, "strategy");
        long seed = longProperty(file, properties, "seed");
        int folds = expectedKind.equals(TRAIN_TEST) ? 0 : (int) longProperty(file, properties, "folds");
        int repeats = expectedKind.equals(CROSS_VALIDATION) ? (int) longProperty(file, properties, "repeats") : 1;
        for (String part : parts.keySet()) {
            Matcher foldPart = FOLD_PART.matcher(part);
            boolean valid = switch (expectedKind) {
                case TRAIN_TEST -> part.equals("train") || part.equals("test");
                case K_FOLD -> part.matches("\\d+") && Integer.parseInt(part) < folds;
                default -> foldPart.matches() && Integer.parseInt(foldPart.group(1)) >= 1
                        && Integer.parseInt(foldPart.group(1)) <= repeats && Integer.parseInt(foldPart.group(2)) >= 1
                        && Integer.parseInt(foldPart.group(2)) <= folds;
            };
            if (!valid) {
                throw new SplitFileException("Split file " + file + " has the part '" + part + "', which a "
                        + expectedKind + " file cannot have (" + switch (expectedKind) {
                            case TRAIN_TEST -> "train or test";
                            case K_FOLD -> "fold numbers 0 to " + (folds - 1);
                            default -> "r<repeat>f<fold>-test or -validation, within its " + folds + " folds x "
                                    + repeats + " repeats";
                        } + ").");
            }
        }
        return new Parsed(strategy, seed, folds, parts, properties);
    }

    private static void checkKind(Path file, Map<String, String> properties, String expected)
            throws SplitFileException {
        String kind = properties.get("kind");
        if (!expected.equals(kind)) {
            throw new SplitFileException("Split file " + file + " holds a " + kind + " split, not a "
                    + expected + " one. Use " + (TRAIN_TEST.equals(kind) ? "readTrainTest" : "readFoldPlan")
                    + " for it.");
        }
    }

    private static SplitStrategy enumProperty(Path file, Map<String, String> properties, String key)
            throws SplitFileException {
        try {
            return SplitStrategy.valueOf(properties.getOrDefault(key, "").toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new SplitFileException("Split file " + file + " has no valid '# " + key + "' line"
                    + " (IMAGE or PATIENT) before its header.");
        }
    }

    private static long longProperty(Path file, Map<String, String> properties, String key)
            throws SplitFileException {
        try {
            return Long.parseLong(properties.getOrDefault(key, ""));
        } catch (NumberFormatException e) {
            throw new SplitFileException("Split file " + file + " has no valid '# " + key + "' line"
                    + " (a number) before its header.");
        }
    }

    private static SplitFileException malformed(Path file, int line, String problem) {
        return new SplitFileException("Line " + line + " of split file " + file + " is malformed: "
                + problem + ". " + WHERE_SPLIT_FILES_COME_FROM);
    }
}
