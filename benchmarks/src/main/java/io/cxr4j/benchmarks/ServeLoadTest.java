package io.cxr4j.benchmarks;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.cxr4j.core.config.TrainingConfig;
import io.cxr4j.core.data.Sample;
import io.cxr4j.core.data.XrayDataset;
import io.cxr4j.core.training.TrainingRequest;
import io.cxr4j.serve.ServeCommand;
import java.awt.image.BufferedImage;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A load test of {@code cxr4j-serve} on 127.0.0.1: the real command ({@link ServeCommand}) runs in
 * a JVM of its own with a fixed, pre-touched heap, and clients in this JVM post DarkCovidNet images
 * (each as its JPEG file and re-encoded losslessly as PNG) to {@code POST /v1/predict}.
 *
 * <p>For each engine, batching on (batch size 8, the default 5 ms wait) and off (batch size 1), and
 * 1, 4 and 16 concurrent clients, a fixed count of requests is sent and timed one by one:
 * throughput, and exact p50/p90/p99/max latency with 95% intervals. Every answer is checked against
 * the probabilities of its own image, computed first by the same server one request at a time, so a
 * lost, refused, duplicated or swapped answer is counted. Then, per engine, a fresh server answers
 * a long run (10,000 requests, 16 clients, batching on) while the server process's resident memory
 * ({@code VmRSS} of {@code /proc/PID/status}) is read every 1,000 answers.
 *
 * <pre>
 * CXR4J_DATA_DIR=... java -Dai.djl.offline=true -cp benchmarks/target/benchmarks.jar \
 *     io.cxr4j.benchmarks.ServeLoadTest [--requests 600] [--memory-requests 10000] \
 *     [--engines pytorch,tensorflow] [--model ENGINE=DIR]... [--work DIR]
 * </pre>
 *
 * <p>Without {@code --model}, each engine trains a DarkCovidNet at 1x224 for one epoch on 16 images,
 * as {@link ServeBenchmark} does. Prints a Markdown report on standard output; progress goes to the
 * log. Exits with status 1 when any request was lost, refused, duplicated or answered with another
 * image's probabilities.
 */
public final class ServeLoadTest {

    /** Most images per engine call with batching on: the server's default. */
    static final int BATCH_ON = 8;
    /** Answers between two readings of the server's resident memory. */
    static final int MEMORY_CHUNK = 1000;
    /** Largest accepted difference between a probability and its one-at-a-time baseline. */
    static final double TOLERANCE = 1e-6;
    /** The server JVM's options: a fixed, pre-touched heap, so resident memory grows only if native memory does. */
    static final List<String> SERVER_JVM = List.of("-Xms512m", "-Xmx512m", "-XX:+AlwaysPreTouch",
            "-Dai.djl.offline=true");

    private static final Logger LOG = LoggerFactory.getLogger(ServeLoadTest.class);
    private static final int[] CLIENTS = {1, 4, 16};
    private static final int IMAGES = 64;
    private static final int THROUGHPUT_PARTS = 5;
    private static final Pattern SERVING = Pattern.compile("on http://[^ ]+:(\\d+)/");

    private final List<Image> images;
    private final Path work;

    private ServeLoadTest(List<Image> images, Path work) {
        this.images = images;
        this.work = work;
    }

    /** An image as it is uploaded. */
    record Image(String name, String contentType, byte[] bytes) {}

    /** The measurements of one run of a fixed count of requests. */
    record Run(String engine, String batching, int clients, int requests, LoadStatistics.Throughput throughput,
            List<LoadStatistics.Quantile> quantiles, double maxMs, double meanBatch,
            Map<Integer, Integer> statuses, LoadStatistics.Verdict verdict, double loadBefore) {}

    /** The resident memory readings of a long run. */
    record Memory(String engine, Run run, List<long[]> readings) {}

