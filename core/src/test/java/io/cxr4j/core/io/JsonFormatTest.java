package io.cxr4j.core.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonFormatTest {

    /** Version 3 of a made-up format: a value renamed in version 2, a unit added in version 3. */
    record Reading(int formatVersion, double value, String unit) {}

    private static final Path FILE = Path.of("reading.json");

    private static final JsonFormat<Reading> FORMAT = new JsonFormat<>("sensor reading", Reading.class, Json.gson(),
            List.of(v1 -> v1.add("value", v1.remove("reading")), v2 -> v2.addProperty("unit", "mm")),
            (file, document) -> "Read it with the newer tool.");

    @Test
    void everyOlderVersionIsMigratedThroughTheChainInOrder() throws Exception {
        assertThat(FORMAT.version()).isEqualTo(3);
        assertThat(FORMAT.read("{\"reading\": 1.5}", FILE)).isEqualTo(new Reading(3, 1.5, "mm"));
        assertThat(FORMAT.read("{\"formatVersion\": 1, \"reading\": 1.5}", FILE)).isEqualTo(new Reading(3, 1.5, "mm"));
        assertThat(FORMAT.read("{\"formatVersion\": 2, \"value\": 1.5}", FILE)).isEqualTo(new Reading(3, 1.5, "mm"));
        assertThat(FORMAT.read("{\"formatVersion\": 3, \"value\": 1.5, \"unit\": \"cm\"}", FILE))
                .isEqualTo(new Reading(3, 1.5, "cm"));
    }

    @Test
    void writingPutsTheCurrentVersionFirst() throws Exception {
        String json = FORMAT.write(new Reading(1, 2.0, "cm"));
        assertThat(json.replaceAll("\\s", "")).isEqualTo("{\"formatVersion\":3,\"value\":2.0,\"unit\":\"cm\"}");
        assertThat(FORMAT.read(json, FILE)).isEqualTo(new Reading(3, 2.0, "cm"));
    }

    @Test
    void aNewerVersionIsRefusedWithWhatToDo() {
        assertThatThrownBy(() -> FORMAT.read("{\"formatVersion\": 4, \"value\": 1}", FILE))
                .isInstanceOf(FormatVersionException.class)
                .hasMessage("Sensor reading reading.json has format version 4, newer than this cxr4j reads (versions 1"
                        + " to 3). Read it with the newer tool.")
                .satisfies(e -> {
                    FormatVersionException newer = (FormatVersionException) e;
                    assertThat(newer.version()).isEqualTo(4);
                    assertThat(newer.newestReadable()).isEqualTo(3);
                    assertThat(newer.file()).isEqualTo(FILE);
                });
    }

    @Test
    void aVersionThatIsNoWholeNumberFromOneOrADocumentThatIsNoObjectIsRefused() throws Exception {
        for (String version : List.of("0", "1.5", "\"2\"", "null", "-1")) {
            assertThatThrownBy(() -> FORMAT.read("{\"formatVersion\": " + version + "}", FILE))
                    .as(version).isInstanceOf(JsonParseException.class)
                    .hasMessageContaining("formatVersion must be a whole number from 1");
        }
        assertThatThrownBy(() -> FORMAT.read("[1, 2]", FILE)).isInstanceOf(JsonParseException.class)
                .hasMessage("a sensor reading is a JSON object, but reading.json holds an array");
        assertThat(FORMAT.read("", FILE)).isNull();
    }

    @Test
    void migrationsSeeTheDocumentOfTheirVersion() throws Exception {
        JsonObject[] seen = new JsonObject[1];
        JsonFormat<Reading> spying = new JsonFormat<>("reading", Reading.class, Json.gson(),
                List.of(v1 -> seen[0] = v1.deepCopy()), (file, document) -> "");
        spying.read("{\"value\": 1}", FILE);
        assertThat(seen[0].has("formatVersion")).isFalse();
        assertThat(seen[0].get("value").getAsInt()).isEqualTo(1);
    }
}
