package io.cxr4j.dataset.download;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A loopback HTTP server for download tests: serves byte arrays by path, honours {@code Range:
 * bytes=N-} unless told not to, and can cut a response off part way, as a broken connection does.
 */
public final class FileServer implements AutoCloseable {

    private static final Pattern RANGE = Pattern.compile("bytes=(\\d+)-");

    private final HttpServer server;
    private final Map<String, byte[]> files = new ConcurrentHashMap<>();
    private final Map<String, Integer> cutAfter = new ConcurrentHashMap<>();
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final List<String> rangeHeaders = new CopyOnWriteArrayList<>();
    private volatile boolean rangeSupport = true;

    public FileServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    /** Serves these bytes at this path. */
    public FileServer put(String path, byte[] body) {
        files.put(path, body);
        return this;
    }

    /** Makes the next response for the path stop after this many body bytes, connection closed. */
    public FileServer cutNextAfter(String path, int bytes) {
        cutAfter.put(path, bytes);
        return this;
    }

    /** Sets whether Range requests are honoured; when not, every answer is the whole file. */
    public FileServer rangeSupport(boolean enabled) {
        this.rangeSupport = enabled;
        return this;
    }

    /** @return the paths requested, in order */
    public List<String> requests() {
        return requests;
    }

    /** @return the Range headers received, in order, requests without one left out */
    public List<String> rangeHeaders() {
        return rangeHeaders;
    }

    public URI url(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        requests.add(path);
        String range = exchange.getRequestHeaders().getFirst("Range");
        if (range != null) {
            rangeHeaders.add(range);
        }
        byte[] body = files.get(path);
        if (body == null) {
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
            return;
        }
        int from = 0;
        Matcher m = range != null ? RANGE.matcher(range) : null;
        if (rangeSupport && m != null && m.matches()) {
            from = Integer.parseInt(m.group(1));
            if (from >= body.length) {
                exchange.getResponseHeaders().add("Content-Range", "bytes */" + body.length);
                exchange.sendResponseHeaders(416, -1);
                exchange.close();
                return;
            }
            exchange.getResponseHeaders().add("Content-Range",
                    "bytes " + from + "-" + (body.length - 1) + "/" + body.length);
            exchange.sendResponseHeaders(206, body.length - from);
        } else {
            exchange.sendResponseHeaders(200, body.length);
        }
        Integer cut = cutAfter.remove(path);
        int end = cut != null ? Math.min(body.length, from + cut) : body.length;
        OutputStream out = exchange.getResponseBody();
        out.write(body, from, end - from);
        out.flush();
        if (end < body.length) {
            // The server drops the connection of an exchange whose handler fails.
            throw new IOException("connection cut after " + (end - from) + " bytes on purpose");
        }
        out.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