    /**
     * Runs the load test.
     *
     * @param args options, see the class description
     */
    public static void main(String[] args) throws Exception {
        Map<String, String> options = new LinkedHashMap<>(Map.of("--requests", "600", "--memory-requests", "10000",
                "--engines", "pytorch,tensorflow"));
        Map<String, Path> givenModels = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i += 2) {
            if (i + 1 >= args.length || !(options.containsKey(args[i]) || args[i].equals("--model")
                    || args[i].equals("--work"))) {
                throw new IllegalArgumentException("Usage: ServeLoadTest [--requests N] [--memory-requests N]"
                        + " [--engines pytorch,tensorflow] [--model ENGINE=DIR]... [--work DIR]; got "
                        + Arrays.toString(args));
            }
            if (args[i].equals("--model")) {
                String[] parts = args[i + 1].split("=", 2);
                givenModels.put(parts[0], Path.of(parts[1]));
            } else {
                options.put(args[i], args[i + 1]);
            }
        }
        int requests = Integer.parseInt(options.get("--requests"));
        int memoryRequests = Integer.parseInt(options.get("--memory-requests"));
        if (memoryRequests != 0 && (memoryRequests < MEMORY_CHUNK || memoryRequests % MEMORY_CHUNK != 0)) {
            throw new IllegalArgumentException("--memory-requests must be 0 or a positive multiple of " + MEMORY_CHUNK);
        }
        List<String> engines = List.of(options.get("--engines").split(","));
        Path work = options.containsKey("--work") ? Path.of(options.get("--work"))
                : Files.createTempDirectory("cxr4j-serve-load-");
        Files.createDirectories(work);

