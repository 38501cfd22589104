package io.cxr4j.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MetadataCsvTest {

    @TempDir Path dir;

    @Test
    void readsQuotedFieldsAndEmptyValues() throws Exception {
        Path file = Fixtures.text(dir.resolve("metadata.csv"),
                "path,label,patient_id,view,source,note\r\n"
                        + "covid/a.png,covid,p1,PA,\"Smith, \"\"2020\"\"\",\"two\nlines\"\r\n"
                        + "normal/b.png,normal,,,,\n\n");

        Map<String, MetadataCsv.Row> rows = MetadataCsv.read(file);

        assertThat(rows).containsOnlyKeys("covid/a.png", "normal/b.png");
        assertThat(rows.get("covid/a.png"))
                .isEqualTo(new MetadataCsv.Row("p1", "PA", "Smith, \"2020\""));
        assertThat(rows.get("normal/b.png")).isEqualTo(new MetadataCsv.Row(null, null, null));
    }

    @Test
    void missingColumnIsAnActionableError() {
        Path file = Fixtures.text(dir.resolve("metadata.csv"), "path,label\ncovid/a.png,covid\n");

        assertThatThrownBy(() -> MetadataCsv.read(file))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("no column 'patient_id'")
                .hasMessageContaining("path,label,patient_id,view,source,note");
    }

    @Test
    void unterminatedQuoteIsAnError() {
        Path file = Fixtures.text(dir.resolve("metadata.csv"),
                "path,label,patient_id,view,source,note\n\"covid/a.png,covid\n");

        assertThatThrownBy(() -> MetadataCsv.read(file))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining("quoted field");
    }
}
