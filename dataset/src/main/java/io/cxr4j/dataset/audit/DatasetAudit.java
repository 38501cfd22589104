package io.cxr4j.dataset.audit;

import io.cxr4j.core.data.Sample;
import io.cxr4j.core.data.XrayDataset;
import io.cxr4j.core.image.ImageDecoder;
import io.cxr4j.core.split.TrainTestSplit;
import io.cxr4j.dataset.DatasetUnion;
import io.cxr4j.dataset.FolderDataset;
import io.cxr4j.dataset.LoadedDataset;
import io.cxr4j.dataset.SkippedFile;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Audits a labelled data set: reads every image's header, decodes it with core's {@link
 * ImageDecoder}, hashes its bytes (SHA-256) and its look ({@link PerceptualHash}), and reports
 * what it finds as an {@link AuditReport}. Images are read in parallel; the checks on what was
 * read are cheap, each in its own class: duplicate pairs ({@code DuplicateFinder}), leaks across
 * a split ({@code SplitLeaks}), per-class file properties ({@code ClassProfiles}), confounding
 * ({@code ConfoundingTree}) and the warnings' sentences ({@code AuditWarnings}).
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

    private final int nearDuplicateDistance;
    private final int threads;
    private final TrainTestSplit split;
    private final ImageDecoder decoder;
    private final ConfoundingTree confoundingTree;

    private DatasetAudit(Builder builder) {
        this.nearDuplicateDistance = builder.nearDuplicateDistance;
        this.threads = builder.threads;
        this.split = builder.split;
        this.decoder = builder.decoder;
        this.confoundingTree = new ConfoundingTree(builder.folds, builder.seed);
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
     * Audits a union of data sets as one, so that duplicates across its members are found too,
     * including the files its members' loaders skipped.
     *
     * @param union the joined data sets
     * @return the findings, with paths relative to the union's folder
     * @throws IOException if the audit is interrupted
     */
    public AuditReport run(DatasetUnion union) throws IOException {
        return run(union.dataset(), union.folder(), union.skipped());
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
        List<ImageFacts> facts = inspect(dataset, base);

        List<UnreadableImage> unreadable = new ArrayList<>();
        for (SkippedFile file : skipped) {
            unreadable.add(new UnreadableImage(ImageFacts.relative(base, file.path()), null, file.reason()));
        }
        for (ImageFacts f : facts) {
            if (f.problem() != null) {
                unreadable.add(new UnreadableImage(f.path(), f.sample().label(), f.problem()));
            }
        }
        DuplicateFinder.Duplicates duplicates = DuplicateFinder.find(facts, nearDuplicateDistance);
        SplitCheck splitCheck = split != null
                ? SplitLeaks.check(split, base, duplicates.exact(), duplicates.near()) : null;
        List<SuspiciousLabel> suspicious = new ArrayList<>();
        for (Sample s : dataset.samples()) {
            LabelEvidence.contradiction(s.image().getFileName().toString(), s.source(), s.label())
                    .ifPresent(why -> suspicious.add(
                            new SuspiciousLabel(ImageFacts.relative(base, s.image()), s.label(), why)));
        }
        List<String> mixedPatients = patientsInSeveralClasses(dataset);
        List<ClassProfile> profiles = ClassProfiles.of(dataset, facts);
        ConfoundingCheck confounding = confoundingTree.fileProperties(dataset, facts);
        ConfoundingCheck appearance = confoundingTree.appearance(dataset, facts);

        Map<String, Integer> counts = dataset.countsPerClass();
        int largest = counts.values().stream().max(Integer::compare).orElse(0);
        int smallest = counts.values().stream().min(Integer::compare).orElse(0);
        double imbalance = smallest == 0 ? Double.POSITIVE_INFINITY : (double) largest / smallest;
        List<String> warnings = AuditWarnings.of(unreadable, duplicates.exact(), duplicates.near(), splitCheck,
                suspicious, mixedPatients, confounding, appearance, imbalance, counts);
        double seconds = (System.nanoTime() - start) / 1e9;
        logger.info("Audited data set '{}' ({} images) in {} s: {} warnings", dataset.name(),
                dataset.size(), String.format(Locale.ROOT, "%.1f", seconds), warnings.size());
        return new AuditReport(dataset.name(), base.toString(), dataset.size(), counts, imbalance,
                unreadable, duplicates.exact(), duplicates.near(), nearDuplicateDistance, splitCheck, suspicious,
                mixedPatients, profiles, confounding, appearance, warnings, seconds);
    }

    private List<ImageFacts> inspect(XrayDataset dataset, Path base) throws IOException {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<ImageFacts>> futures = new ArrayList<>();
            for (Sample sample : dataset.samples()) {
                futures.add(pool.submit(() -> ImageFacts.inspect(sample, base, decoder)));
            }
            List<ImageFacts> facts = new ArrayList<>();
            for (Future<ImageFacts> future : futures) {
                facts.add(future.get());
            }
            return facts;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("Audit of '" + dataset.name() + "' interrupted");
        } catch (ExecutionException e) {
            throw new IllegalStateException("Auditing an image failed unexpectedly", e.getCause());
        } finally {
            pool.shutdownNow();
        }
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
