package io.cxr4j.engine.tensorflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.cxr4j.core.engine.CxrEngine;
import io.cxr4j.core.config.LearningRateSchedule;
import io.cxr4j.core.data.XrayDataset;
import io.cxr4j.core.image.PreprocessingSpec;
import io.cxr4j.core.image.ResizeMode;
import io.cxr4j.core.training.EpochResult;
import io.cxr4j.core.training.TrainingCheckpoint;
import io.cxr4j.core.config.TrainingConfig;
import io.cxr4j.core.training.TrainingDivergedException;
import io.cxr4j.core.training.TrainingRequest;
import io.cxr4j.core.training.TrainingResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code TrainingRequest.resume()} on the TensorFlow engine: a run stopped after epoch 2 and resumed
 * ends where an uninterrupted run ends, because shuffles and augmentation skip the done epochs, the
 * step count (learning rate, Adam's bias correction) goes on and Adam's moments are restored.
 */
class ResumeTest {

    @TempDir
    Path temp;

    private static TrainingConfig config(int epochs) {
        // Augmentation stays on, so a resumed run that re-used epoch 0's draws would differ.
        return TrainingConfig.builder()
                .optEpochs(epochs)
                .optBatchSize(4)
                .optPreprocessing(new PreprocessingSpec(32, 1, ResizeMode.STRETCH, 0f, 1f))
                .build();
    }

    @Test
    void resumedRunEndsWhereAnUninterruptedRunEnds() throws Exception {
        XrayDataset train = SyntheticXrays.write(temp, "train", 6, 21);
        XrayDataset validation = SyntheticXrays.write(temp, "validation", 2, 22);
        CxrEngine engine = CxrEngine.of(new TensorFlowEngineProvider());
        TrainingResult uninterrupted = engine.train(TrainingRequest.of(train, validation, config(3),
                temp.resolve("full")));

        TrainingRequest request = TrainingRequest.of(train, validation, config(3), temp.resolve("resumed"));
        TrainingResult stopped = engine.train(TrainingRequest.of(train, validation, config(2), request.modelDirectory()));
        assertThat(TrainingCheckpoint.read(request.checkpointDirectory())).hasValueSatisfying(c -> {
            assertThat(c.epoch()).isEqualTo(2);
            assertThat(c.weightsFile()).isEqualTo("darkcovidnet-0002.index");
        });
        TrainingResult resumed = engine.train(request.resuming());

        List<EpochResult> epochs = resumed.history().epochs();
        assertThat(epochs).hasSize(3);
        assertThat(epochs.subList(0, 2)).isEqualTo(stopped.history().epochs());
        assertThat(epochs.get(2).epoch()).isEqualTo(3);
        assertThat(epochs.get(2).trainLoss()).isCloseTo(uninterrupted.history().epochs().get(2).trainLoss(),
                within(1e-4));
        for (int i = 0; i < validation.size(); i++) {
            assertThat(resumed.validationPredictions().get(i).probabilityArray()).containsExactly(
                    uninterrupted.validationPredictions().get(i).probabilityArray(), within(1e-4f));
        }
        assertThat(TrainingCheckpoint.read(request.checkpointDirectory()).orElseThrow().epoch()).isEqualTo(3);
    }

    @Test
    void aRunUnderKerasDecayStoppedAfterEpochTwoResumesToTheUninterruptedRun() throws Exception {
        XrayDataset train = SyntheticXrays.write(temp, "train", 6, 25);
        XrayDataset validation = SyntheticXrays.write(temp, "validation", 2, 26);
        CxrEngine engine = CxrEngine.of(new TensorFlowEngineProvider());
        // A rate at which Keras's decay (rate / epochs per step) moves the rate by a few percent a step.
        TrainingConfig decaying = config(3).toBuilder().optSchedule(LearningRateSchedule.KERAS_DECAY)
                .optLearningRate(0.01).build();
        TrainingResult uninterrupted = engine.train(TrainingRequest.of(train, validation, decaying,
                temp.resolve("decay-full")));

        // The schedule spans the planned epochs, so the interrupted run must be planned for 3: a
        // folder where its epoch-3 checkpoint file should go stops it after epoch 2 is saved.
        TrainingRequest request = TrainingRequest.of(train, validation, decaying, temp.resolve("decay-resumed"));
        Path blocker = Files.createDirectories(request.checkpointDirectory().resolve("darkcovidnet-0003.index"));
        assertThatThrownBy(() -> engine.train(request.resuming())).hasMessageContaining(
                "Cannot write the checkpoint of epoch 3");
        assertThat(TrainingCheckpoint.read(request.checkpointDirectory()).orElseThrow().epoch()).isEqualTo(2);
        Files.delete(blocker);
        TrainingResult resumed = engine.train(request.resuming());

        assertThat(resumed.history().epochs().get(2).trainLoss()).isCloseTo(
                uninterrupted.history().epochs().get(2).trainLoss(), within(1e-4));
        for (int i = 0; i < validation.size(); i++) {
            assertThat(resumed.validationPredictions().get(i).probabilityArray()).containsExactly(
                    uninterrupted.validationPredictions().get(i).probabilityArray(), within(1e-4f));
        }
    }

    @Test
    void aDivergingEpochIsNeverCheckpointedAndTheLastGoodOneIsKept() throws Exception {
        XrayDataset train = SyntheticXrays.write(temp, "train", 4, 24);
        CxrEngine engine = CxrEngine.of(new TensorFlowEngineProvider());
        TrainingRequest request = TrainingRequest.of(train, null, config(1), temp.resolve("diverging"));
        engine.train(request);
        TrainingConfig huge = config(2).toBuilder().optLearningRate(1e30).build();

        assertThatThrownBy(() -> engine.train(TrainingRequest.of(train, null, huge, request.modelDirectory())
                .resuming()))
                .isInstanceOfSatisfying(TrainingDivergedException.class, e -> {
                    assertThat(e.epoch()).isEqualTo(2);
                    assertThat(e.lastGoodEpoch()).isEqualTo(1);
                })
                .hasMessageContaining("Training diverged in epoch 2: the training loss became NaN")
                .hasMessageContaining("the last good checkpoint, of epoch 1, is kept in "
                        + request.checkpointDirectory());
        assertThat(TrainingCheckpoint.read(request.checkpointDirectory())).hasValueSatisfying(c -> {
            assertThat(c.epoch()).isEqualTo(1);
            assertThat(c.weightsFile()).isEqualTo("darkcovidnet-0001.index");
        });
        try (Stream<Path> files = Files.list(request.checkpointDirectory())) {
            assertThat(files.map(f -> f.getFileName().toString())).noneMatch(f -> f.contains("0002"));
        }
    }

    @Test
    void refusesToResumeWithOtherSettingsAndStartsAfreshWithoutACheckpoint() throws Exception {
        XrayDataset train = SyntheticXrays.write(temp, "train", 4, 23);
        CxrEngine engine = CxrEngine.of(new TensorFlowEngineProvider());
        TrainingRequest request = TrainingRequest.of(train, null, config(1), temp.resolve("model"));

        TrainingResult fresh = engine.train(request.resuming());
        assertThat(fresh.history().epochs()).hasSize(1);

        TrainingConfig other = config(1).toBuilder().optBatchSize(2).build();
        assertThatThrownBy(() -> engine.train(TrainingRequest.of(train, null, other, request.modelDirectory())
                .resuming()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("other settings");
    }
}
