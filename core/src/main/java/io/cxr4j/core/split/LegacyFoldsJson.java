package io.cxr4j.core.split;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import io.cxr4j.core.data.DatasetChecksum;
import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The migration of the JSON {@code folds.json} (format version 1) that cross-validations wrote
 * before {@link SplitFile} held folds: its fields map one to one onto a {@link FoldPlan}, so a
 * run drawn then can be rerun or resumed now.
 *
 * <pre>
 * {"formatVersion": 1, "dataset": "seed", "classNames": ["covid", "normal"], "strategy": "patient",
 *  "seed": 42, "folds": 5, "repeats": 1, "validationFraction": 0.1,
 *  "datasetChecksum": {"sha256": "...", "files": 50},
 *  "assignments": [{"repeat": 1, "fold": 1, "test": ["covid/a.jpg"], "validation": ["normal/b.jpg"]}]}
 * </pre>
 */
final class LegacyFoldsJson {

    static final int FORMAT_VERSION = 1;

    private static final String WHAT_TO_PASS = "Pass a folds file that SplitFile.writeFoldPlan wrote, or the"
            + " folds.json of an earlier version.";

    private LegacyFoldsJson() {}

    /** @return whether the file is JSON rather than a split file (its first visible character opens JSON) */
    static boolean isLegacy(Path file) throws IOException {
        String text = text(file);
        String start = text.stripLeading();
        return !start.isEmpty() && (start.charAt(0) == '{' || start.charAt(0) == '[');
    }

    /**
     * Reads an earlier version's folds.json.
     *
     * @throws SplitFileException when the file is not JSON of format version 1 or its folds do not fit
     *     its own fold and repeat counts
     */
    static SplitFile.FoldAssignments read(Path file) throws IOException {
        String text = text(file);
        JsonElement root;
        try {
            root = JsonParser.parseString(text);
        } catch (JsonParseException e) {
            SplitFileException failure = new SplitFileException("Folds file " + file + " is not JSON. " + WHAT_TO_PASS);
            failure.initCause(e);
            throw failure;
        }
        if (!root.isJsonObject()) {
            throw notFolds(file);
        }
        JsonObject json = root.getAsJsonObject();
        for (String field : List.of("formatVersion", "classNames", "datasetChecksum", "assignments")) {
            if (!json.has(field) || json.get(field).isJsonNull()) {
                throw notFolds(file);
            }
        }
        try {
            if (json.get("formatVersion").getAsInt() != FORMAT_VERSION) {
                throw notFolds(file);
            }
            List<String> classNames = strings(json.getAsJsonArray("classNames"));
            JsonObject checksum = json.getAsJsonObject("datasetChecksum");
            List<SplitFile.FoldAssignment> assignments = new ArrayList<>();
            for (JsonElement e : json.getAsJsonArray("assignments")) {
                JsonObject a = e.getAsJsonObject();
                JsonElement validation = a.get("validation");
                assignments.add(new SplitFile.FoldAssignment(a.get("repeat").getAsInt(), a.get("fold").getAsInt(),
                        a.has("test") ? strings(a.getAsJsonArray("test")) : List.of(),
                        validation == null || validation.isJsonNull() ? List.of()
                                : strings(validation.getAsJsonArray())));
            }
            return new SplitFile.FoldAssignments(json.has("dataset") ? json.get("dataset").getAsString() : "",
                    classNames, SplitStrategy.valueOf(json.get("strategy").getAsString().toUpperCase(Locale.ROOT)),
                    json.get("seed").getAsLong(), json.get("folds").getAsInt(), json.get("repeats").getAsInt(),
                    json.get("validationFraction").getAsDouble(),
                    new DatasetChecksum(checksum.get("sha256").getAsString(), checksum.get("files").getAsInt()),
                    assignments);
        } catch (RuntimeException e) {
            // Gson's own messages name its Java API; the cause keeps them for debug logs.
            SplitFileException failure = notFolds(file);
            failure.initCause(e);
            throw failure;
        }
    }

    private static SplitFileException notFolds(Path file) {
        return new SplitFileException("Folds file " + file + " is not a cxr4j folds.json of format version "
                + FORMAT_VERSION + " (it needs formatVersion, classNames, strategy, seed, folds, repeats,"
                + " validationFraction, datasetChecksum and assignments). " + WHAT_TO_PASS);
    }

    private static List<String> strings(JsonArray array) {
        List<String> values = new ArrayList<>();
        array.forEach(e -> values.add(e.getAsString()));
        return values;
    }

    private static String text(Path file) throws IOException {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (MalformedInputException e) {
            throw new SplitFileException("Folds file " + file + " is not UTF-8 text. " + WHAT_TO_PASS);
        }
    }
}
