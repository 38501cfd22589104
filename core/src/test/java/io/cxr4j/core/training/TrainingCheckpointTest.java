package io.cxr4j.core.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainingCheckpointTest {

    @TempDir
    Path folder;

    @Test
    void aRunWithoutValidationDataReadsBackItsUndefinedValidationMetrics() throws IOException {
        Files.writeString(folder.resolve("epoch-2.params"), "weights");
        List<EpochResult> history = List.of(new EpochResult(1, 0.7, 0.5, Double.NaN, Double.NaN, 1.5),
                new EpochResult(2, 0.4, 0.8, Double.NaN, Double.NaN, 1.25));
        new TrainingCheckpoint(2, "epoch-2.params", "abc", history).write(folder);

        TrainingCheckpoint read = TrainingCheckpoint.read(folder).orElseThrow();

        assertThat(read.history()).isEqualTo(history);
        assertThat(read.history().get(0).validationLoss()).isNaN();
        assertThat(read.history().get(1).validationAccuracy()).isNaN();
    }

    @Test
    void aCheckpointNamingMissingWeightsIsDamaged() throws IOException {
        new TrainingCheckpoint(1, "gone.params", "abc", List.of()).write(folder);

        assertThatThrownBy(() -> TrainingCheckpoint.read(folder)).isInstanceOf(IOException.class)
                .hasMessageContaining("names missing weights").hasMessageContaining("train from the start");
    }

    @Test
    void aFolderWithoutARecordHasNoCheckpoint() throws IOException {
        assertThat(TrainingCheckpoint.read(folder)).isEmpty();
    }
}
