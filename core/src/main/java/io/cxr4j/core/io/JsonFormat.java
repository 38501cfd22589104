package io.cxr4j.core.io;

import com.google.gson.Gson;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A versioned JSON file format. Every file records its version in {@value #VERSION_FIELD}; a file
 * without it is version 1, as files written before formats were versioned. Older files are read
 * through an explicit chain of migrations, one per older version ({@code 1 -> 2}, {@code 2 -> 3},
 * ...), each rewriting the document into the next version's shape, so that only the current
 * version is ever mapped to Java. A file of a newer version than the current one is refused with a
 * {@link FormatVersionException}.
 *
 * @param <T> the type the current version maps to
 */
public final class JsonFormat<T> {

    /** The field that holds a document's format version. */
    public static final String VERSION_FIELD = "formatVersion";

    /** Rewrites a document of one format version into the shape of the next. */
    @FunctionalInterface
    public interface Migration {

        /**
         * @param document a document of the version this migration starts from, changed in place
         *     into the next version's shape (its {@value JsonFormat#VERSION_FIELD} is set by the
         *     format)
         */
        void migrate(JsonObject document);
    }

    /** What a reader can do with a file of a newer format version, said in API terms. */
    @FunctionalInterface
    public interface NewerVersionAdvice {

        /**
         * @param file the file
         * @param document its content, from which the writer's version may be named
         * @return one or more sentences, such as which release to read it with
         */
        String whatToDo(Path file, JsonObject document);
    }

    private final String name;
    private final Class<T> type;
    private final Gson gson;
    private final List<Migration> migrations;
    private final NewerVersionAdvice advice;

    /**
     * @param name what the file is, for messages, such as {@code model manifest}
     * @param type the type the current version maps to
     * @param gson the mapping of the current version
     * @param migrations the migrations from version 1 on, in order: the first turns version 1 into
     *     2, and so on; the current version is one more than their number
     * @param advice what to do with a file of a newer version
     */
    public JsonFormat(String name, Class<T> type, Gson gson, List<Migration> migrations, NewerVersionAdvice advice) {
        this.name = Objects.requireNonNull(name, "name");
        this.type = Objects.requireNonNull(type, "type");
        this.gson = Objects.requireNonNull(gson, "gson");
        this.migrations = List.copyOf(migrations);
        this.advice = Objects.requireNonNull(advice, "advice");
    }

    /** @return the version this format writes, the newest it reads */
    public int version() {
        return migrations.size() + 1;
    }

    /**
     * Reads a document of this format's current or any older version.
     *
     * @param text the file's content
     * @param file where it comes from, for messages
     * @return the value, or null when the text holds no JSON value (an empty file)
     * @throws FormatVersionException when the document is of a newer version than {@link #version()}
     * @throws JsonParseException when the text is not a JSON object of this format, or its version
     *     is not a whole number from 1
     */
    public T read(String text, Path file) throws FormatVersionException {
        JsonElement parsed = JsonParser.parseString(text);
        if (parsed.isJsonNull()) {
            return null;
        }
        if (!parsed.isJsonObject()) {
            throw new JsonParseException("a " + name + " is a JSON object, but " + file + " holds " + kind(parsed));
        }
        JsonObject document = parsed.getAsJsonObject();
        int version = versionOf(document);
        if (version > version()) {
            throw new FormatVersionException(file, name, version, version(), advice.whatToDo(file, document));
        }
        for (int from = version; from < version(); from++) {
            migrations.get(from - 1).migrate(document);
            document.addProperty(VERSION_FIELD, from + 1);
        }
        return gson.fromJson(document, type);
    }

    /**
     * Writes a value as a document of the current version, its {@value #VERSION_FIELD} first.
     *
     * @param value the value
     * @return the JSON text
     */
    public String write(T value) {
        JsonObject document = new JsonObject();
        document.addProperty(VERSION_FIELD, version());
        for (Map.Entry<String, JsonElement> field : gson.toJsonTree(value, type).getAsJsonObject().entrySet()) {
            if (!field.getKey().equals(VERSION_FIELD)) {
                document.add(field.getKey(), field.getValue());
            }
        }
        return gson.toJson(document);
    }

    private static int versionOf(JsonObject document) {
        JsonElement field = document.get(VERSION_FIELD);
        if (field == null) {
            return 1;
        }
        if (field.isJsonPrimitive() && field.getAsJsonPrimitive().isNumber()) {
            JsonPrimitive number = field.getAsJsonPrimitive();
            double value = number.getAsDouble();
            if (value >= 1 && value <= Integer.MAX_VALUE && value == Math.rint(value)) {
                return (int) value;
            }
        }
        throw new JsonParseException(VERSION_FIELD + " must be a whole number from 1, but is " + field);
    }

    private static String kind(JsonElement element) {
        return element.isJsonArray() ? "an array" : "the value " + element;
    }
}
