package io.cxr4j.dataset;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A loopback HTTP server that serves a folder under {@code /dataset/}, like the upstream
 * repository's raw files, optionally with one file's bytes altered.
 */
final class SeedServer implements AutoCloseable {

    private final HttpServer server;
    private final List<String> requestedRawPaths = new CopyOnWriteArrayList<>();

    private SeedServer(Path folder, String corruptedFile) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/dataset/", exchange -> {
            requestedRawPaths.add(exchange.getRequestURI().getRawPath());
            String relative = exchange.getRequestURI().getPath().substring("/dataset/".length());
            Path file = folder.resolve(relative).normalize();
            if (!file.startsWith(folder) || !Files.isRegularFile(file)) {
                exchange.sendResponseHeaders(404, -1);
                exchange.close();
                return;
            }
            byte[] body = Files.readAllBytes(file);
            if (relative.equals(corruptedFile)) {
                body[body.length / 2] ^= 0x01;
            }
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }

    /** Serves the folder as it is. */
    static SeedServer serving(Path folder) throws IOException {
        return new SeedServer(folder, null);
    }

    /** Serves the folder with one bit of one file flipped. */
    static SeedServer corrupting(Path folder, String relativePath) throws IOException {
        return new SeedServer(folder, relativePath);
    }

    /** @return the URL of the served folder, like the upstream dataset folder */
    URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/dataset/");
    }

    /** @return the raw (still encoded) request paths, in arrival order */
    List<String> requestedRawPaths() {
        return requestedRawPaths;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
