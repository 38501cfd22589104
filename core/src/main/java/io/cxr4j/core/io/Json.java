package io.cxr4j.core.io;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.TypeAdapter;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import com.google.gson.stream.JsonWriter;
import java.io.IOException;

/**
 * cxr4j's JSON mapping, the one configuration behind every file it writes and reads (model
 * manifests, checkpoints, reports, folds, lock records): pretty-printed, without HTML escaping,
 * with NaN and infinities (an undefined metric, a missing validation loss) written as JSON null,
 * which strict JSON readers accept, and null read back as NaN.
 */
public final class Json {

    private static final Gson GSON = new GsonBuilder()
            .setPrettyPrinting()
            .disableHtmlEscaping()
            .registerTypeAdapter(Double.class, new UndefinedAsNull())
            .registerTypeAdapter(double.class, new UndefinedAsNull())
            .create();

    private Json() {}

    /** @return the JSON mapper; it leaves null fields out */
    public static Gson gson() {
        return GSON;
    }

    /** Writes NaN and infinities as JSON null and reads null back as NaN. */
    private static final class UndefinedAsNull extends TypeAdapter<Double> {
        @Override
        public void write(JsonWriter out, Double value) throws IOException {
            if (value == null || value.isNaN() || value.isInfinite()) {
                out.nullValue();
            } else {
                out.value(value);
            }
        }

        @Override
        public Double read(JsonReader in) throws IOException {
            if (in.peek() == JsonToken.NULL) {
                in.nextNull();
                return Double.NaN;
            }
            return in.nextDouble();
        }
    }
}