        String loadBefore = Files.readString(Path.of("/proc/loadavg")).trim();
        Instant started = Instant.now();
        XrayDataset all = BenchmarkSupport.darkcovidnet();
        ServeLoadTest test = new ServeLoadTest(images(all), work);
        List<Run> runs = new ArrayList<>();
        List<Memory> memories = new ArrayList<>();
        Map<String, Double> closest = new LinkedHashMap<>();
        for (String engine : engines) {
            Path model = givenModels.containsKey(engine) ? givenModels.get(engine) : train(engine, all, work);
            double[][] first = null;
            for (int batch : new int[] {BATCH_ON, 1}) {
                try (Server server = test.start(engine, model, batch)) {
                    double[][] baseline = test.baseline(server);
                    if (first == null) {
                        first = baseline;
                        closest.put(engine, LoadStatistics.closestPair(baseline));
                    } else {
                        checkSameBaseline(engine, first, baseline);
                    }
                    test.run(server, engine, batch, 4, 2 * IMAGES, baseline, null); // warm-up, not reported
                    for (int clients : CLIENTS) {
                        runs.add(test.run(server, engine, batch, clients, requests, baseline, null));
                    }
                }
            }
            if (memoryRequests > 0) {
                try (Server server = test.start(engine, model, BATCH_ON)) {
                    double[][] baseline = test.baseline(server);
                    checkSameBaseline(engine, first, baseline);
                    List<long[]> readings = Collections.synchronizedList(new ArrayList<>());
                    readings.add(new long[] {0, server.residentKb()});
                    Run run = test.run(server, engine, BATCH_ON, 16, memoryRequests, baseline, readings);
                    readings.sort((a, b) -> Long.compare(a[0], b[0]));
                    memories.add(new Memory(engine, run, List.copyOf(readings)));
                }
            }
        }
        String loadAfter = Files.readString(Path.of("/proc/loadavg")).trim();
        boolean clean = runs.stream().allMatch(r -> r.verdict().clean())
                && memories.stream().allMatch(m -> m.run().verdict().clean());
        System.out.print(report(args, requests, memoryRequests, started, loadBefore, loadAfter, runs, memories,
                closest));
        System.out.flush();
        if (!clean) {
            LOG.error("Some requests were lost, refused, duplicated or answered with other probabilities; see the report");
            System.exit(1);
        }
    }

    /**
     * The uploads: {@value #IMAGES} DarkCovidNet images in the benchmarks' seeded order, the first half
     * as their JPEG files, the second half decoded and written as PNG (lossless, the JPEG's pixels),
     * since the data set holds JPEG files only.
     */
    private static List<Image> images(XrayDataset all) throws IOException {
        List<Image> images = new ArrayList<>();
        List<Sample> samples = BenchmarkSupport.subset(all, IMAGES).samples();
        for (int i = 0; i < samples.size(); i++) {
            Path file = samples.get(i).image();
            byte[] bytes = Files.readAllBytes(file);
            if (i < samples.size() / 2) {
                images.add(new Image(file.getFileName().toString(), "image/jpeg", bytes));
            } else {
                BufferedImage decoded = ImageIO.read(file.toFile());
                ByteArrayOutputStream png = new ByteArrayOutputStream();
                if (decoded == null || !ImageIO.write(decoded, "png", png)) {
                    throw new IllegalStateException("Cannot re-encode " + file + " as PNG");
                }
                images.add(new Image(file.getFileName() + ".png", "image/png", png.toByteArray()));
            }
        }
        return images;
    }

    private static Path train(String engine, XrayDataset all, Path work) throws IOException {
        TrainingConfig config = BenchmarkSupport.config("darkcovidnet", "1x224", 8, "float32");
        Path model = work.resolve("model-" + engine);
        LOG.info("Training a {} DarkCovidNet at 1x224 for one epoch on 16 images into {}", engine, model);
        BenchmarkSupport.engine(engine).train(TrainingRequest.of(BenchmarkSupport.subset(all, 16), null, config, model));
        return model;
    }

    private static void checkSameBaseline(String engine, double[][] first, double[][] again) {
        for (int i = 0; i < first.length; i++) {
            double deviation = LoadStatistics.deviation(first[i], again[i]);
            if (deviation > TOLERANCE) {
                throw new IllegalStateException("Two " + engine + " servers of the same model answered image " + i
                        + " one at a time with probabilities " + deviation + " apart; the baseline is not reproducible");
            }
        }
    }

    // ---------------------------------------------------------------- the server process

    /** {@code cxr4j-serve} in a JVM of its own, stopped (SIGTERM, its shutdown hook) on close. */
    static final class Server implements AutoCloseable {
        final Process process;
        final URI predict;

        Server(Process process, int port) {
            this.process = process;
            this.predict = URI.create("http://127.0.0.1:" + port + "/v1/predict");
        }

        long residentKb() {
            try {
                for (String line : Files.readAllLines(Path.of("/proc/" + process.pid() + "/status"))) {
                    if (line.startsWith("VmRSS:")) {
                        return Long.parseLong(line.replaceAll("\\D", ""));
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read /proc/" + process.pid() + "/status; is the server alive?", e);
            }
            throw new IllegalStateException("No VmRSS in /proc/" + process.pid() + "/status: resident memory can only"
                    + " be read on Linux");
        }

        @Override
        public void close() throws InterruptedException {
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                LOG.warn("The server {} did not stop within 60 s of SIGTERM; killing it", process.pid());
                process.destroyForcibly().waitFor();
            }
        }
    }

    private Server start(String engine, Path model, int batchSize) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java));
        command.addAll(SERVER_JVM);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), ServeCommand.class.getName(),
                "--model", engine + "=" + model.toAbsolutePath(), "--host", "127.0.0.1", "--port", "0",
                "--batch-size", String.valueOf(batchSize)));
        Path log = work.resolve("server-" + engine + "-batch" + batchSize + "-" + System.currentTimeMillis() + ".log");
        LOG.info("Starting {}", String.join(" ", command));
        Process process = new ProcessBuilder(command).redirectError(log.toFile()).start();
        CompletableFuture<Integer> port = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8)); Writer copy = Files.newBufferedWriter(log.resolveSibling(
                            log.getFileName() + ".out"))) {
                for (String line; (line = out.readLine()) != null; ) {
                    copy.write(line + "\n");
                    copy.flush();
                    Matcher m = SERVING.matcher(line);
                    if (m.find()) {
                        port.complete(Integer.parseInt(m.group(1)));
                    }
                }
            } catch (IOException e) {
                port.completeExceptionally(e);
            }
            port.completeExceptionally(new IllegalStateException("The server exited before it listened; see " + log));
        }, "server-output");
        reader.setDaemon(true);
        reader.start();
        try {
            Server server = new Server(process, port.get(300, TimeUnit.SECONDS));
            LOG.info("Server pid {} ({} batch {}) listens on {}", process.pid(), engine, batchSize, server.predict);
            return server;
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            process.destroyForcibly();
            throw new IllegalStateException("The server did not start within 300 s: " + e.getMessage() + "; see " + log, e);
        }
    }

    // ---------------------------------------------------------------- the clients

    /** Each image's probabilities, one request at a time (so every answer comes from a batch of one). */
    private double[][] baseline(Server server) throws IOException, InterruptedException {
        HttpClient http = client();
        double[][] baseline = new double[images.size()][];
        for (int i = 0; i < images.size(); i++) {
            HttpResponse<String> response = http.send(request(server, images.get(i)),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("The baseline request of " + images.get(i).name() + " was answered "
                        + response.statusCode() + ": " + response.body());
            }
            JsonObject body = JsonParser.parseString(response.body()).getAsJsonObject();
            if (body.get("batchSize").getAsInt() != 1) {
                throw new IllegalStateException("A baseline answer came from a batch of " + body.get("batchSize"));
            }
            baseline[i] = probabilities(body);
        }
        return baseline;
    }

    /**
     * Sends a fixed count of requests from concurrent clients, each with its own HTTP client; request
     * {@code i} sends image {@code i} modulo the image count. When {@code memory} is given, the
     * server's resident memory is read as every {@value #MEMORY_CHUNK}th answer arrives.
     */
    private Run run(Server server, String engine, int batchSize, int clients, int requests, double[][] baseline,
            List<long[]> memory) throws InterruptedException {
        double loadBefore = loadAverage();
        int[] imageOfRequest = new int[requests];
        List<List<LoadStatistics.Answer>> answers = new ArrayList<>(requests);
        for (int i = 0; i < requests; i++) {
            imageOfRequest[i] = i % images.size();
            answers.add(Collections.synchronizedList(new ArrayList<>(1)));
        }
        long[] latency = new long[requests];
        long[] completion = new long[requests];
        int[] batchOf = new int[requests];
        AtomicInteger next = new AtomicInteger();
        AtomicInteger done = new AtomicInteger();
        long start = System.nanoTime();
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            Thread thread = new Thread(() -> {
                HttpClient http = client();
                for (int i; (i = next.getAndIncrement()) < requests; ) {
                    long sent = System.nanoTime();
                    try {
                        HttpResponse<String> response = http.send(request(server, images.get(imageOfRequest[i])),
                                HttpResponse.BodyHandlers.ofString());
                        long received = System.nanoTime();
                        double[] probabilities = null;
                        if (response.statusCode() == 200) {
                            JsonObject body = JsonParser.parseString(response.body()).getAsJsonObject();
                            probabilities = probabilities(body);
                            batchOf[i] = body.get("batchSize").getAsInt();
                        }
                        latency[i] = received - sent;
                        completion[i] = received - start;
                        answers.get(i).add(new LoadStatistics.Answer(response.statusCode(), probabilities));
                    } catch (IOException | RuntimeException e) {
                        LOG.warn("Request {} ({}) got no answer: {}", i, images.get(imageOfRequest[i]).name(), e.toString());
                        completion[i] = System.nanoTime() - start;
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                    int count = done.incrementAndGet();
                    if (memory != null && count % MEMORY_CHUNK == 0) {
                        long kb = server.residentKb();
                        memory.add(new long[] {count, kb});
                        LOG.info("{}: after {} answers the server's resident memory is {} KB", engine, count, kb);
                    }
                }
            }, "client-" + c);
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        LoadStatistics.Verdict verdict = LoadStatistics.verify(baseline, imageOfRequest, answers, TOLERANCE);
        Map<Integer, Integer> statuses = new java.util.TreeMap<>();
        List<Long> answered = new ArrayList<>();
        long batched = 0;
        int batchedCount = 0;
        for (int i = 0; i < requests; i++) {
            for (LoadStatistics.Answer answer : answers.get(i)) {
                statuses.merge(answer.status(), 1, Integer::sum);
            }
            if (!answers.get(i).isEmpty()) {
                answered.add(latency[i]);
            }
            if (batchOf[i] > 0) {
                batched += batchOf[i];
                batchedCount++;
            }
        }
        if (answers.stream().anyMatch(List::isEmpty)) {
            statuses.merge(0, (int) answers.stream().filter(List::isEmpty).count(), Integer::sum);
        }
        long[] sorted = answered.stream().mapToLong(Long::longValue).sorted().toArray();
        List<LoadStatistics.Quantile> quantiles = sorted.length == 0 ? List.of() : List.of(
                LoadStatistics.quantile(sorted, 0.50), LoadStatistics.quantile(sorted, 0.90),
                LoadStatistics.quantile(sorted, 0.99));
        Run run = new Run(engine, batchSize == 1 ? "off (batch 1)" : "on (batch " + batchSize + ")", clients, requests,
                LoadStatistics.throughput(completion, THROUGHPUT_PARTS), quantiles,
                sorted.length == 0 ? Double.NaN : sorted[sorted.length - 1] / 1e6,
                batchedCount == 0 ? Double.NaN : (double) batched / batchedCount, statuses, verdict, loadBefore);
        LOG.info("{} batch {} clients {}: {} requests, {} req/s, p50 {} ms, p99 {} ms, {}", engine, batchSize, clients,
                requests, fmt(run.throughput().perSecond()), quantiles.isEmpty() ? "-" : fmt(quantiles.get(0).ms()),
                quantiles.isEmpty() ? "-" : fmt(quantiles.get(2).ms()), verdict);
        return run;
    }

    private static HttpClient client() {
        // HTTP/1.1 keep-alive, one connection per client; the JDK client never retries a POST by itself.
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(30))
                .build();
    }

    private static HttpRequest request(Server server, Image image) {
        return HttpRequest.newBuilder(server.predict).timeout(Duration.ofSeconds(120))
                .header("Content-Type", image.contentType())
                .POST(HttpRequest.BodyPublishers.ofByteArray(image.bytes())).build();
    }

    /** The probabilities of an answer in its class order (the model's order, the same in every answer). */
    private static double[] probabilities(JsonObject body) {
        return body.getAsJsonObject("probabilities").entrySet().stream()
                .mapToDouble(e -> e.getValue().getAsDouble()).toArray();
    }

    private static double loadAverage() {
        try {
            return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
        } catch (IOException e) {
            return Double.NaN;
        }
    }

    // ---------------------------------------------------------------- the report

    private static String report(String[] args, int requests, int memoryRequests, Instant started, String loadBefore,
            String loadAfter, List<Run> runs, List<Memory> memories, Map<String, Double> closest) throws IOException {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "Run %s to %s UTC; load average (/proc/loadavg) before: %s; after: %s.%n%n",
                started.toString().substring(0, 19), Instant.now().toString().substring(0, 19), loadBefore, loadAfter));
        out.append("CPU: ").append(cpu()).append(", ").append(Runtime.getRuntime().availableProcessors())
                .append(" processors; Java ").append(System.getProperty("java.version")).append(".\n\n");
        out.append("```\njava -Dai.djl.offline=true -cp benchmarks/target/benchmarks.jar io.cxr4j.benchmarks.ServeLoadTest ")
                .append(String.join(" ", args)).append("\n```\n\n");
        out.append("Server: `java ").append(String.join(" ", SERVER_JVM)).append(" -cp benchmarks.jar ")
                .append(ServeCommand.class.getName()).append(" --model ENGINE=DIR --port 0 --batch-size 8|1` (queue 64,"
                        + " max wait 5 ms: the defaults), a JVM of its own. ")
                .append(requests).append(" timed requests per row after a warm-up of ").append(2 * IMAGES)
                .append(" at 4 clients; images: ").append(IMAGES / 2).append(" DarkCovidNet JPEG files and ")
                .append(IMAGES / 2).append(" other DarkCovidNet images re-encoded as PNG, request i sending image i mod ")
                .append(IMAGES).append(".\n\n");
        out.append("Latency in ms, from sending a request to receiving its whole answer, exact order statistics of the")
                .append(" row's requests with distribution-free 95% intervals in brackets; throughput = requests / time")
                .append(" to the last answer, +- Student's t 95% half-width over ").append(THROUGHPUT_PARTS)
                .append(" consecutive fifths of the run; mean batch = the `batchSize` the answers report.\n\n");
        out.append("| engine | batching | clients | n | requests/s | p50 | p90 | p99 | max | mean batch | load avg at start |"
                + " statuses | lost | duplicated | refused | mismatched |\n");
        out.append("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|---:|---:|---:|\n");
        for (Run run : runs) {
            out.append(row(run));
        }
        out.append('\n');
        out.append("Smallest difference between the one-at-a-time probabilities of two of the ").append(IMAGES)
                .append(" images (a swapped answer is detected when it is above the tolerance of ").append(TOLERANCE)
                .append("): ");
        closest.forEach((engine, d) -> out.append(String.format(Locale.ROOT, "%s %.3g; ", engine, d)));
        out.append("largest accepted deviation from the baseline in any row: ")
                .append(String.format(Locale.ROOT, "%.3g", runs.stream().mapToDouble(r -> r.verdict().largestDeviation())
                        .max().orElse(0))).append(".\n\n");
        if (!memories.isEmpty()) {
            out.append("Resident memory of the server process (VmRSS, KB) over ").append(memoryRequests)
                    .append(" requests, 16 clients, batching on, a fresh server per engine (0: after the baseline's ")
                    .append(IMAGES).append(" requests):\n\n");
            out.append("| answers |");
            memories.forEach(m -> out.append(' ').append(m.engine()).append(" |"));
            out.append("\n|---:|");
            memories.forEach(m -> out.append("---:|"));
            out.append('\n');
            int rows = memories.stream().mapToInt(m -> m.readings().size()).max().orElse(0);
            for (int r = 0; r < rows; r++) {
                long answers = memories.get(0).readings().size() > r ? memories.get(0).readings().get(r)[0] : -1;
                out.append("| ").append(answers).append(" |");
                for (Memory m : memories) {
                    out.append(' ').append(m.readings().size() > r ? m.readings().get(r)[1] : "").append(" |");
                }
                out.append('\n');
            }
            out.append("| growth from ").append(MEMORY_CHUNK).append(" to the last |");
            for (Memory m : memories) {
                long after1000 = m.readings().get(1)[1];
                long last = m.readings().get(m.readings().size() - 1)[1];
                out.append(String.format(Locale.ROOT, " %+d KB (%+.1f%%) |", last - after1000,
                        100.0 * (last - after1000) / after1000));
            }
            out.append("\n\nThe long runs themselves:\n\n");
            out.append("| engine | batching | clients | n | requests/s | p50 | p90 | p99 | max | mean batch | load avg at start |"
                    + " statuses | lost | duplicated | refused | mismatched |\n");
            out.append("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|---:|---:|---:|\n");
            memories.forEach(m -> out.append(row(m.run())));
            out.append('\n');
        }
        return out.toString();
    }

    private static String row(Run run) {
        StringBuilder q = new StringBuilder();
        for (LoadStatistics.Quantile quantile : run.quantiles()) {
            q.append(String.format(Locale.ROOT, " %s [%s-%s] |", fmt(quantile.ms()), fmt(quantile.lowMs()),
                    fmt(quantile.highMs())));
        }
        if (run.quantiles().isEmpty()) {
            q.append(" - | - | - |");
        }
        LoadStatistics.Verdict v = run.verdict();
        return String.format(Locale.ROOT, "| %s | %s | %d | %d | %s +- %s |%s %s | %.2f | %.1f | %s | %d | %d | %d | %d |%n",
                run.engine(), run.batching(), run.clients(), run.requests(), fmt(run.throughput().perSecond()),
                fmt(run.throughput().halfWidth()), q, fmt(run.maxMs()), run.meanBatch(), run.loadBefore(),
                statuses(run.statuses()), v.lost(),
                v.duplicated(), v.refused(), v.mismatched());
    }

    /** Answers per HTTP status, "none" for requests without an answer. */
    private static String statuses(Map<Integer, Integer> statuses) {
        List<String> parts = new ArrayList<>();
        statuses.forEach((status, count) -> parts.add((status == 0 ? "none" : String.valueOf(status)) + ": " + count));
        return String.join(", ", parts);
    }

    private static String fmt(double value) {
        return value >= 100 ? String.format(Locale.ROOT, "%.0f", value) : String.format(Locale.ROOT, "%.1f", value);
    }

    private static String cpu() throws IOException {
        String name = "?";
        String family = "?";
        String model = "?";
        for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
            String[] kv = line.split(":", 2);
            if (kv.length < 2) {
                if (!name.equals("?")) {
                    break;
                }
                continue;
            }
            String key = kv[0].trim();
            if (key.equals("model name")) {
                name = kv[1].trim();
            } else if (key.equals("cpu family")) {
                family = kv[1].trim();
            } else if (key.equals("model")) {
                model = kv[1].trim();
            }
        }
        return name + " (cpu family " + family + ", model " + model + ")";
    }
}
