package io.cxr4j.dataset.audit;

import io.cxr4j.core.io.Digests;
import io.cxr4j.core.data.Sample;
import io.cxr4j.core.data.XrayDataset;
import io.cxr4j.core.image.GrayImage;
import io.cxr4j.core.image.ImageDecodeException;
import io.cxr4j.core.image.ImageDecoder;
import io.cxr4j.core.io.FileErrors;
import io.cxr4j.core.split.Fold;
import io.cxr4j.core.split.SplitStrategy;
import io.cxr4j.core.split.Splits;
import io.cxr4j.core.split.TrainTestSplit;
import io.cxr4j.dataset.FolderDataset;
import io.cxr4j.dataset.LoadedDataset;
import io.cxr4j.dataset.SkippedFile;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Audits a labelled data set: reads every image's header, decodes it with core's {@link
 * ImageDecoder}, hashes its bytes (SHA-256) and its look ({@link PerceptualHash}), and reports
 * what it finds as an {@link AuditReport}. Images are processed in parallel; everything else is
 * cheap.
 *
 * <p>A source-confounding warning is raised when a depth-3 decision tree on file properties alone
 * (width, height, aspect ratio, bit depth, colour type, file type) reaches a cross-validated
 * balanced accuracy at least halfway from chance to perfect (0.75 for two classes, 0.67 for three),
 * or recognises one class with recall and precision of at least 0.8 each. The same tree on coarse
 * image statistics ({@link Appearance}: the brightness of an 8 x 8 grid of cells, overall mean and
 * spread) raises an appearance warning by the same rule: it catches what file properties cannot,
 * a source's exposure or a marker burned in at a fixed place, at the price of also firing when the
 * disease itself brightens large parts of the image.
 */
public final class DatasetAudit {

    private static final Logger logger = LoggerFactory.getLogger(DatasetAudit.class);

    /** The file properties the confounding check uses, in feature order. */
    public static final List<String> FEATURES = List.of("width", "height", "aspect ratio",
            "bit depth", "gray", "rgb", "palette", "alpha", "png");

    private static final int TREE_DEPTH = 3;
    private static final int MIN_LEAF = 2;
    private static final double SQUARE_TOLERANCE = 0.01;
    private static final double IDENTIFIABLE = 0.8;

    private final int nearDuplicateDistance;
    private final int threads;
    private final int folds;
    private final long seed;
    private final TrainTestSplit split;
    private final ImageDecoder decoder;

    private DatasetAudit(Builder builder) {
        this.nearDuplicateDistance = builder.nearDuplicateDistance;
        this.threads = builder.threads;
        this.folds = builder.folds;
        this.seed = builder.seed;
        this.split = builder.split;
        this.decoder = builder.decoder;
    }

    /**
     * Starts configuring an audit.
     *
     * @return a builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Audits a folder data set, including the files its loader skipped.
     *
     * @param loaded the loaded folder
     * @return the findings
     * @throws IOException if the audit is interrupted
     */
    public AuditReport run(FolderDataset loaded) throws IOException {
        return run(loaded.dataset(), loaded.folder(), loaded.skipped());
    }

    /**
     * Audits a data set loaded from a list, including the entries its loader skipped.
     *
     * @param loaded the loaded data set
     * @return the findings
     * @throws IOException if the audit is interrupted
     */
    public AuditReport run(LoadedDataset loaded) throws IOException {
        return run(loaded.dataset(), loaded.folder(), loaded.skipped());
    }

