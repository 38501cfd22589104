package io.cxr4j.examples.cli;

import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import io.cxr4j.core.data.DatasetChecksum;
import io.cxr4j.core.data.Sample;
import io.cxr4j.core.data.XrayDataset;
import io.cxr4j.core.io.Json;
import io.cxr4j.core.split.Fold;
import io.cxr4j.core.split.SplitStrategy;
import io.cxr4j.core.split.Splits;
import io.cxr4j.core.split.TrainTestSplit;
import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The {@code folds.json} of a cross-validation: which images (paths relative to the data-set
 * folder) are the test and validation parts of every fold, so that the same folds can be rerun on
 * another engine or machine with {@code --folds-file}. Each fold's training part is every other
 * image of the data set.
 *
 * @param formatVersion {@value #FORMAT_VERSION}
 * @param dataset the data set's name
 * @param classNames the label set's classes
 * @param strategy image- or patient-level folds
 * @param seed the seed of the first repeat (repeat r uses seed + r)
 * @param folds folds per repeat
 * @param repeats how many times the k-fold partition was drawn
 * @param validationFraction share of each fold's training part held out as validation
 * @param datasetChecksum the data set's fingerprint when the folds were drawn
 * @param assignments one entry per fold and repeat
 */
record FoldsFile(int formatVersion, String dataset, List<String> classNames, String strategy, long seed, int folds,
        int repeats, double validationFraction, DatasetChecksum datasetChecksum, List<Assignment> assignments) {

    static final int FORMAT_VERSION = 1;

    /**
     * One fold of one repeat.
     *
     * @param repeat the repeat, from 1
     * @param fold the fold, from 1
     * @param test the test images
     * @param validation the validation images, carved from the training part
     */
    record Assignment(int repeat, int fold, List<String> test, List<String> validation) {

        /** A file written without the validation list has none. */
        @Override
        public List<String> validation() {
            return validation == null ? List.of() : validation;
        }
    }

    /**
     * A fold ready to run.
     *
     * @param repeat from 1
     * @param fold from 1
     * @param train the training images
     * @param validation the validation images, or null
     * @param test the test images
     */
    record PlannedFold(int repeat, int fold, XrayDataset train, XrayDataset validation, XrayDataset test) {

        String name(int repeats) {
            return repeats == 1 ? "fold-" + fold : "repeat-" + repeat + "-fold-" + fold;
        }
    }

    /** Draws stratified (patient-grouped where ids exist) folds and carves each validation part. */
    static List<PlannedFold> draw(XrayDataset dataset, int k, int repeats, long seed, SplitStrategy strategy,
            double validationFraction) {
        List<PlannedFold> planned = new ArrayList<>();
        for (int r = 0; r < repeats; r++) {
            for (Fold fold : Splits.kFold(dataset, k, seed + r, strategy)) {
                XrayDataset train = fold.train();
                XrayDataset validation = null;
                if (validationFraction > 0) {
                    // Carved from the training part only: the test fold is never looked at before testing.
                    TrainTestSplit carved = Splits.trainTest(fold.train(), validationFraction, seed + r, strategy);
                    train = carved.train();
                    validation = carved.test();
                }
                planned.add(new PlannedFold(r + 1, fold.index() + 1, train, validation, fold.test()));
            }
        }
        return planned;
    }

    static FoldsFile of(List<PlannedFold> planned, XrayDataset dataset, Path root, SplitStrategy strategy, long seed,
            int k, int repeats, double validationFraction, DatasetChecksum checksum) {
        List<Assignment> assignments = planned.stream().map(p -> new Assignment(p.repeat(), p.fold(),
                RunReport.relative(root, p.test()),
                p.validation() == null ? List.of() : RunReport.relative(root, p.validation()))).toList();
        return new FoldsFile(FORMAT_VERSION, dataset.name(), dataset.classNames(),
                strategy.name().toLowerCase(Locale.ROOT), seed, k, repeats, validationFraction, checksum, assignments);
    }

    /**
     * Rebuilds the folds on a loaded data set; every named image must be in it, no image may be both
     * tested and used for validation in a fold, and no image may be tested twice in one repeat.
     */
    List<PlannedFold> resolve(XrayDataset data, Path root) {
        if (!classNames.equals(data.classNames())) {
            throw new IllegalArgumentException("The folds file was made for classes " + classNames + " but the data"
                    + " set has " + data.classNames() + "; pass the same --labels.");
        }
        Map<String, Sample> byPath = new HashMap<>();
        data.samples().forEach(s -> byPath.put(DatasetChecksum.relative(root, s.image()), s));
        Map<Integer, Map<Sample, Integer>> testedIn = new HashMap<>();
        List<PlannedFold> planned = new ArrayList<>();
        for (Assignment a : assignments) {
            List<Sample> test = samples(a.test(), byPath, a);
            List<Sample> validation = samples(a.validation(), byPath, a);
            Map<Sample, Integer> tested = testedIn.computeIfAbsent(a.repeat(), r -> new HashMap<>());
            for (Sample s : test) {
                Integer earlier = tested.putIfAbsent(s, a.fold());
                if (earlier != null) {
                    throw new IllegalArgumentException("Image '" + DatasetChecksum.relative(root, s.image())
                            + "' is in the test part of folds " + earlier + " and " + a.fold() + " of repeat "
                            + a.repeat() + "; each image must be tested once per repeat. Rerun a folds.json written"
                            + " by cross-validate, or drop --folds-file to draw new folds.");
                }
            }
            Set<Sample> heldOut = new HashSet<>(test);
            for (Sample s : validation) {
                if (!heldOut.add(s)) {
                    throw new IllegalArgumentException("Fold " + a.fold() + " of repeat " + a.repeat() + " lists '"
                            + DatasetChecksum.relative(root, s.image()) + "' as both test and validation image; a"
                            + " threshold chosen on it would be chosen on test data. Rerun a folds.json written by"
                            + " cross-validate, or drop --folds-file to draw new folds.");
                }
            }
            List<Sample> train = data.samples().stream().filter(s -> !heldOut.contains(s)).toList();
            String prefix = data.name() + "-r" + a.repeat() + "f" + a.fold();
            planned.add(new PlannedFold(a.repeat(), a.fold(), data.withSamples(prefix + "-train", train),
                    validation.isEmpty() ? null : data.withSamples(prefix + "-validation", validation),
                    data.withSamples(prefix + "-test", test)));
        }
        return planned;
    }

    static FoldsFile read(Path file) throws IOException {
        String text;
        try {
            text = Files.readString(file);
        } catch (MalformedInputException e) {
            throw new IOException("Folds file " + file + " is not UTF-8 text. Pass the folds.json a cross-validate"
                    + " run wrote.", e);
        }
        if (text.startsWith("# cxr4j split")) {
            throw new IOException("Folds file " + file + " is the split file of a train run, which train --split-file"
                    + " reads. Pass the folds.json a cross-validate run wrote.");
        }
        try {
            JsonParser.parseString(text);
        } catch (JsonParseException e) {
            // The parser's own message names its Java API; the cause keeps it for debug logs.
            throw new IOException("Folds file " + file + " is not JSON. Pass the folds.json a cross-validate run"
                    + " wrote.", e);
        }
        FoldsFile folds;
        JsonParseException mismatch = null;
        try {
            folds = Json.gson().fromJson(text, FoldsFile.class);
        } catch (JsonParseException e) {
            folds = null;
            mismatch = e;
        }
        if (folds == null || folds.formatVersion() != FORMAT_VERSION || folds.assignments() == null
                || folds.classNames() == null || folds.datasetChecksum() == null) {
            throw new IOException("Folds file " + file + " is not a cxr4j folds.json of format version "
                    + FORMAT_VERSION + " (it needs formatVersion, classNames, datasetChecksum and assignments)."
                    + " Pass the folds.json a cross-validate run wrote.", mismatch);
        }
        if (folds.assignments().isEmpty()) {
            throw new IOException("Folds file " + file + " lists no folds. Pass the folds.json a cross-validate run"
                    + " wrote.");
        }
        Set<String> seen = new HashSet<>();
        for (Assignment a : folds.assignments()) {
            String where = "fold " + a.fold() + " of repeat " + a.repeat();
            if (a.repeat() < 1 || a.repeat() > folds.repeats() || a.fold() < 1 || a.fold() > folds.folds()) {
                throw new IOException("Folds file " + file + " has " + where + ", outside its " + folds.folds()
                        + " folds x " + folds.repeats() + " repeats.");
            }
            if (!seen.add(where)) {
                throw new IOException("Folds file " + file + " lists " + where + " twice.");
            }
            if (a.test() == null || a.test().isEmpty()) {
                throw new IOException("Folds file " + file + ": " + where + " has no test images.");
            }
        }
        return folds;
    }

    void write(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, Json.gson().toJson(this));
    }

    private static List<Sample> samples(List<String> paths, Map<String, Sample> byPath, Assignment a) {
        List<Sample> samples = new ArrayList<>();
        for (String path : paths) {
            Sample s = byPath.get(path);
            if (s == null) {
                throw new IllegalArgumentException("Fold " + a.fold() + " of repeat " + a.repeat() + " names image '"
                        + path + "', which is not in the loaded data set. Use the data set and --labels the folds"
                        + " were drawn on.");
            }
            samples.add(s);
        }
        return samples;
    }
}
