package io.cxr4j.core.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.cxr4j.core.config.LearningRateSchedule;
import io.cxr4j.core.config.TrainingConfig;
import io.cxr4j.core.data.Sample;
import io.cxr4j.core.data.XrayDataset;
import io.cxr4j.core.image.PixelNormalization;
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

    @Test
    void settingsAddedLaterLeaveTheFingerprintOfEarlierRunsAsItWas() {
        XrayDataset images = new XrayDataset("x", List.of("covid", "normal"),
                List.of(Sample.of(Path.of("/a/c1.png"), "covid"), Sample.of(Path.of("/a/n1.png"), "normal")));
        TrainingConfig defaults = TrainingConfig.builder().build();
        TrainingConfig tuned = TrainingConfig.builder().optLearningRate(1e-5).optWeightDecay(5e-4).build();

        // As computed by the release before frozen blocks and pixel normalization existed (main at 03b54d2).
        assertThat(TrainingCheckpoint.fingerprint(defaults, images))
                .isEqualTo("185e31dbb58eedc9369fdac12892273a27c52ab5cf896a1a4bf64aa9425d4efe");
        assertThat(TrainingCheckpoint.fingerprint(tuned, images))
                .isEqualTo("f8161f4a00a50aefe9c2c8a672c8ec498733e1e41f062afd90cd7853907789c5");
        assertThat(TrainingCheckpoint.fingerprint(defaults.toBuilder().optArchitecture("vgg16").optFrozenBlocks(5)
                .build(), images)).isNotEqualTo(TrainingCheckpoint.fingerprint(defaults.toBuilder()
                .optArchitecture("vgg16").build(), images));
        assertThat(TrainingCheckpoint.fingerprint(defaults.toBuilder().optPreprocessing(defaults.preprocessing()
                .withChannels(3).withNormalization(PixelNormalization.CAFFE)).build(), images))
                .isNotEqualTo(TrainingCheckpoint.fingerprint(defaults.toBuilder().optPreprocessing(
                        defaults.preprocessing().withChannels(3)).build(), images));
    }

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

    /** What refuses to resume the checkpointed run of {@code request} with other settings. */
    private static CheckpointConflictException resumeConflict(TrainingRequest request, TrainingConfig config) {
        return catchThrowableOfType(CheckpointConflictException.class, () -> TrainingCheckpoint.startingPoint(
                with(request, config).resuming(), TrainingCheckpoint.fingerprint(config, IMAGES)));
    }

    @Test
    void aFreshStartKeepsAnInterruptedRunAndReplacesAFinishedOne() throws IOException {
        TrainingRequest interrupted = checkpointed(2, config(5, LearningRateSchedule.CONSTANT));

        assertThatThrownBy(() -> TrainingCheckpoint.startingPoint(interrupted, "any"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("holds an interrupted run, stopped after epoch 2 of 5")
                .hasMessageContaining("Continue it with its settings and TrainingRequest.resuming(), or")
                .hasMessageContaining("to start afresh, delete " + interrupted.checkpointDirectory())
                .hasMessageNotContaining("--");
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

        CheckpointConflictException conflict = resumeConflict(request, other);
        assertThat(conflict).hasMessageContaining("other settings: batchSize 8 (now 16), learningRate 0.001 (now 0.003).")
                .hasMessageContaining("Resume with exactly the settings of the interrupted run, only the learning"
                        + " rate may change");
        assertThat(conflict.message(FLAGS))
                .contains("other settings: batchSize (-b) 8 (now 16), learningRate (-l) 0.001 (now 0.003).")
                .contains("Resume with exactly the flags of the interrupted run");
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

        CheckpointConflictException conflict = resumeConflict(request, longer);
        assertThat(conflict).hasMessageContaining("planned for 3 epochs, and its cosine learning-rate schedule is set by that number")
                .hasMessageContaining("Resume with optEpochs(3), or");
        assertThat(conflict.message(FLAGS)).contains("Resume with -e 3, or");
        // Keras's decay constant is the rate divided by the epochs: another count, other rates.
        TrainingConfig keras = config(3, LearningRateSchedule.KERAS_DECAY);
        assertThat(resumeConflict(with(checkpointed(2, keras), keras), keras.toBuilder().optEpochs(6).build()))
                .hasMessageContaining("planned for 3 epochs, and its keras_decay learning-rate schedule is set by");

        TrainingConfig constant = config(3, LearningRateSchedule.CONSTANT);
        TrainingRequest extended = with(checkpointed(3, constant), constant.toBuilder().optEpochs(6).build());
        assertThat(TrainingCheckpoint.startingPoint(extended.resuming(),
                TrainingCheckpoint.fingerprint(extended.config(), IMAGES))).hasValueSatisfying(c ->
                assertThat(c.epoch()).isEqualTo(3));
        TrainingConfig fewer = constant.toBuilder().optEpochs(2).build();
        CheckpointConflictException tooFew = resumeConflict(extended, fewer);
        assertThat(tooFew).hasMessageContaining("has already trained 3 epochs, more than the 2 asked for. Resume"
                + " with optEpochs(3) or more, or");
        assertThat(tooFew.message(FLAGS)).contains("Resume with -e 3 or more, or");
    }

    /** Terms of a made-up command line, to show that every setting and action in a message is rendered by them. */
    private static final CheckpointConflictException.Terms FLAGS = new CheckpointConflictException.Terms() {
        @Override
        public String setting(String path) {
            return path + " (-" + path.charAt(0) + ")";
        }

        @Override
        public String epochs(int epochs) {
            return "-e " + epochs;
        }

        @Override
        public String resume() {
            return "-R";
        }

        @Override
        public String settings() {
            return "flags";
        }
    };

    @Test
    void aFolderWithoutARecordHasNoCheckpoint() throws IOException {
        assertThat(TrainingCheckpoint.read(folder)).isEmpty();
    }
}
