package io.cxr4j.core.io;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JsonTest {

    @Test
    void undefinedNumbersAreWrittenAsJsonNullAndReadBackAsNaN() {
        String json = Json.gson().toJson(new double[] {Double.NaN, 0.5});
        assertThat(json.replaceAll("\\s", "")).isEqualTo("[null,0.5]");
        assertThat(Json.gson().fromJson(json, double[].class)).containsExactly(Double.NaN, 0.5);
    }
}
