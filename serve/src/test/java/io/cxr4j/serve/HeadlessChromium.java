package io.cxr4j.serve;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real headless Chromium (Debian's {@code chromium}) driven through the DevTools protocol over
 * the JDK's WebSocket client: enough to open a page, pick a file in a file input and read the page.
 */
final class HeadlessChromium implements AutoCloseable {

    private static final Duration START = Duration.ofSeconds(60);

    private final Process process;
    private final WebSocket socket;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonObject>> pending = new ConcurrentHashMap<>();

    private HeadlessChromium(Process process, WebSocket socket) {
        this.process = process;
        this.socket = socket;
    }

    /**
     * Starts Chromium on an empty page.
     *
     * @param profile a new folder for the browser's profile; its log goes beside it
     * @return the browser
     */
    static HeadlessChromium start(Path profile) throws IOException, InterruptedException {
        String binary = List.of("/usr/bin/chromium", "/usr/bin/chromium-browser").stream()
                .filter(p -> Files.isExecutable(Path.of(p))).findFirst()
                .orElseThrow(() -> new IllegalStateException("No chromium on this machine: the page test needs a"
                        + " real browser. Install it (Debian: apt-get install -y chromium); .ci/run does."));
        Process process = new ProcessBuilder(binary, "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-dev-shm-usage", "--no-first-run", "--remote-debugging-port=0",
                "--user-data-dir=" + profile, "about:blank")
                .redirectErrorStream(true).redirectOutput(profile.resolveSibling("chromium.log").toFile()).start();
        try {
            Path portFile = profile.resolve("DevToolsActivePort");
            long deadline = System.nanoTime() + START.toNanos();
            while (!Files.isRegularFile(portFile) || Files.readAllLines(portFile).size() < 2) {
                if (System.nanoTime() > deadline || !process.isAlive()) {
                    throw new IllegalStateException("Chromium did not open its DevTools port; see "
                            + profile.resolveSibling("chromium.log"));
                }
                Thread.sleep(100);
            }
            int port = Integer.parseInt(Files.readAllLines(portFile).get(0).strip());
            HttpClient http = HttpClient.newHttpClient();
            String pageSocket = null;
            while (pageSocket == null) {
                String targets = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/json/list"))
                        .build(), HttpResponse.BodyHandlers.ofString()).body();
                for (JsonElement target : JsonParser.parseString(targets).getAsJsonArray()) {
                    if ("page".equals(target.getAsJsonObject().get("type").getAsString())) {
                        pageSocket = target.getAsJsonObject().get("webSocketDebuggerUrl").getAsString();
                    }
                }
                if (pageSocket == null) {
                    Thread.sleep(100);
                }
            }
            HeadlessChromium[] self = new HeadlessChromium[1];
            WebSocket socket = http.newWebSocketBuilder().buildAsync(URI.create(pageSocket), new WebSocket.Listener() {
                private final StringBuilder message = new StringBuilder();

                @Override
                public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                    message.append(data);
                    if (last) {
                        self[0].receive(message.toString());
                        message.setLength(0);
                    }
                    webSocket.request(1);
                    return null;
                }
            }).get(30, TimeUnit.SECONDS);
            self[0] = new HeadlessChromium(process, socket);
            return self[0];
        } catch (Exception e) {
            process.destroyForcibly();
            if (e instanceof IOException io) {
                throw io;
            }
            if (e instanceof InterruptedException interrupted) {
                throw interrupted;
            }
            throw new IllegalStateException("Cannot drive Chromium: " + e, e);
        }
    }

    private void receive(String text) {
        JsonObject message = JsonParser.parseString(text).getAsJsonObject();
        if (message.has("id")) {
            CompletableFuture<JsonObject> waiting = pending.remove(message.get("id").getAsInt());
            if (waiting != null) {
                waiting.complete(message);
            }
        }
    }

    /**
     * Sends one DevTools command and waits for its result.
     *
     * @param method such as {@code Page.navigate}
     * @param params the parameters
     * @return the command's result
     */
    JsonObject call(String method, JsonObject params) throws Exception {
        int id = ids.incrementAndGet();
        JsonObject command = new JsonObject();
        command.addProperty("id", id);
        command.addProperty("method", method);
        command.add("params", params);
        CompletableFuture<JsonObject> answer = new CompletableFuture<>();
        pending.put(id, answer);
        socket.sendText(command.toString(), true).get(30, TimeUnit.SECONDS);
        JsonObject message = answer.get(60, TimeUnit.SECONDS);
        if (message.has("error")) {
            throw new IllegalStateException(method + " failed: " + message.get("error"));
        }
        return message.getAsJsonObject("result");
    }

    /** Opens a page and waits until it has loaded. */
    void open(String url) throws Exception {
        JsonObject params = new JsonObject();
        params.addProperty("url", url);
        call("Page.navigate", params);
        waitFor("document.readyState === 'complete'", Duration.ofSeconds(30));
    }

    /** Evaluates a JavaScript expression in the page. */
    JsonElement evaluate(String expression) throws Exception {
        JsonObject params = new JsonObject();
        params.addProperty("expression", expression);
        params.addProperty("returnByValue", true);
        JsonObject result = call("Runtime.evaluate", params).getAsJsonObject("result");
        return result.get("value");
    }

    /** Waits until a JavaScript expression is true in the page. */
    void waitFor(String expression, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            JsonElement value = evaluate("Boolean(" + expression + ")");
            if (value != null && value.getAsBoolean()) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("The page never showed " + expression + " within " + timeout
                        + "; its text: " + evaluate("document.body.innerText"));
            }
            Thread.sleep(100);
        }
    }

    /** Picks a file in a file input, as a user would, which fires its change event. */
    void chooseFile(String selector, Path file) throws Exception {
        JsonObject root = call("DOM.getDocument", new JsonObject()).getAsJsonObject("root");
        JsonObject query = new JsonObject();
        query.addProperty("nodeId", root.get("nodeId").getAsInt());
        query.addProperty("selector", selector);
        int node = call("DOM.querySelector", query).get("nodeId").getAsInt();
        JsonObject params = new JsonObject();
        JsonArray files = new JsonArray();
        files.add(file.toAbsolutePath().toString());
        params.add("files", files);
        params.addProperty("nodeId", node);
        call("DOM.setFileInputFiles", params);
    }

    @Override
    public void close() throws IOException, InterruptedException {
        socket.abort();
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
