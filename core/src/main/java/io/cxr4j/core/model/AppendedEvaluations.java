package io.cxr4j.core.model;

import io.cxr4j.core.io.Json;
import io.cxr4j.core.io.JsonFormat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The evaluations recorded for a model after it was written ({@value #FILE} in its directory).
 * The file lies outside the model's checksum list, so recording one leaves the sealed files, and a
 * published list of their checksums, as they were; instead it names the checksum list of the model
 * it belongs to, and records of another model (a file copied from elsewhere, a model replaced
 * since) are ignored with a warning. Like the checksum list, this binding is no authentication:
 * whoever can write the folder can write the file.
 *
 * @param modelChecksums the SHA-256 of the model's checksum list when the evaluations were recorded
 * @param evaluations the evaluations, oldest first
 */
record AppendedEvaluations(String modelChecksums, List<RecordedEvaluation> evaluations) {

    /** The file's name in a model directory. */
    static final String FILE = "evaluations.json";

    private static final Logger LOG = LoggerFactory.getLogger(AppendedEvaluations.class);

    private static final JsonFormat<AppendedEvaluations> FORMAT = new JsonFormat<>("model evaluation record",
            AppendedEvaluations.class, Json.gson(), List.of(), (file, document) -> "Read the model's evaluations"
                    + " with the cxr4j release that recorded them or a newer one.");

    AppendedEvaluations {
        Objects.requireNonNull(modelChecksums, "modelChecksums");
        evaluations = List.copyOf(evaluations);
    }

    /** The evaluations recorded for the sealed model in a directory, empty when there are none of it. */
    static List<RecordedEvaluation> of(Path directory) throws IOException {
        Path file = directory.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        AppendedEvaluations recorded;
        try {
            recorded = FORMAT.read(Files.readString(file), file);
        } catch (RuntimeException e) {
            throw new IOException("The evaluation record " + file + " is damaged or not a cxr4j record ("
                    + e.getMessage() + "). Delete it and record the evaluations again.", e);
        }
        if (recorded == null) {
            return List.of();
        }
        String model = ModelChecksums.listDigest(directory);
        if (!recorded.modelChecksums().equals(model)) {
            LOG.warn("Ignoring {}: it records evaluations of another model (checksum list {}, this model's is {});"
                    + " delete it and record this model's evaluations again", file, recorded.modelChecksums(), model);
            return List.of();
        }
        return recorded.evaluations();
    }

    /** Adds an evaluation to a sealed model directory's record, written in one step. */
    static void append(Path directory, RecordedEvaluation evaluation) throws IOException {
        List<RecordedEvaluation> all = new ArrayList<>(of(directory));
        all.add(evaluation);
        write(directory, all);
    }

    /** Writes the record of a sealed directory's model, replacing any. */
    static void write(Path directory, List<RecordedEvaluation> evaluations) throws IOException {
        Path file = directory.resolve(FILE);
        Path temporary = Files.createTempFile(directory, "." + FILE, ".tmp");
        try {
            Files.writeString(temporary, FORMAT.write(
                    new AppendedEvaluations(ModelChecksums.listDigest(directory), evaluations)));
            ModelStaging.replaceFile(temporary, file);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }
}