    /**
     * Audits a data set.
     *
     * @param dataset the samples
     * @param folder the data set folder, for relative paths in the report
     * @param skipped files the loader left out, reported as unusable
     * @return the findings
     * @throws IOException if the audit is interrupted
     */
    public AuditReport run(XrayDataset dataset, Path folder, List<SkippedFile> skipped)
            throws IOException {
        long start = System.nanoTime();
        Path base = folder.toAbsolutePath().normalize();
        List<Facts> facts = inspect(dataset, base);
        List<String> warnings = new ArrayList<>();

        List<UnreadableImage> unreadable = new ArrayList<>();
        for (SkippedFile file : skipped) {
            unreadable.add(new UnreadableImage(relative(base, file.path()), null, file.reason()));
        }
        for (Facts f : facts) {
            if (f.problem != null) {
                unreadable.add(new UnreadableImage(f.path, f.sample.label(), f.problem));
            }
        }
        List<DuplicatePair> exact = new ArrayList<>();
        List<DuplicatePair> near = new ArrayList<>();
        findDuplicates(facts, exact, near);
        SplitCheck splitCheck = split != null ? checkSplit(base, exact, near) : null;
        List<SuspiciousLabel> suspicious = new ArrayList<>();
        for (Sample s : dataset.samples()) {
            LabelEvidence.contradiction(s.image().getFileName().toString(), s.source(), s.label())
                    .ifPresent(why -> suspicious.add(new SuspiciousLabel(relative(base, s.image()), s.label(), why)));
        }
        List<String> mixedPatients = patientsInSeveralClasses(dataset);
        List<ClassProfile> profiles = profiles(dataset, facts);
        ConfoundingCheck confounding = confounding(dataset, facts, f -> f.header == null ? null : features(f.header),
                FEATURES, "file properties");
        ConfoundingCheck appearance = confounding(dataset, facts, Facts::appearance, Appearance.FEATURES,
                "coarse image statistics");

        Map<String, Integer> counts = dataset.countsPerClass();
        int largest = counts.values().stream().max(Integer::compare).orElse(0);
        int smallest = counts.values().stream().min(Integer::compare).orElse(0);
        double imbalance = smallest == 0 ? Double.POSITIVE_INFINITY : (double) largest / smallest;
        warn(warnings, unreadable, exact, near, splitCheck, suspicious, mixedPatients, confounding,
                appearance, imbalance, counts);
        double seconds = (System.nanoTime() - start) / 1e9;
        logger.info("Audited data set '{}' ({} images) in {} s: {} warnings", dataset.name(),
                dataset.size(), String.format(Locale.ROOT, "%.1f", seconds), warnings.size());
        return new AuditReport(dataset.name(), base.toString(), dataset.size(), counts, imbalance,
                unreadable, exact, near, nearDuplicateDistance, splitCheck, suspicious, mixedPatients,
                profiles, confounding, appearance, warnings, seconds);
    }

    /** What the audit learns about one image. */
    private record Facts(Sample sample, String path, ImageHeader header, String problem,
            String sha256, PerceptualHash hash, double[] appearance) {}

