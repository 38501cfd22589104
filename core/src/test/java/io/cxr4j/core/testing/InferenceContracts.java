package io.cxr4j.core.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.cxr4j.core.inference.BatchPredictions;
import io.cxr4j.core.inference.Prediction;
import io.cxr4j.core.inference.XrayClassifier;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every engine's inference must guarantee, checked the same way for each: concurrent use
 * gives the sequential results, and long runs keep memory and handles flat.
 */
public final class InferenceContracts {

    /** Allowed growth of resident memory between the warm-up and the end of a long run. */
    public static final long MAX_RSS_GROWTH_KB = 64 * 1024;
    /** Allowed growth of open file descriptors over the same span. */
    public static final int MAX_FD_GROWTH = 4;

    private static final Logger LOG = LoggerFactory.getLogger(InferenceContracts.class);

    private InferenceContracts() {}

    /**
     * One classifier shared by {@code threads} threads making {@code predictions} predictions in
     * all returns exactly what sequential prediction returns.
     *
     * @param model a model directory
     * @param images images to cycle through
     * @param threads concurrent callers
     * @param predictions predictions in all
     */
    public static void concurrentUseMatchesSequential(Path model, List<Path> images, int threads, int predictions)
            throws Exception {
        try (XrayClassifier classifier = XrayClassifier.load(model)) {
            List<List<Double>> sequential = new ArrayList<>();
            for (Path image : images) {
                sequential.add(classifier.predict(image).probabilities());
            }
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            try {
                List<Future<int[]>> futures = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    int thread = t;
                    futures.add(pool.submit(() -> {
                        int done = 0;
                        int matched = 0;
                        for (int i = thread; i < predictions; i += threads) {
                            int index = i % images.size();
                            Prediction p = classifier.predict(images.get(index));
                            done++;
                            matched += p.probabilities().equals(sequential.get(index)) ? 1 : 0;
                        }
                        return new int[] {done, matched};
                    }));
                }
                int done = 0;
                int matched = 0;
                for (Future<int[]> f : futures) {
                    int[] counts = f.get();
                    done += counts[0];
                    matched += counts[1];
                }
                assertThat(done).isEqualTo(predictions);
                assertThat(matched).as("predictions identical to the sequential ones").isEqualTo(predictions);
            } finally {
                pool.shutdownNow();
            }
        }
    }

    /**
     * {@code rounds x 500} predictions in one JVM leave resident memory and open file handles
     * flat, measured from /proc after a warm-up, within {@link #MAX_RSS_GROWTH_KB} and {@link
     * #MAX_FD_GROWTH}.
     *
     * @param model a model directory
     * @param images images to cycle through
     * @param rounds batches of 500 predictions after the warm-up
     */
    public static void longRunStaysFlat(Path model, List<Path> images, int rounds) throws IOException {
        List<Path> batch = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            batch.add(images.get(i % images.size()));
        }
        try (XrayClassifier classifier = XrayClassifier.load(model)) {
            for (int i = 0; i < 4; i++) {
                classifier.predictAll(batch, 50);
            }
            System.gc();
            long rssBefore = residentKb();
            int filesBefore = openFiles();
            int predictions = 0;
            for (int round = 0; round < rounds; round++) {
                BatchPredictions result = classifier.predictAll(batch, 50);
                predictions += result.predictions().size();
            }
            System.gc();
            long rssGrowth = residentKb() - rssBefore;
            int fileGrowth = openFiles() - filesBefore;
            LOG.info("{} {} predictions: resident memory grew {} KB, open files grew {}",
                    classifier.manifest().engine(), predictions, rssGrowth, fileGrowth);
            assertThat(predictions).isEqualTo(rounds * 500);
            assertThat(rssGrowth).as("resident memory growth in KB").isLessThan(MAX_RSS_GROWTH_KB);
            assertThat(fileGrowth).as("open file descriptor growth").isLessThanOrEqualTo(MAX_FD_GROWTH);
        }
    }

    private static long residentKb() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", ""));
            }
        }
        throw new IllegalStateException("no VmRSS in /proc/self/status");
    }

    private static int openFiles() throws IOException {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return (int) fds.count();
        }
    }
}
