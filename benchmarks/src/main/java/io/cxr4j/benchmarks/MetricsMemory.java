package io.cxr4j.benchmarks;

import io.cxr4j.core.metrics.Evaluation;
import io.cxr4j.core.metrics.EvaluationAccumulator;
import io.cxr4j.core.metrics.ScoreDistributions;
import io.cxr4j.core.platform.CpuInfo;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * The memory and time of the exact {@link EvaluationAccumulator} for docs/metrics.md: feeds it
 * {@code predictions} binary predictions and reports the heap it retains (used heap after full
 * garbage collections, minus the same before), its own count of state bytes, its size in Java
 * serialization (what Spark would ship), and the time to add the predictions, to merge eight
 * partitions and to evaluate (AUC and Wilson intervals of every class).
 *
 * <p>Scores are softmax outputs computed in float32 the way a trained network's last layer does,
 * from a logit difference drawn per image: {@code N(+6, 3)} for COVID-19 images (30%), {@code
 * N(-6, 3)} for the others; about 95% of the probabilities fall below 0.01 or above 0.99. With
 * {@code uniform}, the scores are uniform random floats instead: nearly every score distinct, the
 * worst case for memory.
 *
 * <pre>
 * mvn -B -o -q package -DskipTests -pl benchmarks -am
 * java -Xmx8g -cp benchmarks/target/benchmarks.jar io.cxr4j.benchmarks.MetricsMemory 10000000 [softmax|uniform]
 * </pre>
 *
 * <p>Prints one line of JSON on standard output.
 */
public final class MetricsMemory {

    private static final List<String> CLASSES = List.of("covid", "normal");
    private static final int PARTITIONS = 8;

    private MetricsMemory() {}

    /**
     * Runs the measurement.
     *
     * @param args the number of predictions, then {@code softmax} (default) or {@code uniform}
     */
    public static void main(String[] args) throws IOException {
        if (args.length < 1 || args.length > 2) {
            throw new IllegalArgumentException("Usage: MetricsMemory PREDICTIONS [softmax|uniform]");
        }
        long predictions = Long.parseLong(args[0]);
        boolean uniform = args.length > 1 && args[1].equals("uniform");
        if (args.length > 1 && !uniform && !args[1].equals("softmax")) {
            throw new IllegalArgumentException("Score distribution must be softmax or uniform, not " + args[1]);
        }
        long before = usedHeapAfterGc();
        long started = System.nanoTime();
        EvaluationAccumulator accumulator = new EvaluationAccumulator(CLASSES);
        Random random = new Random(42);
        float[] p = new float[2];
        for (long i = 0; i < predictions; i++) {
            int actual = random.nextDouble() < 0.3 ? 0 : 1;
            score(random, actual, uniform, p);
            accumulator.add(actual, p);
        }
        double addSeconds = (System.nanoTime() - started) / 1e9;
        long retained = usedHeapAfterGc() - before;

        started = System.nanoTime();
        ScoreDistributions scores = accumulator.snapshot();
        Evaluation evaluation = scores.evaluation();
        double evaluateSeconds = (System.nanoTime() - started) / 1e9;

        long serialized = serializedBytes(accumulator);

        // The same predictions again, dealt to partitions, then merged as a distributed evaluation would.
        List<EvaluationAccumulator> partitions = new ArrayList<>();
        for (int k = 0; k < PARTITIONS; k++) {
            partitions.add(new EvaluationAccumulator(CLASSES));
        }
        random = new Random(42);
        for (long i = 0; i < predictions; i++) {
            int actual = random.nextDouble() < 0.3 ? 0 : 1;
            score(random, actual, uniform, p);
            partitions.get((int) (i % PARTITIONS)).add(actual, p);
        }
        accumulator = null;
        started = System.nanoTime();
        EvaluationAccumulator merged = partitions.get(0);
        for (int k = 1; k < PARTITIONS; k++) {
            merged.merge(partitions.get(k));
        }
        ScoreDistributions mergedScores = merged.snapshot();
        double mergeSeconds = (System.nanoTime() - started) / 1e9;
        if (!mergedScores.equals(scores)) {
            throw new IllegalStateException("Merged partitions differ from one accumulator over the same predictions");
        }

        Runtime runtime = Runtime.getRuntime();
        System.out.println(String.format(Locale.ROOT, "{\"predictions\": %d, \"scores\": \"%s\", \"retainedHeapBytes\": %d,"
                + " \"stateBytes\": %d, \"serializedBytes\": %d, \"addSeconds\": %.2f, \"evaluateSeconds\": %.2f,"
                + " \"merge%dSeconds\": %.2f, \"auc\": %.6f, \"accuracy\": %.6f, \"maxHeapBytes\": %d,"
                + " \"java\": \"%s\", \"vm\": \"%s\", \"cpu\": \"%s\"}",
                predictions, uniform ? "uniform" : "softmax", retained, merged.stateBytes(), serialized, addSeconds,
                evaluateSeconds, PARTITIONS, mergeSeconds, evaluation.classMetrics("covid").rocAuc(),
                evaluation.accuracy().value(), runtime.maxMemory(), System.getProperty("java.version"),
                System.getProperty("java.vm.name"), cpu()));
    }

    /** One prediction's probabilities, as a float32 softmax computes them. */
    private static void score(Random random, int actual, boolean uniform, float[] p) {
        if (uniform) {
            p[0] = random.nextFloat();
            p[1] = 1 - p[0];
            return;
        }
        float logitDifference = (float) (random.nextGaussian() * 3 + (actual == 0 ? 6 : -6));
        // softmax([d, 0]) with the maximum subtracted first, in float as the network computes it
        float max = Math.max(logitDifference, 0);
        float e0 = (float) Math.exp(logitDifference - max);
        float e1 = (float) Math.exp(-max);
        float sum = e0 + e1;
        p[0] = e0 / sum;
        p[1] = e1 / sum;
    }

    private static long usedHeapAfterGc() {
        Runtime runtime = Runtime.getRuntime();
        long used = Long.MAX_VALUE;
        // Several collections, until the figure stops falling.
        for (int i = 0; i < 5; i++) {
            System.gc();
            long now = runtime.totalMemory() - runtime.freeMemory();
            if (now >= used) {
                break;
            }
            used = now;
        }
        return used;
    }

    private static long serializedBytes(Object object) throws IOException {
        CountingStream counter = new CountingStream();
        try (ObjectOutputStream out = new ObjectOutputStream(counter)) {
            out.writeObject(object);
        }
        return counter.count;
    }

    private static String cpu() {
        return ManagementFactory.getOperatingSystemMXBean().getAvailableProcessors() + " processors, "
                + CpuInfo.platform();
    }

    /** Counts bytes and keeps none. */
    private static final class CountingStream extends OutputStream {
        private long count;

        @Override
        public void write(int b) {
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            count += len;
        }
    }
}