    private List<Facts> inspect(XrayDataset dataset, Path base) throws IOException {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Facts>> futures = new ArrayList<>();
            for (Sample sample : dataset.samples()) {
                futures.add(pool.submit(() -> inspect(sample, relative(base, sample.image()))));
            }
            List<Facts> facts = new ArrayList<>();
            for (Future<Facts> future : futures) {
                facts.add(future.get());
            }
            return facts;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("Audit of '" + dataset.name() + "' interrupted");
        } catch (ExecutionException e) {
            throw new IllegalStateException("Auditing an image failed unexpectedly", e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    private Facts inspect(Sample sample, String path) {
        Path file = sample.image();
        String sha256;
        try {
            sha256 = Digests.sha256Hex(file);
        } catch (IOException e) {
            return new Facts(sample, path, null, FileErrors.describe(file, e), null, null, null);
        }
        ImageHeader header;
        try {
            header = ImageHeader.read(file).orElse(null);
        } catch (IOException | RuntimeException e) {
            header = null;
        }
        try {
            GrayImage image = decoder.decode(file);
            return new Facts(sample, path, header, null, sha256, PerceptualHash.of(image), Appearance.of(image));
        } catch (ImageDecodeException e) {
            return new Facts(sample, path, header, e.reason() + ": " + e.getMessage(), sha256, null, null);
        }
    }

    private void findDuplicates(List<Facts> facts, List<DuplicatePair> exact, List<DuplicatePair> near) {
        for (int i = 0; i < facts.size(); i++) {
            Facts a = facts.get(i);
            for (int j = i + 1; j < facts.size(); j++) {
                Facts b = facts.get(j);
                boolean same = a.sha256 != null && a.sha256.equals(b.sha256);
                int distance = a.hash != null && b.hash != null ? a.hash.distance(b.hash) : PerceptualHash.BITS;
                if (same) {
                    exact.add(pair(a, b, true, distance));
                } else if (distance <= nearDuplicateDistance) {
                    near.add(pair(a, b, false, distance));
                }
            }
        }
        near.sort((p, q) -> Integer.compare(p.distance(), q.distance()));
    }

    private static DuplicatePair pair(Facts a, Facts b, boolean exact, int distance) {
        return new DuplicatePair(a.path, a.sample.label(), b.path, b.sample.label(), exact, distance);
    }

    private SplitCheck checkSplit(Path base, List<DuplicatePair> exact, List<DuplicatePair> near) {
        Map<String, String> side = new HashMap<>();
        split.train().samples().forEach(s -> side.put(relative(base, s.image()), "train"));
        split.test().samples().forEach(s -> side.put(relative(base, s.image()), "test"));
        List<DuplicatePair> across = new ArrayList<>();
        for (List<DuplicatePair> pairs : List.of(exact, near)) {
            for (DuplicatePair p : pairs) {
                String first = side.get(p.first());
                String second = side.get(p.second());
                if (first != null && second != null && !first.equals(second)) {
                    across.add(first.equals("train") ? p : new DuplicatePair(p.second(), p.secondLabel(),
                            p.first(), p.firstLabel(), p.exact(), p.distance()));
                }
            }
        }
        return new SplitCheck(split.strategy().name(), split.seed(), split.train().size(),
                split.test().size(), List.copyOf(split.sharedPatients()), across);
    }

    private static List<String> patientsInSeveralClasses(XrayDataset dataset) {
        Map<String, Set<String>> labels = new TreeMap<>();
        for (Sample s : dataset.samples()) {
            if (s.patientId() != null) {
                labels.computeIfAbsent(s.patientId(), p -> new TreeSet<>()).add(s.label());
            }
        }
        List<String> mixed = new ArrayList<>();
        labels.forEach((patient, classes) -> {
            if (classes.size() > 1) {
                mixed.add(patient);
            }
        });
        return mixed;
    }

    private static List<ClassProfile> profiles(XrayDataset dataset, List<Facts> facts) {
        List<ClassProfile> profiles = new ArrayList<>();
        for (String label : dataset.classNames()) {
            List<ImageHeader> headers = facts.stream()
                    .filter(f -> f.sample.label().equals(label) && f.header != null)
                    .map(Facts::header).toList();
            Map<Integer, Integer> bitDepths = new TreeMap<>();
            Map<String, Integer> colourTypes = new TreeMap<>();
            Map<String, Integer> fileTypes = new TreeMap<>();
            int square = 0;
            for (ImageHeader h : headers) {
                bitDepths.merge(h.bitDepth(), 1, Integer::sum);
                colourTypes.merge(h.colourType(), 1, Integer::sum);
                fileTypes.merge(h.fileType(), 1, Integer::sum);
                if (Math.abs(h.aspectRatio() - 1) <= SQUARE_TOLERANCE) {
                    square++;
                }
            }
            profiles.add(new ClassProfile(label, headers.size(),
                    dataset.size() == 0 ? 0 : (double) dataset.countsPerClass().get(label) / dataset.size(),
                    Distribution.of(headers.stream().mapToDouble(ImageHeader::width).toArray()),
                    Distribution.of(headers.stream().mapToDouble(ImageHeader::height).toArray()),
                    Distribution.of(headers.stream().mapToDouble(ImageHeader::aspectRatio).toArray()),
                    headers.isEmpty() ? 0 : (double) square / headers.size(), bitDepths, colourTypes,
                    fileTypes));
        }
        return profiles;
    }

    private static double[] features(ImageHeader h) {
        String colour = h.colourType();
        return new double[] {h.width(), h.height(), h.aspectRatio(), h.bitDepth(),
            colour.startsWith("gray") ? 1 : 0, colour.startsWith("rgb") ? 1 : 0,
            colour.equals("palette") ? 1 : 0, colour.endsWith("+alpha") ? 1 : 0,
            h.fileType().equals("png") ? 1 : 0};
    }

    private ConfoundingCheck confounding(XrayDataset dataset, List<Facts> facts, Function<Facts, double[]> featuresOf,
            List<String> featureNames, String featureKind) {
        Map<Path, double[]> featuresByImage = new HashMap<>();
        for (Facts f : facts) {
            double[] features = featuresOf.apply(f);
            if (features != null) {
                featuresByImage.put(f.sample.image(), features);
            }
        }
        XrayDataset usable = dataset.filter(s -> featuresByImage.containsKey(s.image()));
        List<String> present = new ArrayList<>();
        usable.countsPerClass().forEach((label, n) -> {
            if (n > 0) {
                present.add(label);
            }
        });
        if (present.size() < 2) {
            return ConfoundingCheck.skipped("Fewer than two classes have readable images.", featureNames);
        }
        usable = new XrayDataset(usable.name(), present, usable.samples());
        int smallest = usable.countsPerClass().values().stream().min(Integer::compare).orElse(0);
        int k = Math.min(folds, smallest);
        if (k < 2) {
            return ConfoundingCheck.skipped("A class has fewer than 2 readable images; cross-validation"
                    + " needs at least 2 per class.", featureNames);
        }
        List<Fold> partition = partition(usable, k);
        int classes = present.size();
        int[] correctPerClass = new int[classes];
        int[] totalPerClass = new int[classes];
        int[] predictedPerClass = new int[classes];
        int correct = 0;
        for (Fold fold : partition) {
            List<Sample> train = fold.train().samples();
            double[][] x = new double[train.size()][];
            int[] y = new int[train.size()];
            for (int i = 0; i < train.size(); i++) {
                x[i] = featuresByImage.get(train.get(i).image());
                y[i] = present.indexOf(train.get(i).label());
            }
            DecisionTree tree = DecisionTree.fit(x, y, classes, TREE_DEPTH, MIN_LEAF);
            for (Sample s : fold.test().samples()) {
                int truth = present.indexOf(s.label());
                int predicted = tree.predict(featuresByImage.get(s.image()));
                totalPerClass[truth]++;
                predictedPerClass[predicted]++;
                if (predicted == truth) {
                    correct++;
                    correctPerClass[truth]++;
                }
            }
        }
        int n = usable.size();
        // The share of the largest class: predicting the training folds' majority instead would
        // score below it on balanced classes, since each test fold then lacks the majority's images.
        double majority = usable.countsPerClass().values().stream().mapToInt(Integer::intValue).max().orElse(0)
                / (double) n;
        Map<String, Double> recall = new LinkedHashMap<>();
        Map<String, Double> precision = new LinkedHashMap<>();
        List<String> identifiable = new ArrayList<>();
        double balanced = 0;
        for (int c = 0; c < classes; c++) {
            double r = totalPerClass[c] == 0 ? 0 : (double) correctPerClass[c] / totalPerClass[c];
            double p = predictedPerClass[c] == 0 ? 0 : (double) correctPerClass[c] / predictedPerClass[c];
            recall.put(present.get(c), r);
            precision.put(present.get(c), p);
            balanced += r / classes;
            if (r >= IDENTIFIABLE && p >= IDENTIFIABLE) {
                identifiable.add(present.get(c));
            }
        }
        double chance = 1.0 / classes;
        boolean warning = balanced >= chance + (1 - chance) / 2 || !identifiable.isEmpty();
        double[][] allX = usable.samples().stream().map(s -> featuresByImage.get(s.image())).toArray(double[][]::new);
        int[] allY = usable.samples().stream().mapToInt(s -> present.indexOf(s.label())).toArray();
        String rule = DecisionTree.fit(allX, allY, classes, TREE_DEPTH, MIN_LEAF).rootRule(featureNames);
        String note = String.format(Locale.ROOT, "A depth-%d decision tree on " + featureKind + " alone"
                + " predicts the class with %.1f%% balanced accuracy (%.1f%% accuracy; chance %.1f%%,"
                + " majority class %.1f%%), %d-fold cross-validated; first split: %s.%s", TREE_DEPTH,
                100 * balanced, 100.0 * correct / n, 100 * chance, 100 * majority, k, rule,
                identifiable.isEmpty() ? "" : identifiable.stream().map(c -> String.format(Locale.ROOT,
                        " Class %s is recognised from " + featureKind + " alone (recall %.1f%%, precision %.1f%%).",
                        c, 100 * recall.get(c), 100 * precision.get(c))).collect(java.util.stream.Collectors.joining()));
        return new ConfoundingCheck(true, note, featureNames, k, (double) correct / n, balanced,
                majority, chance, recall, precision, identifiable, rule, warning);
    }

    /** Patient-grouped folds when patients are known and numerous enough, image folds otherwise. */
    private List<Fold> partition(XrayDataset dataset, int k) {
        SplitStrategy strategy = SplitStrategy.defaultFor(dataset.hasPatientIds());
        try {
            return Splits.kFold(dataset, k, seed, strategy);
        } catch (IllegalArgumentException tooFewPatients) {
            logger.info("Too few patients per class for {}-fold patient-grouped folds; using image folds", k);
            return Splits.kFold(dataset, k, seed, SplitStrategy.IMAGE);
        }
    }

    /** What would remove the leaks a split check found, given how the split was already drawn. */
    private static String splitAdvice(SplitCheck split) {
        if (!SplitStrategy.PATIENT.name().equals(split.strategy())) {
            return "Split by patient and remove duplicates.";
        }
        // A patient split can only leak a patient through images without an id.
        return split.sharedPatients().isEmpty()
                ? "Remove the duplicates, or keep each pair on one side of the split."
                : "Give every image of those patients its patient id, and remove duplicates.";
    }

    private static void warn(List<String> warnings, List<UnreadableImage> unreadable,
            List<DuplicatePair> exact, List<DuplicatePair> near, SplitCheck split,
            List<SuspiciousLabel> suspicious, List<String> mixedPatients,
            ConfoundingCheck confounding, ConfoundingCheck appearance, double imbalance, Map<String, Integer> counts) {
        if (!unreadable.isEmpty()) {
            warnings.add(unreadable.size() + " file(s) cannot be used as images; fix or remove them.");
        }
        long exactAcross = exact.stream().filter(DuplicatePair::acrossClasses).count();
        if (!exact.isEmpty()) {
            warnings.add(exact.size() + " pair(s) of byte-identical images (" + exactAcross
                    + " across classes); keep one copy of each.");
        }
        long nearAcross = near.stream().filter(DuplicatePair::acrossClasses).count();
        if (!near.isEmpty()) {
            warnings.add(near.size() + " pair(s) of near-duplicate images (" + nearAcross
                    + " across classes); check them and keep one of each, or keep each pair on one side of every split.");
        }
        if (split != null && (!split.duplicatesAcross().isEmpty() || !split.sharedPatients().isEmpty())) {
            warnings.add("The " + split.strategy().toLowerCase(Locale.ROOT) + " split (seed " + split.seed()
                    + ") has " + split.duplicatesAcross().size() + " duplicate pair(s) and "
                    + split.sharedPatients().size() + " patient(s) on both sides; its test score is"
                    + " inflated. " + splitAdvice(split));
        }
        if (!suspicious.isEmpty()) {
            warnings.add(suspicious.size() + " image(s) have names or metadata that contradict their"
                    + " class; check their labels.");
        }
        if (!mixedPatients.isEmpty()) {
            warnings.add(mixedPatients.size() + " patient(s) have images in more than one class;"
                    + " a patient-grouped split keeps each of them on one side, filed under one class.");
        }
        if (imbalance >= 3) {
            warnings.add(String.format(Locale.ROOT, "The classes are imbalanced %.1f:1 %s; report"
                    + " balanced accuracy or per-class sensitivity, not accuracy alone.", imbalance, counts));
        }
        if (confounding.warning()) {
            warnings.add("Source confounding: " + confounding.note() + " The classes differ in how"
                    + " their images were made or stored, a shortcut a network can learn instead of"
                    + " the disease. Keep the default --resize crop (stretch and pad leave the aspect"
                    + " ratio visible) and judge models on external data.");
        }
        if (appearance.warning()) {
            warnings.add("Appearance: " + appearance.note() + " The classes differ in overall brightness or in"
                    + " what lies at fixed places of the image (markers, labels, frames, exposure). Unless the"
                    + " disease itself explains it, a network can learn it instead of the disease; look at the"
                    + " images for such marks and judge models on external data.");
        }
    }

    private static String relative(Path base, Path file) {
        Path absolute = file.toAbsolutePath().normalize();
        Path shown = absolute.startsWith(base) ? base.relativize(absolute) : absolute;
        return shown.toString().replace(absolute.getFileSystem().getSeparator(), "/");
    }

    /** Configures a {@link DatasetAudit}. */
    public static final class Builder {

        private int nearDuplicateDistance = 10;
        private int threads = Runtime.getRuntime().availableProcessors();
        private int folds = 5;
        private long seed = 42;
        private TrainTestSplit split;
        private ImageDecoder decoder = new ImageDecoder();

        private Builder() {}

        /**
         * Sets the largest perceptual-hash distance (out of {@link PerceptualHash#BITS}) at which
         * two images count as near-duplicates; 10 by default.
         *
         * @param distance the distance, from 0
         * @return this builder
         */
        public Builder optNearDuplicateDistance(int distance) {
            if (distance < 0 || distance > PerceptualHash.BITS) {
                throw new IllegalArgumentException("Near-duplicate distance must be between 0 and "
                        + PerceptualHash.BITS + ", was " + distance);
            }
            this.nearDuplicateDistance = distance;
            return this;
        }

        /**
         * Sets how many images are read at once; the number of processors by default.
         *
         * @param threads at least 1
         * @return this builder
         */
        public Builder optThreads(int threads) {
            if (threads < 1) {
                throw new IllegalArgumentException("threads must be >= 1, was " + threads);
            }
            this.threads = threads;
            return this;
        }

        /**
         * Sets the folds of the confounding check's cross-validation; 5 by default, fewer when a
         * class is smaller.
         *
         * @param folds at least 2
         * @return this builder
         */
        public Builder optFolds(int folds) {
            if (folds < 2) {
                throw new IllegalArgumentException("folds must be >= 2, was " + folds);
            }
            this.folds = folds;
            return this;
        }

        /**
         * Sets the seed of the confounding check's folds; 42 by default.
         *
         * @param seed the seed
         * @return this builder
         */
        public Builder optSeed(long seed) {
            this.seed = seed;
            return this;
        }

        /**
         * Also checks a split for patients and duplicates on both sides.
         *
         * @param split a split of the audited data set
         * @return this builder
         */
        public Builder optSplit(TrainTestSplit split) {
            this.split = Objects.requireNonNull(split, "split");
            return this;
        }

        /**
         * Sets the decoder; by default one with the default pixel limit.
         *
         * @param decoder the decoder
         * @return this builder
         */
        public Builder optDecoder(ImageDecoder decoder) {
            this.decoder = Objects.requireNonNull(decoder, "decoder");
            return this;
        }

        /** @return the audit */
        public DatasetAudit build() {
            return new DatasetAudit(this);
        }
    }
}
