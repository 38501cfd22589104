package io.cxr4j.serve;

import io.cxr4j.core.image.ImageLimits;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The {@code cxr4j-serve} command: serves one or more models over HTTP with the web page, until
 * the process is stopped.
 */
@Command(
        name = "cxr4j-serve",
        mixinStandardHelpOptions = true,
        description = "Serve chest X-ray models over HTTP: POST /v1/predict, POST /v1/explain, GET /v1/model,"
                + " GET /health, and a web page at /. Not for clinical use.")
public final class ServeCommand implements Callable<Integer> {

    @Option(names = "--model", required = true, paramLabel = "[NAME=]DIR",
            description = "A model directory to serve, optionally named (default: the folder's name);"
                    + " repeat for several models, addressed by ?model=NAME.")
    private List<String> models = new ArrayList<>();

    @Option(names = "--host", defaultValue = "127.0.0.1",
            description = "Address to listen on (default: ${DEFAULT-VALUE}, this machine only).")
    private String host;

    @Option(names = "--port", defaultValue = "8080", description = "Port to listen on (default: ${DEFAULT-VALUE}).")
    private int port;

    @Option(names = "--batch-size", defaultValue = "8",
            description = "Most images per engine call; 1 turns batching off (default: ${DEFAULT-VALUE}).")
    private int batchSize;

    @Option(names = "--max-wait-ms", defaultValue = "5",
            description = "How long a batch waits for more images (default: ${DEFAULT-VALUE}).")
    private long maxWaitMillis;

    @Option(names = "--queue", defaultValue = "64",
            description = "Uploads that may wait per model before requests get 503 (default: ${DEFAULT-VALUE}).")
    private int queueCapacity;

    @Option(names = "--max-request-mb", defaultValue = "32",
            description = "Largest accepted upload in MiB (default: ${DEFAULT-VALUE}).")
    private long maxRequestMib;

    @Option(names = "--max-pixels", defaultValue = "16000000",
            description = "Largest accepted image, width times height (default: ${DEFAULT-VALUE}).")
    private long maxPixels;

    @Option(names = "--timeout-ms", defaultValue = "30000",
            description = "Longest time a request may take before it gets 503 (default: ${DEFAULT-VALUE}).")
    private long timeoutMillis;

    private ServeCommand() {}

    /**
     * Runs the server until the process is stopped.
     *
     * @param args the command line
     */
    public static void main(String[] args) {
        // Nothing may be downloaded at run time, and DJL must not contact any address at start.
        if (System.getProperty("ai.djl.offline") == null) {
            System.setProperty("ai.djl.offline", "true");
        }
        System.exit(new CommandLine(new ServeCommand())
                .setExecutionExceptionHandler((e, commandLine, parsed) -> {
                    // A model that cannot be loaded or a port in use: the message says what to do.
                    commandLine.getErr().println("cxr4j-serve: " + e.getMessage());
                    return 1;
                })
                .execute(args));
    }

    @Override
    public Integer call() throws Exception {
        XrayServer.Builder builder = XrayServer.builder()
                .optHost(host)
                .optPort(port)
                .optBatchSize(batchSize)
                .optMaxWaitMillis(maxWaitMillis)
                .optQueueCapacity(queueCapacity)
                .optMaxRequestBytes(maxRequestMib * 1024 * 1024)
                .optImageLimits(ImageLimits.RADIOGRAPH.withMaxPixels(maxPixels))
                .optRequestTimeout(Duration.ofMillis(timeoutMillis));
        for (String model : models) {
            int equals = model.indexOf('=');
            Path directory = Path.of(equals < 0 ? model : model.substring(equals + 1));
            Path folderName = directory.toAbsolutePath().normalize().getFileName();
            String name = equals < 0 ? String.valueOf(folderName) : model.substring(0, equals);
            builder.optModel(name, directory);
        }
        XrayServer server = builder.start();
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "cxr4j-serve-shutdown"));
        System.out.println("Serving " + server.modelNames() + " on http://" + host + ":" + server.port()
                + "/  (not for clinical use; stop with Ctrl-C)");
        server.awaitStop();
        return 0;
    }
}
