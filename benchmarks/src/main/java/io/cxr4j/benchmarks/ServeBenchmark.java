package io.cxr4j.benchmarks;

import io.cxr4j.core.config.TrainingConfig;
import io.cxr4j.core.data.XrayDataset;
import io.cxr4j.core.engine.CxrEngine;
import io.cxr4j.core.io.FileTrees;
import io.cxr4j.core.training.TrainingRequest;
import io.cxr4j.serve.XrayServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Requests per second of {@code POST /v1/predict} on 127.0.0.1 as the number of concurrent clients
 * grows (1, 4, 16), with batching on (up to 8 images per engine call) and off (batch size 1):
 * batching is worth its few milliseconds of waiting when throughput rises with load. Each client
 * sends darkcovidnet files in turn (all JPEG in the data set; {@link ServeLoadTest} adds PNG), so
 * decoding is part of the cost, as in use.
 */
@State(Scope.Benchmark)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 5)
@Fork(value = 1, jvmArgsAppend = {"-Dai.djl.offline=true"})
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class ServeBenchmark {

    /** The engine, by name. */
    @Param({"pytorch", "tensorflow"})
    public String engine;

    /** The server's largest batch; 1 turns batching off. */
    @Param({"8", "1"})
    public int batchSize;

    private Path modelDirectory;
    private XrayServer server;
    private URI predict;
    private List<byte[]> images;
    private final AtomicInteger next = new AtomicInteger();

    /** Trains a model for one epoch on 16 images, starts the server and reads 64 image files. */
    @Setup(Level.Trial)
    public void setUp() throws IOException {
        CxrEngine cxrEngine = BenchmarkSupport.engine(engine);
        XrayDataset all = BenchmarkSupport.darkcovidnet();
        TrainingConfig config = BenchmarkSupport.config("darkcovidnet", "1x224", 8, "float32");
        modelDirectory = Files.createTempDirectory("cxr4j-bench-serve-");
        Path model = modelDirectory.resolve("model");
        cxrEngine.train(TrainingRequest.of(BenchmarkSupport.subset(all, 16), null, config, model));
        server = XrayServer.builder().optModel(engine, model).optPort(0).optBatchSize(batchSize)
                .optQueueCapacity(64).start();
        predict = URI.create("http://127.0.0.1:" + server.port() + "/v1/predict");
        images = new ArrayList<>();
        for (var sample : BenchmarkSupport.subset(all, 64).samples()) {
            images.add(Files.readAllBytes(sample.image()));
        }
    }

    /** Stops the server and deletes the model. */
    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        if (server != null) {
            server.close();
        }
        if (modelDirectory != null) {
            FileTrees.deleteRecursively(modelDirectory);
        }
    }

    /** One HTTP client per benchmark thread, as separate callers would have. */
    @State(Scope.Thread)
    public static class Client {
        HttpClient http;

        /** Opens the client. */
        @Setup(Level.Trial)
        public void open() {
            http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        }
    }

    private int post(Client client) throws IOException, InterruptedException {
        byte[] image = images.get(Math.floorMod(next.getAndIncrement(), images.size()));
        String type = image[0] == (byte) 0x89 ? "image/png" : "image/jpeg";
        HttpResponse<Void> response = client.http.send(HttpRequest.newBuilder(predict)
                .header("Content-Type", type).POST(HttpRequest.BodyPublishers.ofByteArray(image)).build(),
                HttpResponse.BodyHandlers.discarding());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("POST /v1/predict answered " + response.statusCode());
        }
        return response.statusCode();
    }

    /**
     * One client at a time.
     *
     * @param client this thread's HTTP client
     * @return the status
     */
    @Benchmark
    @Threads(1)
    public int clients1(Client client) throws IOException, InterruptedException {
        return post(client);
    }

    /**
     * Four concurrent clients.
     *
     * @param client this thread's HTTP client
     * @return the status
     */
    @Benchmark
    @Threads(4)
    public int clients4(Client client) throws IOException, InterruptedException {
        return post(client);
    }

    /**
     * Sixteen concurrent clients.
     *
     * @param client this thread's HTTP client
     * @return the status
     */
    @Benchmark
    @Threads(16)
    public int clients16(Client client) throws IOException, InterruptedException {
        return post(client);
    }
}
