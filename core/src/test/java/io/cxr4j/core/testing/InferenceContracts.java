package io.cxr4j.core.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import io.cxr4j.core.explain.Explanation;
import io.cxr4j.core.data.BatchPredictions;
import io.cxr4j.core.data.Prediction;
import io.cxr4j.core.inference.XrayClassifier;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every engine's inference must guarantee, checked the same way for each: concurrent use
 * gives the sequential results, for predictions and Grad-CAM explanations, closing under load is
 * safe, and long runs keep memory and handles flat.
 */
public final class InferenceContracts {

    /**
     * Allowed growth, between the warm-up and the end of a long run, of resident memory outside
     * the committed Java heap: native tensors, engine buffers, thread stacks. The JVM may commit
     * more heap during a run, which raises resident memory once without being a leak, so the heap
     * is bounded separately by {@link #MAX_HEAP_GROWTH_KB}.
     */
    public static final long MAX_NATIVE_GROWTH_KB = 64 * 1024;
    /** Allowed growth of the Java heap in use after a full collection. */
    public static final long MAX_HEAP_GROWTH_KB = 32 * 1024;
    /** Batches of 500 predictions made before measuring. */
    public static final int WARM_UP_ROUNDS = 10;
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
     * One classifier shared by {@code threads} threads, each explaining every image, returns
     * exactly the sequential heat maps.
     *
     * @param classifier a classifier whose engine computes Grad-CAM
     * @param images the images to explain
     * @param threads concurrent callers
     * @return the sequential explanations, in image order
     */
    public static List<Explanation> concurrentExplanationsMatchSequential(XrayClassifier classifier,
            List<Path> images, int threads) throws Exception {
        List<Explanation> sequential = new ArrayList<>();
        for (Path image : images) {
            sequential.add(classifier.explain(image));
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Integer>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                futures.add(pool.submit(() -> {
                    int same = 0;
                    for (int i = 0; i < images.size(); i++) {
                        same += Arrays.equals(classifier.explain(images.get(i)).inputHeatMap().values(),
                                sequential.get(i).inputHeatMap().values()) ? 1 : 0;
                    }
                    return same;
                }));
            }
            for (Future<Integer> f : futures) {
                assertThat(f.get()).as("heat maps identical to the sequential ones").isEqualTo(images.size());
            }
        } finally {
            pool.shutdownNow();
        }
        return sequential;
    }

    /**
     * Closing a classifier while {@code threads} threads predict and explain with it waits for the
     * engine calls under way (freeing a running TensorFlow session's memory used to crash the JVM)
     * and makes every later call fail with a message saying the classifier is closed.
     *
     * @param model a model directory whose engine computes Grad-CAM
     * @param images images to cycle through
     * @param threads concurrent callers
     */
    public static void closingWhileInUseWaitsAndLaterCallsFail(Path model, List<Path> images, int threads)
            throws Exception {
        XrayClassifier classifier = XrayClassifier.load(model);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch allBusy = new CountDownLatch(threads);
        try {
            List<Future<Integer>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    int done = 0;
                    try {
                        for (int i = 0; !Thread.currentThread().isInterrupted(); i++) {
                            Path image = images.get(i % images.size());
                            if ((i + thread) % 2 == 0) {
                                classifier.predict(image);
                            } else {
                                classifier.explain(image);
                            }
                            done++;
                            if (done == 3) {
                                allBusy.countDown();
                            }
                        }
                    } catch (IllegalStateException e) {
                        assertThat(e).hasMessageContaining("is closed").hasMessageContaining(model.toString());
                    }
                    return done;
                }));
            }
            assertThat(allBusy.await(2, TimeUnit.MINUTES)).as("every thread predicting").isTrue();
            classifier.close();
            for (Future<Integer> f : futures) {
                assertThat(f.get(2, TimeUnit.MINUTES)).isGreaterThanOrEqualTo(3);
            }
            assertThatThrownBy(() -> classifier.predict(images.get(0)))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("is closed");
            assertThatThrownBy(() -> classifier.predictAll(images))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("is closed");
            assertThatThrownBy(() -> classifier.explain(images.get(0)))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("is closed");
        } finally {
            // Also when an assertion failed: otherwise the workers would keep the cores busy.
            classifier.close();
            pool.shutdownNow();
            pool.awaitTermination(1, TimeUnit.MINUTES);
        }
    }

    /**
     * {@code rounds x 500} predictions in one JVM leave memory and open file handles flat,
     * measured from /proc and the JVM after a warm-up of {@value #WARM_UP_ROUNDS} x 500, within {@link #MAX_NATIVE_GROWTH_KB},
     * {@link #MAX_HEAP_GROWTH_KB} and {@link #MAX_FD_GROWTH}.
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
            // Engines' native allocators grow to a plateau over the first few thousand calls
            // (TensorFlow's takes about 5,000); growth is measured after that.
            for (int i = 0; i < WARM_UP_ROUNDS; i++) {
                classifier.predictAll(batch, 50);
            }
            System.gc();
            long heapBefore = usedHeapKb();
            int filesBefore = openFiles();
            // Native memory is sampled between rounds, away from System.gc(), which resizes the
            // committed heap and would shift a resident-minus-heap reading by itself.
            int predictions = classifier.predictAll(batch, 50).predictions().size();
            long nativeBefore = nativeKb();
            for (int round = 1; round < rounds; round++) {
                BatchPredictions result = classifier.predictAll(batch, 50);
                predictions += result.predictions().size();
                if (round % 10 == 9) {
                    LOG.info("after {} predictions: resident {} KB, of which outside the heap {} KB",
                            predictions, residentKb(), nativeKb());
                }
            }
            long nativeGrowth = nativeKb() - nativeBefore;
            System.gc();
            long heapGrowth = usedHeapKb() - heapBefore;
            int fileGrowth = openFiles() - filesBefore;
            LOG.info("{} {} predictions: memory outside the heap grew {} KB, heap in use grew {} KB,"
                    + " open files grew {}", classifier.manifest().engine(), predictions, nativeGrowth,
                    heapGrowth, fileGrowth);
            assertThat(predictions).isEqualTo(rounds * 500);
            assertThat(nativeGrowth).as("growth of resident memory outside the heap, KB")
                    .isLessThan(MAX_NATIVE_GROWTH_KB);
            assertThat(heapGrowth).as("growth of the heap in use after GC, KB").isLessThan(MAX_HEAP_GROWTH_KB);
            assertThat(fileGrowth).as("open file descriptor growth").isLessThanOrEqualTo(MAX_FD_GROWTH);
        }
    }

    /** @return resident memory outside the committed Java heap, in KB, from /proc */
    static long nativeKb() throws IOException {
        return residentKb() - Runtime.getRuntime().totalMemory() / 1024;
    }

    private static long usedHeapKb() {
        Runtime runtime = Runtime.getRuntime();
        return (runtime.totalMemory() - runtime.freeMemory()) / 1024;
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
