package io.cxr4j.benchmarks;

import io.cxr4j.core.data.BatchPredictions;
import io.cxr4j.core.inference.XrayClassifier;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A long inference run for the memory rows of RESULTS.md: a saved model predicts {@code images}
 * files, cycling through the DarkCovidNet images, as {@code cxr4j predict} does (batches of
 * {@value XrayClassifier#DEFAULT_BATCH_SIZE}, decoding in parallel), in chunks of {@value #CHUNK}
 * whose results are dropped. Resident memory, the committed heap and the heap in use are read
 * after every chunk; if inference memory grew with the number of images, the reading after the
 * last chunk would exceed the one after the first. {@code benchmarks/run.sh} runs it under {@code
 * /usr/bin/time -v} for the peak.
 *
 * <pre>
 * java -Dai.djl.offline=true -cp benchmarks/target/benchmarks.jar io.cxr4j.benchmarks.InferenceMemory MODEL_DIR [IMAGES]
 * </pre>
 *
 * <p>Prints one JSON object on standard output; progress goes to the log.
 */
public final class InferenceMemory {

    /** Predictions between two memory readings. */
    static final int CHUNK = 1000;

    private static final Logger LOG = LoggerFactory.getLogger(InferenceMemory.class);

    private InferenceMemory() {}

    /**
     * Runs the predictions.
     *
     * @param args the model directory, then the number of predictions (default 10,000, a multiple
     *     of {@value #CHUNK})
     */
    public static void main(String[] args) throws IOException {
        if (args.length < 1 || args.length > 2) {
            throw new IllegalArgumentException("Usage: InferenceMemory MODEL_DIR [IMAGES]; IMAGES defaults to 10000");
        }
        Path model = Path.of(args[0]);
        int images = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
        if (images < CHUNK || images % CHUNK != 0) {
            throw new IllegalArgumentException("IMAGES must be a positive multiple of " + CHUNK + ", not " + images);
        }
        List<Path> files = BenchmarkSupport.darkcovidnet().samples().stream().map(s -> s.image()).toList();
        List<String> readings = new ArrayList<>();
        long started = System.nanoTime();
        String engine;
        try (XrayClassifier classifier = XrayClassifier.load(model)) {
            engine = classifier.manifest().engine();
            for (int done = 0; done < images; done += CHUNK) {
                List<Path> chunk = new ArrayList<>(CHUNK);
                for (int i = done; i < done + CHUNK; i++) {
                    chunk.add(files.get(i % files.size()));
                }
                BatchPredictions result = classifier.predictAll(chunk);
                if (!result.skipped().isEmpty()) {
                    throw new IllegalStateException(result.skipped().size() + " images could not be read, e.g. "
                            + result.skipped().get(0).image() + ": " + result.skipped().get(0).reason());
                }
                Runtime runtime = Runtime.getRuntime();
                long resident = residentKb();
                long committed = runtime.totalMemory() / 1024;
                long used = (runtime.totalMemory() - runtime.freeMemory()) / 1024;
                LOG.info("after {} predictions: resident {} KB, committed heap {} KB, heap in use {} KB",
                        done + CHUNK, resident, committed, used);
                readings.add(String.format(Locale.ROOT, "{\"images\": %d, \"resident_kb\": %d, \"heap_committed_kb\": %d,"
                        + " \"heap_used_kb\": %d}", done + CHUNK, resident, committed, used));
            }
        }
        System.out.printf(Locale.ROOT, "{\"engine\": \"%s\", \"images\": %d, \"seconds\": %.1f, \"readings\": [%s]}%n",
                engine, images, (System.nanoTime() - started) / 1e9, String.join(", ", readings));
    }

    private static long residentKb() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", ""));
            }
        }
        throw new IllegalStateException("No VmRSS in /proc/self/status: resident memory can only be read on Linux");
    }
}
