package io.cxr4j.serve;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.cxr4j.core.explain.Explanation;
import io.cxr4j.core.explain.ExplanationUnsupportedException;
import io.cxr4j.core.explain.HeatMap;
import io.cxr4j.core.explain.HeatMapRenderer;
import io.cxr4j.core.image.GrayImage;
import io.cxr4j.core.image.ImageDecodeException;
import io.cxr4j.core.image.ImageDecoder;
import io.cxr4j.core.image.ImageLimits;
import io.cxr4j.core.data.Prediction;
import io.cxr4j.core.inference.XrayClassifier;
import io.cxr4j.core.model.ModelDirectory;
import io.cxr4j.core.model.RecordedEvaluation;
import io.cxr4j.core.io.FileTrees;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.awt.image.BufferedImage;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.imageio.ImageIO;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An HTTP service that classifies and explains chest X-rays with one or more cxr4j models, and
 * serves a web page to look at the answers. Requests carry the image bytes; no request can name a
 * file on the server. Each upload is written to a private temporary file (owner-only, deleted once
 * answered), checked with the server's {@link ImageLimits}, and queued for its model; a model's
 * worker gathers the uploads that arrive within a few milliseconds into one {@link
 * XrayClassifier#predictAll} call. A full queue is answered 503 with {@code Retry-After} rather
 * than growing.
 *
 * <pre>{@code
 * try (XrayServer server = XrayServer.builder()
 *         .optModel("seed", Path.of("runs/seed/model"))
 *         .optPort(8080)
 *         .start()) {
 *     server.awaitStop();
 * }
 * }</pre>
 *
 * <p>Endpoints: {@code POST /v1/predict}, {@code POST /v1/explain}, {@code GET /v1/model}, {@code GET
 * /v1/models}, {@code GET /health}, and the page at {@code /}; docs/serve.md describes them.
 */
public final class XrayServer implements AutoCloseable {

    /** The media types an upload may declare; the decoder recognises the format by content. */
    public static final Set<String> ACCEPTED_TYPES = Set.of("image/png", "image/jpeg", "application/dicom",
            "application/octet-stream");

    private static final Logger LOG = LoggerFactory.getLogger(XrayServer.class);
    private static final String JSON = "application/json";
    /** Seconds a client is told to wait after a 503. */
    private static final String RETRY_AFTER_SECONDS = "1";
    /** How much of a refused body beyond the request limit is still read, so the client sees the answer. */
    private static final long UNREAD_BODY_DRAINED = 16L * 1024 * 1024;
    private static final Map<String, String> PAGE_FILES = Map.of(
            "/", "index.html", "/app.js", "app.js", "/style.css", "style.css");

    private final Map<String, ServedModel> models;
    private final Builder settings;
    private final ImageDecoder decoder;
    /** Bounds the images decoded at once on request threads, and so the memory they take. */
    private final Semaphore decoding;
    private final Path uploads;
    private final Gson gson = new GsonBuilder().disableHtmlEscaping().create();
    private final Javalin app;

    private XrayServer(Builder settings, Map<String, ServedModel> models, Path uploads) {
        this.settings = settings;
        this.models = models;
        this.uploads = uploads;
        this.decoder = new ImageDecoder(settings.imageLimits);
        this.decoding = new Semaphore(Math.max(1, Runtime.getRuntime().availableProcessors()));
        this.app = Javalin.create(config -> {
            config.jetty.host = settings.host;
            config.jetty.port = settings.port;
            config.startup.showJavalinBanner = false;
            config.startup.showOldJavalinVersionWarning = false;
            config.routes.get("/health", this::health);
            config.routes.get("/v1/models", this::modelList);
            config.routes.get("/v1/model", this::modelCard);
            config.routes.post("/v1/predict", ctx -> answer(ctx, false));
            config.routes.post("/v1/explain", ctx -> answer(ctx, true));
            for (Map.Entry<String, String> page : PAGE_FILES.entrySet()) {
                config.routes.get(page.getKey(), ctx -> pageFile(ctx, page.getValue()));
            }
        });
    }

    /** @return a builder with the defaults documented on each method */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the port the server listens on (the one chosen when {@link Builder#optPort} was 0) */
    public int port() {
        return app.port();
    }

    /** @return the address the server listens on */
    public String host() {
        return settings.host;
    }

    /** @return the names of the served models, in the order they were given */
    public List<String> modelNames() {
        return List.copyOf(models.keySet());
    }

    /**
     * Blocks until the server is closed from another thread or the JVM shuts down.
     *
     * @throws InterruptedException when the waiting thread is interrupted
     */
    public void awaitStop() throws InterruptedException {
        app.jettyServer().server().join();
    }

    /** Stops listening, fails queued requests, frees every model and deletes the upload folder. */
    @Override
    public void close() {
        try {
            app.stop();
        } finally {
            for (ServedModel model : models.values()) {
                try {
                    model.close();
                } catch (RuntimeException e) {
                    LOG.warn("Closing model '{}' failed: {}", model.name(), e.toString());
                }
            }
            try {
                FileTrees.deleteRecursively(uploads);
            } catch (IOException e) {
                LOG.warn("Could not delete the upload folder {}: {}", uploads, e.toString());
            }
        }
    }

    // ---------------------------------------------------------------- handlers

    private void health(Context ctx) {
        JsonObject body = new JsonObject();
        body.addProperty("status", "ok");
        JsonObject queued = new JsonObject();
        for (ServedModel model : models.values()) {
            queued.addProperty(model.name(), model.batcher().queued());
        }
        body.add("queued", queued);
        json(ctx, 200, body);
    }

    private void modelList(Context ctx) {
        JsonArray cards = new JsonArray();
        for (ServedModel model : models.values()) {
            cards.add(model.card(gson));
        }
        JsonObject body = new JsonObject();
        body.add("models", cards);
        json(ctx, 200, body);
    }

    private void modelCard(Context ctx) {
        try {
            json(ctx, 200, model(ctx).card(gson));
        } catch (HttpError e) {
            e.send(ctx, gson);
        }
    }

    private void pageFile(Context ctx, String name) throws IOException {
        try (InputStream in = XrayServer.class.getResourceAsStream("web/" + name)) {
            if (in == null) {
                throw new IllegalStateException("The page file web/" + name + " is missing from the cxr4j-serve jar");
            }
            ctx.contentType(name.endsWith(".html") ? "text/html; charset=utf-8"
                    : name.endsWith(".js") ? "text/javascript; charset=utf-8" : "text/css; charset=utf-8");
            // The page loads nothing from elsewhere, and may not.
            ctx.header("Content-Security-Policy", "default-src 'self'; img-src 'self' data:");
            ctx.result(in.readAllBytes());
        }
    }

    private void answer(Context ctx, boolean explain) {
        long deadline = System.nanoTime() + settings.requestTimeout.toNanos();
        Path upload = null;
        ServedModel admitted = null;
        try {
            ServedModel model = model(ctx);
            checkContentType(ctx);
            if (!model.tryAdmit()) {
                throw HttpError.busy("The queue of model '" + model.name() + "' is full ("
                        + (settings.queueCapacity + settings.batchSize) + " uploads in progress); retry later");
            }
            admitted = model;
            upload = receive(ctx);
            GrayImage image = decode(upload, deadline);
            JsonObject body = explain ? explanation(model, upload, image, deadline, ctx)
                    : prediction(model, upload, image, deadline, ctx);
            json(ctx, 200, body);
        } catch (HttpError e) {
            closeIfUnread(ctx, upload);
            e.send(ctx, gson);
        } catch (RuntimeException e) {
            LOG.error("Request {} {} failed", ctx.method(), ctx.path(), e);
            closeIfUnread(ctx, upload);
            new HttpError(500, "The server failed to answer: " + e.getMessage(), null).send(ctx, gson);
        } finally {
            if (admitted != null) {
                admitted.leave();
            }
            if (upload != null) {
                try {
                    Files.deleteIfExists(upload);
                } catch (IOException e) {
                    LOG.warn("Could not delete the upload {}: {}", upload, e.toString());
                }
            }
        }
    }

    /**
     * Ends the connection after an answer given before the body was read, so that a client reusing
     * it does not send its next request into the rest of this body. The rest is read and dropped
     * first, up to a bound: a client still uploading when the server closes would otherwise meet a
     * reset connection and never see the answer (an HTTP client reads the response only after its
     * upload ends). Bodies beyond the bound are cut off.
     */
    private void closeIfUnread(Context ctx, Path upload) {
        if (upload != null) {
            return;
        }
        ctx.header("Connection", "close");
        long bound = settings.maxRequestBytes + UNREAD_BODY_DRAINED;
        try {
            InputStream in = ctx.req().getInputStream();
            byte[] buffer = new byte[64 * 1024];
            long dropped = 0;
            for (int read; dropped <= bound && (read = in.read(buffer)) >= 0; ) {
                dropped += read;
            }
        } catch (IOException | RuntimeException e) {
            LOG.debug("The unread body of {} {} could not be dropped: {}", ctx.method(), ctx.path(), e.toString());
        }
    }

    private JsonObject prediction(ServedModel model, Path upload, GrayImage image, long deadline, Context ctx)
            throws HttpError {
        PredictionBatcher.Batched batched;
        try {
            batched = await(model.batcher().predict(upload, image), deadline);
        } catch (PredictionBatcher.QueueFullException e) {
            throw HttpError.busy(e.getMessage());
        }
        JsonObject body = common(model, batched.prediction(), image, ctx);
        body.addProperty("batchSize", batched.batchSize());
        return body;
    }

    private JsonObject explanation(ServedModel model, Path upload, GrayImage image, long deadline, Context ctx)
            throws HttpError {
        if (!model.classifier().canExplain()) {
            throw new HttpError(501, "Model '" + model.name() + "' (" + model.manifest().engine() + ", "
                    + model.manifest().architecture() + ") cannot compute Grad-CAM explanations;"
                    + " use /v1/predict", null);
        }
        Explanation explanation;
        try {
            explanation = await(model.batcher().explain(upload, image), deadline);
        } catch (PredictionBatcher.QueueFullException e) {
            throw HttpError.busy(e.getMessage());
        }
        JsonObject body = common(model, explanation.prediction(), image, ctx);
        JsonObject explained = new JsonObject();
        explained.addProperty("method", explanation.metadata().method());
        explained.addProperty("className", explanation.className());
        explained.addProperty("targetLayer", explanation.metadata().targetLayer());
        explained.addProperty("imagePng", png(grayImage(image)));
        explained.addProperty("overlayPng", png(HeatMapRenderer.overlay(image, explanation.heatMap(),
                explanation.className())));
        HeatMap map = explanation.inputHeatMap();
        JsonObject raw = new JsonObject();
        raw.addProperty("over", "model input");
        raw.addProperty("width", map.width());
        raw.addProperty("height", map.height());
        raw.addProperty("resizeMode", String.valueOf(explanation.metadata().resizeMode()));
        JsonArray values = new JsonArray(map.values().length);
        for (float value : map.values()) {
            values.add(value);
        }
        raw.add("values", values);
        explained.add("map", raw);
        body.add("explanation", explained);
        return body;
    }

    private JsonObject common(ServedModel model, Prediction prediction, GrayImage image, Context ctx) {
        JsonObject body = new JsonObject();
        body.addProperty("model", model.name());
        body.addProperty("label", prediction.label());
        JsonObject probabilities = new JsonObject();
        for (int i = 0; i < prediction.classNames().size(); i++) {
            probabilities.addProperty(prediction.classNames().get(i), prediction.probabilities().get(i));
        }
        body.add("probabilities", probabilities);
        JsonObject size = new JsonObject();
        size.addProperty("width", image.width());
        size.addProperty("height", image.height());
        body.add("image", size);
        body.add("preprocessing", gson.toJsonTree(model.manifest().preprocessing()));
        JsonArray warnings = new JsonArray();
        model.warnings(ctx.queryParam("source")).forEach(warnings::add);
        body.add("warnings", warnings);
        return body;
    }

    // ---------------------------------------------------------------- request checks

    private ServedModel model(Context ctx) throws HttpError {
        String name = ctx.queryParam("model");
        if (name == null || name.isBlank()) {
            if (models.size() == 1) {
                return models.values().iterator().next();
            }
            throw new HttpError(400, "Several models are served " + models.keySet()
                    + "; name one with ?model=NAME", null);
        }
        ServedModel model = models.get(name);
        if (model == null) {
            throw new HttpError(404, "No model named '" + name + "' is served; the models are " + models.keySet(),
                    null);
        }
        return model;
    }

    private static void checkContentType(Context ctx) throws HttpError {
        String declared = ctx.contentType();
        String type = declared == null ? "" : declared.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        if (!ACCEPTED_TYPES.contains(type)) {
            throw new HttpError(415, "The request body must be the image itself, declared as one of "
                    + new TreeSet<>(ACCEPTED_TYPES) + ", not "
                    + (type.isEmpty() ? "no Content-Type" : "'" + type + "'"), null);
        }
    }

    /** Copies the body into a private file, refusing bodies above the byte limit as they stream in. */
    private Path receive(Context ctx) throws HttpError {
        long limit = settings.maxRequestBytes;
        long declared = ctx.req().getContentLengthLong();
        if (declared > limit) {
            throw tooLarge(declared + " bytes", limit);
        }
        Path file;
        try {
            file = Files.createTempFile(uploads, "upload-", ".img",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create an upload file in " + uploads, e);
        }
        // The container owns the body stream; what is left of it after a refusal is dropped by closeIfUnread.
        try (OutputStream out = Files.newOutputStream(file)) {
            InputStream in = ctx.req().getInputStream();
            byte[] buffer = new byte[64 * 1024];
            long total = 0;
            for (int read; (read = in.read(buffer)) >= 0; ) {
                total += read;
                if (total > limit) {
                    throw tooLarge("more than " + limit + " bytes", limit);
                }
                out.write(buffer, 0, read);
            }
            if (total == 0) {
                throw new HttpError(400, "The request body is empty; send the image's bytes", null);
            }
            return file;
        } catch (HttpError | RuntimeException e) {
            deleteQuietly(file);
            throw e;
        } catch (IOException e) {
            deleteQuietly(file);
            throw new HttpError(400, "The upload could not be read: " + e.getMessage(), null);
        }
    }

    private static HttpError tooLarge(String size, long limit) {
        return new HttpError(413, "The upload is " + size + ", above the server's limit of " + limit
                + " bytes (XrayServer.Builder.optMaxRequestBytes)", null);
    }

    /** Decodes with the server's limits, so that bad input is answered before it waits in a queue. */
    private GrayImage decode(Path upload, long deadline) throws HttpError {
        try {
            if (!decoding.tryAcquire(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                throw HttpError.busy("No decoder was free within the request timeout of "
                        + settings.requestTimeout.toMillis() + " ms");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw HttpError.busy("The server is stopping");
        }
        try {
            return decoder.decode(upload);
        } catch (ImageDecodeException e) {
            throw undecodable(upload, e.getMessage(), e.reason());
        } finally {
            decoding.release();
        }
    }

    /** The decoder's reason, with the private file's name replaced by what the client sent. */
    private static HttpError undecodable(Path upload, String message, ImageDecodeException.Reason reason) {
        String text = message.replace(upload.toString(), "the uploaded image");
        return new HttpError(reason == ImageDecodeException.Reason.TOO_LARGE ? 413 : 400, text,
                reason == null ? null : reason.name());
    }

    private <T> T await(CompletableFuture<T> future, long deadline) throws HttpError {
        try {
            return future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            // The worker skips a cancelled upload; the answer is the timeout.
            future.cancel(false);
            throw HttpError.busy("No answer within the request timeout of " + settings.requestTimeout.toMillis()
                    + " ms; the server is busy");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            future.cancel(false);
            throw HttpError.busy("The server is stopping");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof ExplanationUnsupportedException) {
                throw new HttpError(501, cause.getMessage(), null);
            }
            throw new IllegalStateException(cause.getMessage(), cause);
        }
    }

    // ---------------------------------------------------------------- output

    private void json(Context ctx, int status, JsonObject body) {
        ctx.status(status);
        ctx.contentType(JSON);
        ctx.result(gson.toJson(body));
    }

    private static BufferedImage grayImage(GrayImage image) {
        BufferedImage out = new BufferedImage(image.width(), image.height(), BufferedImage.TYPE_BYTE_GRAY);
        WritableRaster raster = out.getRaster();
        int[] row = new int[image.width()];
        float[] pixels = image.pixels();
        for (int y = 0; y < image.height(); y++) {
            for (int x = 0; x < image.width(); x++) {
                row[x] = Math.round(pixels[y * image.width() + x] * 255f);
            }
            raster.setSamples(0, y, image.width(), 1, 0, row);
        }
        return out;
    }

    private static String png(BufferedImage image) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, "png", bytes)) {
                throw new IllegalStateException("No PNG writer is available in this JVM");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Base64.getEncoder().encodeToString(bytes.toByteArray());
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warn("Could not delete the upload {}: {}", file, e.toString());
        }
    }

    /** An answer other than 200, with the reason for the client. */
    static final class HttpError extends Exception {
        private static final long serialVersionUID = 1L;
        private final int status;
        private final String kind;
        private final boolean retry;

        HttpError(int status, String message, String kind) {
            this(status, message, kind, false);
        }

        private HttpError(int status, String message, String kind, boolean retry) {
            super(message);
            this.status = status;
            this.kind = kind;
            this.retry = retry;
        }

        static HttpError busy(String message) {
            return new HttpError(503, message, "BUSY", true);
        }

        void send(Context ctx, Gson gson) {
            JsonObject body = new JsonObject();
            body.addProperty("error", getMessage());
            if (kind != null) {
                body.addProperty("reason", kind);
            }
            if (retry) {
                ctx.header("Retry-After", RETRY_AFTER_SECONDS);
            }
            ctx.status(status);
            ctx.contentType(JSON);
            ctx.result(gson.toJson(body));
        }
    }

    // ---------------------------------------------------------------- configuration

    /**
     * The settings of an {@link XrayServer}. At least one model is required; every other setting has
     * a default.
     */
    public static final class Builder {
        private final Map<String, Path> modelDirectories = new LinkedHashMap<>();
        private String host = "127.0.0.1";
        private int port = 8080;
        private int batchSize = 8;
        private long maxWaitMillis = 5;
        private int queueCapacity = 64;
        private long maxRequestBytes = 32L * 1024 * 1024;
        private ImageLimits imageLimits = ImageLimits.RADIOGRAPH.withMaxPixels(16_000_000L);
        private Duration requestTimeout = Duration.ofSeconds(30);

        private Builder() {}

        /**
         * Adds a model, addressed by name ({@code ?model=NAME}) and run by the engine that wrote it.
         *
         * @param name the name clients use, letters, digits, '.', '_' or '-'
         * @param directory the model directory a cxr4j training run wrote
         * @return this builder
         */
        public Builder optModel(String name, Path directory) {
            Objects.requireNonNull(directory, "directory");
            if (name == null || !name.matches("[A-Za-z0-9._-]+")) {
                throw new IllegalArgumentException("A model name may hold letters, digits, '.', '_' and '-' only,"
                        + " but was '" + name + "'");
            }
            if (modelDirectories.containsKey(name)) {
                throw new IllegalArgumentException("Two models are named '" + name + "' (" + modelDirectories.get(name)
                        + " and " + directory + "); give each its own name");
            }
            modelDirectories.put(name, directory);
            return this;
        }

        /**
         * The address to listen on; 127.0.0.1 (this machine only) by default.
         *
         * @param newHost a host name or IP address, such as 0.0.0.0 for every interface
         * @return this builder
         */
        public Builder optHost(String newHost) {
            this.host = Objects.requireNonNull(newHost, "host");
            return this;
        }

        /**
         * The port to listen on; 8080 by default.
         *
         * @param newPort 1 to 65535, or 0 for any free port ({@link XrayServer#port()} tells which)
         * @return this builder
         */
        public Builder optPort(int newPort) {
            if (newPort < 0 || newPort > 65535) {
                throw new IllegalArgumentException("The port must be between 0 and 65535, was " + newPort);
            }
            this.port = newPort;
            return this;
        }

        /**
         * The most images per engine call; 8 by default.
         *
         * @param size at least 1; 1 turns batching off
         * @return this builder
         */
        public Builder optBatchSize(int size) {
            if (size < 1) {
                throw new IllegalArgumentException("The batch size must be at least 1, was " + size);
            }
            this.batchSize = size;
            return this;
        }

        /**
         * How long a batch waits for more images after its first; 5 ms by default.
         *
         * @param millis at least 0
         * @return this builder
         */
        public Builder optMaxWaitMillis(long millis) {
            if (millis < 0) {
                throw new IllegalArgumentException("The batch wait must be at least 0 ms, was " + millis);
            }
            this.maxWaitMillis = millis;
            return this;
        }

        /**
         * How many uploads may wait for each model; 64 by default. A request beyond it is answered
         * 503 with {@code Retry-After}.
         *
         * @param capacity at least 1
         * @return this builder
         */
        public Builder optQueueCapacity(int capacity) {
            if (capacity < 1) {
                throw new IllegalArgumentException("The queue capacity must be at least 1, was " + capacity);
            }
            this.queueCapacity = capacity;
            return this;
        }

        /**
         * The largest accepted request body; 32 MiB by default. Larger uploads are answered 413.
         *
         * @param bytes at least 1
         * @return this builder
         */
        public Builder optMaxRequestBytes(long bytes) {
            if (bytes < 1) {
                throw new IllegalArgumentException("The request byte limit must be at least 1, was " + bytes);
            }
            this.maxRequestBytes = bytes;
            return this;
        }

        /**
         * The image sizes accepted; by default {@link ImageLimits#RADIOGRAPH} with at most 16 million
         * pixels, so that the images decoded at once fit in a modest heap. Larger images are answered
         * 413.
         *
         * @param limits the limits
         * @return this builder
         */
        public Builder optImageLimits(ImageLimits limits) {
            this.imageLimits = Objects.requireNonNull(limits, "limits");
            return this;
        }

        /**
         * How long a request may take from its arrival to its answer; 30 s by default. A request not
         * answered in time gets 503 with {@code Retry-After}.
         *
         * @param timeout positive
         * @return this builder
         */
        public Builder optRequestTimeout(Duration timeout) {
            if (timeout == null || timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("The request timeout must be positive, was " + timeout);
            }
            this.requestTimeout = timeout;
            return this;
        }

        /**
         * Loads every model with its own engine and starts listening.
         *
         * @return the running server; close it to stop
         * @throws IOException when a model cannot be loaded or the upload folder cannot be made
         * @throws IllegalStateException when no model was given
         */
        public XrayServer start() throws IOException {
            if (modelDirectories.isEmpty()) {
                throw new IllegalStateException("No model to serve; add one with XrayServer.Builder.optModel");
            }
            Map<String, ServedModel> models = new LinkedHashMap<>();
            Path uploads = null;
            XrayServer server = null;
            try {
                for (Map.Entry<String, Path> entry : modelDirectories.entrySet()) {
                    XrayClassifier classifier = XrayClassifier.load(entry.getValue());
                    List<RecordedEvaluation> laterTests;
                    try {
                        laterTests = ModelDirectory.appendedEvaluations(entry.getValue());
                    } catch (IOException | RuntimeException e) {
                        classifier.close();
                        throw e;
                    }
                    models.put(entry.getKey(), new ServedModel(entry.getKey(), classifier, new PredictionBatcher(
                            entry.getKey(), classifier, batchSize, maxWaitMillis, queueCapacity), laterTests,
                            queueCapacity + batchSize));
                }
                uploads = Files.createTempDirectory("cxr4j-serve-",
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
                server = new XrayServer(this, models, uploads);
                server.app.start();
                LOG.info("Serving models {} on http://{}:{}/", models.keySet(), host, server.port());
                return server;
            } catch (IOException | RuntimeException | Error e) {
                if (server != null) {
                    server.close();
                } else {
                    List<ServedModel> loaded = new ArrayList<>(models.values());
                    for (ServedModel model : loaded) {
                        model.close();
                    }
                    if (uploads != null) {
                        FileTrees.deleteRecursively(uploads);
                    }
                }
                throw e;
            }
        }
    }
}
