package io.cxr4j.core.model;

import io.cxr4j.core.io.Digests;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * The SHA-256 list that seals a model directory ({@value #FILE}, in {@code sha256sum} format).
 * A model is checked against it before anything in it is used: a damaged or altered file, or a
 * file that cxr4j did not write (such as a library or script dropped into the folder), makes the
 * load fail instead of reaching the engine. The list is a checksum, not an authentication: whoever
 * changes a file can rewrite it. With a {@link ModelKey} configured the list is also sealed with
 * the key ({@value #KEYED_FILE}), and a model without that seal, or with another key's, is refused.
 * Evaluations recorded after the model was written ({@value AppendedEvaluations#FILE}) are not
 * part of the model and stay outside the list.
 */
final class ModelChecksums {

    /** The checksum list's file name. */
    static final String FILE = "checksums.sha256";
    /** The file holding the HMAC-SHA256 of the checksum list under the user's {@link ModelKey}. */
    static final String KEYED_FILE = "checksums.sha256.hmac";

    private ModelChecksums() {}

    /** Writes the checksum list for every file below {@code directory}. */
    static void seal(Path directory) throws IOException {
        StringBuilder lines = new StringBuilder();
        for (Map.Entry<String, String> e : hashFiles(directory).entrySet()) {
            lines.append(e.getValue()).append("  ").append(e.getKey()).append('\n');
        }
        byte[] list = lines.toString().getBytes(StandardCharsets.UTF_8);
        Files.write(directory.resolve(FILE), list);
        Optional<ModelKey> key = ModelKey.configured();
        if (key.isPresent()) {
            Files.writeString(directory.resolve(KEYED_FILE), key.get().seal(list) + "\n", StandardCharsets.US_ASCII);
        }
    }

    /**
     * Checks that the directory holds exactly the listed files with the listed contents, and
     * nothing the model format does not need, so no library, script or engine configuration can
     * ride along even with a forged list.
     */
    static void verify(Path directory, Predicate<String> partOfModel) throws IOException {
        Path list = directory.resolve(FILE);
        if (!Files.isRegularFile(list)) {
            throw new IOException("Model " + directory + " has no " + FILE + ", so its files cannot be checked."
                    + " Only load model directories written by cxr4j; retrain to get a sealed one.");
        }
        Optional<ModelKey> key = ModelKey.configured();
        if (key.isPresent()) {
            checkKeyedSeal(directory, Files.readAllBytes(list), key.get());
        }
        Map<String, String> expected = new TreeMap<>();
        List<String> lines = Files.readAllLines(list, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank()) {
                continue;
            }
            int gap = line.indexOf("  ");
            if (gap != 64) {
                throw new IOException(list + " line " + (i + 1) + " is not '<sha256>  <file>'. The model"
                        + " directory has been altered; retrain or restore it.");
            }
            expected.put(line.substring(gap + 2), line.substring(0, gap));
        }
        Map<String, String> actual = hashFiles(directory);
        for (Map.Entry<String, String> e : expected.entrySet()) {
            String hash = actual.get(e.getKey());
            if (hash == null) {
                throw new IOException("Model " + directory + " is missing " + e.getKey()
                        + ", which its " + FILE + " lists. Retrain or restore the directory.");
            }
            if (!hash.equals(e.getValue())) {
                throw new IOException("Model file " + directory.resolve(e.getKey()) + " has been modified or"
                        + " damaged since it was written (SHA-256 " + hash + ", expected " + e.getValue()
                        + "). Retrain or restore the directory.");
            }
        }
        for (String file : actual.keySet()) {
            if (!expected.containsKey(file) || !partOfModel.test(file)) {
                throw new IOException("Model " + directory + " contains " + file + ", which cxr4j did not"
                        + " write (it is not part of the model's weights or manifest). Refusing to load it;"
                        + " remove the file or use a clean copy of the model.");
            }
        }
    }

    /** Refuses a model that the configured key did not seal: anyone may have changed it. */
    private static void checkKeyedSeal(Path directory, byte[] list, ModelKey key) throws IOException {
        Path sealFile = directory.resolve(KEYED_FILE);
        if (!Files.isRegularFile(sealFile)) {
            throw new IOException("Model " + directory + " is not sealed with a model key (it has no " + KEYED_FILE
                    + "), but your key " + key.file() + " is configured: anyone may have changed this model,"
                    + " its classes and weights included. Refusing to load it. Use a copy written with your key;"
                    + " to load a model whose origin you trust without the check, unset " + ModelKey.PROPERTY
                    + " and " + ModelKey.ENV + ".");
        }
        if (!key.sealed(list, Files.readString(sealFile, StandardCharsets.US_ASCII))) {
            throw new IOException("Model " + directory + " was not sealed with your model key " + key.file()
                    + ": its files were changed after it was written (its " + FILE + " rewritten by someone"
                    + " without the key), or another key sealed it. Refusing to load it; use a copy written"
                    + " with your key.");
        }
    }

    /** The SHA-256 of a sealed directory's checksum list, which identifies all of its files. */
    static String listDigest(Path directory) throws IOException {
        return Digests.sha256Hex(directory.resolve(FILE));
    }

    private static Map<String, String> hashFiles(Path directory) throws IOException {
        Map<String, String> hashes = new TreeMap<>();
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                if (Files.isSymbolicLink(file)) {
                    throw new IOException("Model " + directory + " contains the symbolic link " + file
                            + "; a model directory holds only regular files. Use a clean copy of the model.");
                }
                if (Files.isRegularFile(file)) {
                    String relative = directory.relativize(file).toString().replace('\\', '/');
                    if (!relative.equals(FILE) && !relative.equals(KEYED_FILE)
                            && !relative.equals(AppendedEvaluations.FILE)) {
                        hashes.put(relative, Digests.sha256Hex(file));
                    }
                }
            }
        }
        return hashes;
    }
}
