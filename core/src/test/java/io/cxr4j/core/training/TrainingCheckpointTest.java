package io.cxr4j.core.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cxr4j.core.config.LearningRateSchedule;
import io.cxr4j.core.config.TrainingConfig;
import io.cxr4j.core.data.Sample;
import io.cxr4j.core.data.XrayDataset;
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
        new TrainingCheckpoint(2, "epoch-2.params", "abc", TrainingConfig.builder().build(), history).write(folder);

        TrainingCheckpoint read = TrainingCheckpoint.read(folder).orElseThrow();

        assertThat(read.history()).isEqualTo(history);
        assertThat(read.history().get(0).validationLoss()).isNaN();
        assertThat(read.history().get(1).validationAccuracy()).isNaN();
    }

    @Test
    void aCheckpointNamingMissingWeightsIsDamaged() throws IOException {
        new TrainingCheckpoint(1, "gone.params", "abc", null, List.of()).write(folder);

        assertThatThrownBy(() -> TrainingCheckpoint.read(folder)).isInstanceOf(IOException.class)
                .hasMessageContaining("names missing weights").hasMessageContaining("train from the start");
    }

    private static final XrayDataset IMAGES = new XrayDataset("images", List.of("covid", "normal"),
            List.of(Sample.of(Path.of("c.png"), "covid"), Sample.of(Path.of("n.png"), "normal")));

    private static TrainingConfig config(int epochs, LearningRateSchedule schedule) {
        return TrainingConfig.builder().optEpochs(epochs).optSchedule(schedule).build();
    }

    /** A checkpoint after {@code epoch} of a run planned with {@code made}. */
    private TrainingRequest checkpointed(int epoch, TrainingConfig made) throws IOException {
        TrainingRequest request = TrainingRequest.of(IMAGES, null, made, folder.resolve("model"));
        Files.createDirectories(request.checkpointDirectory());
        Files.writeString(request.checkpointDirectory().resolve("w.params"), "weights");
        new TrainingCheckpoint(epoch, "w.params", TrainingCheckpoint.fingerprint(made, IMAGES), made,
                List.of()).write(request.checkpointDirectory());
        return request;
    }

    private static TrainingRequest with(TrainingRequest request, TrainingConfig config) {
        return TrainingRequest.of(request.training(), null, config, request.modelDirectory());
    }

    @Test
    void aFreshStartKeepsAnInterruptedRunAndReplacesAFinishedOne() throws IOException {
        TrainingRequest interrupted = checkpointed(2, config(5, LearningRateSchedule.CONSTANT));

        assertThatThrownBy(() -> TrainingCheckpoint.startingPoint(interrupted, "any"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("holds an interrupted run, stopped after epoch 2 of 5")
                .hasMessageContaining("--resume").hasMessageContaining("to start afresh, delete " + interrupted.checkpointDirectory());
        assertThat(TrainingCheckpoint.read(interrupted.checkpointDirectory())).isPresent();

        TrainingRequest finished = checkpointed(5, config(5, LearningRateSchedule.CONSTANT));
        assertThat(TrainingCheckpoint.startingPoint(finished, "any")).isEmpty();
        assertThat(finished.checkpointDirectory()).doesNotExist();
    }

    @Test
    void aResumeWithOtherSettingsSaysWhichDiffer() throws IOException {
        TrainingConfig made = config(5, LearningRateSchedule.CONSTANT);
        TrainingRequest request = checkpointed(2, made);
        TrainingConfig other = made.toBuilder().optBatchSize(16).optLearningRate(0.003).optEpochs(9).build();

        assertThatThrownBy(() -> TrainingCheckpoint.startingPoint(with(request, other).resuming(),
                TrainingCheckpoint.fingerprint(other, IMAGES)))
                .hasMessageContaining("other settings: batchSize (--batch-size) 8 (now 16),"
                        + " learningRate (--learning-rate) 0.001 (now 0.003).")
                .hasMessageContaining("Resume with exactly the options of the interrupted run, only the learning"
                        + " rate may change");
        assertThatThrownBy(() -> TrainingCheckpoint.startingPoint(request.resuming(), "other images"))
                .hasMessageContaining("other training images");
    }

    @Test
    void aRunThatDivergedMayResumeAtALowerLearningRate() throws IOException {
        TrainingConfig made = config(5, LearningRateSchedule.COSINE);
        TrainingRequest request = checkpointed(2, made);
        TrainingConfig lower = made.toBuilder().optLearningRate(1e-4).build();

        assertThat(TrainingCheckpoint.startingPoint(with(request, lower).resuming(),
                TrainingCheckpoint.fingerprint(lower, IMAGES))).hasValueSatisfying(c ->
                assertThat(c.epoch()).isEqualTo(2));
    }

    @Test
    void onlyARunWithAConstantRateMayBeResumedForAnotherNumberOfEpochs() throws IOException {
        TrainingConfig cosine = config(3, LearningRateSchedule.COSINE);
        TrainingRequest request = checkpointed(3, cosine);
        TrainingConfig longer = cosine.toBuilder().optEpochs(6).build();

        assertThatThrownBy(() -> TrainingCheckpoint.startingPoint(with(request, longer).resuming(),
                TrainingCheckpoint.fingerprint(longer, IMAGES)))
                .hasMessageContaining("planned for 3 epochs, and its cosine learning-rate schedule spans exactly")
                .hasMessageContaining("Resume with --epochs 3");

        TrainingConfig constant = config(3, LearningRateSchedule.CONSTANT);
        TrainingRequest extended = with(checkpointed(3, constant), constant.toBuilder().optEpochs(6).build());
        assertThat(TrainingCheckpoint.startingPoint(extended.resuming(),
                TrainingCheckpoint.fingerprint(extended.config(), IMAGES))).hasValueSatisfying(c ->
                assertThat(c.epoch()).isEqualTo(3));
    }

    @Test
    void aFolderWithoutARecordHasNoCheckpoint() throws IOException {
        assertThat(TrainingCheckpoint.read(folder)).isEmpty();
    }
}
