package io.cxr4j.core.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonParser;
import io.cxr4j.core.io.FormatVersionException;
import io.cxr4j.core.testing.ResourceFolders;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import io.cxr4j.core.config.TrainingConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checkpoint records written by earlier cxr4j releases (see {@code checkpoints/README.md} in the
 * test resources) are read through the checkpoint migration, and a newer format is refused.
 */
class TrainingCheckpointFormatTest {

    @TempDir
    Path temp;

    private Path fixture(String name) throws IOException {
        return ResourceFolders.copy(TrainingCheckpointFormatTest.class, "checkpoints/" + name, temp.resolve(name));
    }

    @Test
    void theFirstCheckpointsReadTheirLeftOutValidationMetricsAsUndefined() throws Exception {
        TrainingCheckpoint checkpoint = TrainingCheckpoint.read(fixture("v1-ee488d8")).orElseThrow();

        assertThat(checkpoint.epoch()).isEqualTo(2);
        assertThat(checkpoint.weightsFile()).isEqualTo("darkcovidnet-0002.params");
        assertThat(checkpoint.config()).isNull();
        assertThat(checkpoint.optimizerFile()).isNull();
        assertThat(checkpoint.history()).hasSize(2).allSatisfy(epoch -> {
            assertThat(epoch.validationLoss()).isNaN();
            assertThat(epoch.validationAccuracy()).isNaN();
            assertThat(epoch.nonFiniteLoss()).isEmpty();
        });
        assertThat(checkpoint.history().get(1).trainLoss()).isEqualTo(0.9225125312805176);
    }

    @Test
    void checkpointsWithSettingsButNoOptimizerStateRead() throws Exception {
        Path folder = fixture("v1-4cbd0c1");
        TrainingCheckpoint checkpoint = TrainingCheckpoint.read(folder).orElseThrow();

        assertThat(checkpoint.config()).isEqualTo(TrainingConfig.builder().optEpochs(3).optPreprocessing(
                new io.cxr4j.core.image.PreprocessingSpec(64, 1, io.cxr4j.core.image.ResizeMode.CENTER_CROP, 0f, 1f))
                .build());
        assertThat(checkpoint.optimizerFile()).isNull();
        assertThat(checkpoint.history().get(0).validationLoss()).isNaN();
        assertThatThrownBy(() -> TrainingCheckpoint.checkDiscardable(folder))
                .hasMessageContaining("holds an interrupted run, stopped after epoch 2 of 3");
    }

    @Test
    void checkpointsWithOptimizerStateRead() throws Exception {
        TrainingCheckpoint checkpoint = TrainingCheckpoint.read(fixture("v1-f99886e")).orElseThrow();

        assertThat(checkpoint.optimizerFile()).isEqualTo("darkcovidnet-0002.optimizer");
        assertThat(checkpoint.history().get(1).validationLoss()).isEqualTo(0.6959658861160278);
    }

    @Test
    void aCheckpointTheLastVersion1WriterWroteIsWrittenAgainAsVersion2Unchanged() throws Exception {
        Path folder = fixture("v1-main");
        String original = Files.readString(folder.resolve(TrainingCheckpoint.FILE));
        TrainingCheckpoint checkpoint = TrainingCheckpoint.read(folder).orElseThrow();
        assertThat(checkpoint.epoch()).isEqualTo(25);
        assertThat(checkpoint.history()).hasSize(25);

        checkpoint.write(folder);

        String written = Files.readString(folder.resolve(TrainingCheckpoint.FILE));
        assertThat(written).startsWith("{\n  \"formatVersion\": 2,\n  \"epoch\": 25,");
        // Settings added since are written with the values that their absence means.
        assertThat(written.replace("\n  \"formatVersion\": 2,", "")).isEqualTo(original
                .replace("\"rangeMax\": 1.0\n", "\"rangeMax\": 1.0,\n      \"normalization\": \"RANGE\"\n")
                .replace("\"precision\": \"FLOAT32\"\n", "\"precision\": \"FLOAT32\",\n    \"frozenBlocks\": 0\n"));
        assertThat(TrainingCheckpoint.read(folder)).contains(checkpoint);
    }

    @Test
    void aNewerFormatIsRefusedOnResumeAndNotDiscardedByAFreshStart() throws Exception {
        Path folder = fixture("v1-main");
        Path file = folder.resolve(TrainingCheckpoint.FILE);
        Files.writeString(file, Files.readString(file).replace("{\n  \"epoch\": 25,", "{\n  \"formatVersion\": 3,"
                + "\n  \"epoch\": 25,"));
        assertThat(JsonParser.parseString(Files.readString(file)).getAsJsonObject().get("formatVersion").getAsInt())
                .isEqualTo(3);
        String advice = "Resume the run with the cxr4j release that wrote it, or, to start afresh, delete " + folder
                + " or choose another output folder.";

        assertThatThrownBy(() -> TrainingCheckpoint.read(folder)).isInstanceOf(FormatVersionException.class)
                .hasMessage("Training checkpoint " + file + " has format version 3, newer than this cxr4j reads"
                        + " (versions 1 to 2). " + advice);
        assertThatThrownBy(() -> TrainingCheckpoint.checkDiscardable(folder))
                .isInstanceOf(CheckpointConflictException.class).hasMessageEndingWith(advice);
    }
}
