package io.cxr4j.core.io;

import com.google.gson.TypeAdapter;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import com.google.gson.stream.JsonWriter;
import java.io.IOException;

/**
 * The JSON form of a setting added after models were first saved: its default (what every model
 * saved before it did) is left out of a JSON object, even from a writer that writes nulls, so
 * that such models are written exactly as before, and an absent or null field reads as the
 * default.
 *
 * @param <E> the setting
 */
public abstract class DefaultAsAbsent<E extends Enum<E>> extends TypeAdapter<E> {

    private final Class<E> type;
    private final E defaultValue;

    /**
     * @param type the setting's enum
     * @param defaultValue what models saved before the setting existed did
     */
    protected DefaultAsAbsent(Class<E> type, E defaultValue) {
        this.type = type;
        this.defaultValue = defaultValue;
    }

    @Override
    public void write(JsonWriter out, E value) throws IOException {
        if (value == null || value == defaultValue) {
            // A null value is dropped together with its field name unless the writer serializes nulls.
            boolean serializeNulls = out.getSerializeNulls();
            out.setSerializeNulls(false);
            out.nullValue();
            out.setSerializeNulls(serializeNulls);
        } else {
            out.value(value.name());
        }
    }

    @Override
    public E read(JsonReader in) throws IOException {
        if (in.peek() == JsonToken.NULL) {
            in.nextNull();
            return defaultValue;
        }
        return Enum.valueOf(type, in.nextString());
    }
}
