package io.cxr4j.spark;

import io.cxr4j.core.inference.XrayClassifier;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The models loaded in this JVM, one per shipped model, shared by every task thread of the
 * executor (an {@link XrayClassifier} is thread-safe) and closed when the JVM ends. Loading unpacks
 * the shipped archive into a temporary folder and checks it against the checksums the model
 * directory is sealed with.
 */
final class ExecutorModels {

    private static final Logger LOG = LoggerFactory.getLogger(ExecutorModels.class);
    private static final Map<String, XrayClassifier> LOADED = new ConcurrentHashMap<>();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(ExecutorModels::closeAll, "cxr4j-close-models"));
    }

    private ExecutorModels() {}

    /**
     * The loaded model, loading it on first use: concurrent first uses wait for one load.
     *
     * @param model the shipped model
     * @return the classifier, owned by this class
     * @throws UncheckedIOException when the shipped copy is incomplete or altered
     */
    static XrayClassifier get(ShippedModel model) {
        return LOADED.computeIfAbsent(model.fingerprint(), key -> load(model));
    }

    /** @return how many models this JVM has loaded, for tests that prove one load per JVM */
    static int loadedCount() {
        return LOADED.size();
    }

    private static XrayClassifier load(ShippedModel model) {
        Path copy = null;
        try {
            copy = Files.createTempDirectory("cxr4j-model-").resolve(model.name());
            ModelShipping.unpack(model.archive().value(), copy);
            deleteOnExit(copy.getParent());
            XrayClassifier classifier = XrayClassifier.load(copy);
            if (!classifier.classNames().equals(model.classNames())) {
                classifier.close();
                throw new IllegalStateException("The model shipped as '" + model.name() + "' has classes "
                        + classifier.classNames() + " on this executor but " + model.classNames()
                        + " on the driver; two different models were shipped under one name.");
            }
            LOG.info("Loaded model '{}' ({}) from {}", model.name(), model.fingerprint().substring(0, 12), copy);
            return classifier;
        } catch (IOException e) {
            throw new UncheckedIOException("The copy of model '" + model.name() + "' that reached this executor ("
                    + copy + ") cannot be loaded: " + e.getMessage(), e);
        }
    }

    /** The unpacked copy is needed while the engine holds the model, so it goes when the JVM does. */
    private static void deleteOnExit(Path folder) {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try (Stream<Path> files = Files.walk(folder)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                // A temporary folder left behind costs disk space, not results.
            }
        }, "cxr4j-delete-model-copy"));
    }

    private static void closeAll() {
        LOADED.values().forEach(XrayClassifier::close);
        LOADED.clear();
    }
}
