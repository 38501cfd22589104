package io.cxr4j.engine.pytorch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cxr4j.core.engine.Networks;
import ai.djl.Model;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import io.cxr4j.core.testing.Checkpoints;
import io.cxr4j.core.training.EpochResult;
import io.cxr4j.core.training.TrainingCheckpoint;
import io.cxr4j.core.training.TrainingDivergedException;
import io.cxr4j.core.training.TrainingRequest;
import io.cxr4j.core.training.TrainingResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real runs killed with SIGKILL resume to exactly the uninterrupted run, and an epoch that
 * diverges is never saved over the last good checkpoint.
 */
class ResumeTest {

    @TempDir
    static Path temp;

    private static Path images;
    private static TrainingResult uninterrupted;

    @BeforeAll
    static void uninterruptedRun() throws IOException {
        images = Files.createDirectories(temp.resolve("images"));
        SyntheticSquares.write(images);
        uninterrupted = ResumeRun.train(images, temp.resolve("uninterrupted/model"), false, 1e-3, ResumeRun.EPOCHS);
    }

    /**
     * Runs {@link ResumeRun} in a child JVM and kills it (SIGKILL) as soon as the checkpoint of
     * epoch {@code epoch} or later is written.
     *
     * @return the epoch of the checkpoint the killed run left
     */
    private static int killAfter(int epoch, Path model, boolean resume) throws Exception {
        Path checkpoints = TrainingRequest.checkpointDirectoryOf(model);
        Path log = temp.resolve("child-" + epoch + ".log");
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dai.djl.offline=true", "-cp", System.getProperty("java.class.path"), ResumeRun.class.getName(),
                images.toString(), model.toString(), resume ? "resume" : "fresh")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        int reached = 0;
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (reached < epoch && child.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(5);
            reached = Checkpoints.epochWhileWritten(checkpoints, reached);
        }
        child.destroyForcibly();
        assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        int left = TrainingCheckpoint.read(checkpoints).orElseThrow().epoch();
        assertThat(left).as("killed after epoch %d, before the run's end: %s", epoch, Files.readString(log))
                .isBetween(epoch, ResumeRun.EPOCHS - 1);
        return left;
    }

    private static Map<String, float[]> weights(Path model) throws Exception {
        Map<String, float[]> weights = new LinkedHashMap<>();
        try (Model loaded = Model.newInstance("check", PyTorchEngine.DJL_ENGINE)) {
            loaded.setBlock(Architectures.build(Networks.DARKCOVIDNET, 2));
            loaded.load(model, Networks.DARKCOVIDNET);
            for (Pair<String, Parameter> p : loaded.getBlock().getParameters()) {
                weights.put(p.getKey(), p.getValue().getArray().toFloatArray());
            }
        }
        return weights;
    }

    @Test
    void aRunKilledAtSeveralEpochsResumesToExactlyTheUninterruptedRun() throws Exception {
        Path model = temp.resolve("killed/model");
        int first = killAfter(2, model, false);
        int second = killAfter(Math.max(4, first + 1), model, true);
        killAfter(Math.max(6, second + 1), model, true);

        TrainingResult resumed = ResumeRun.train(images, model, true, 1e-3, ResumeRun.EPOCHS);

        List<EpochResult> history = resumed.history().epochs();
        List<EpochResult> reference = uninterrupted.history().epochs();
        assertThat(history).hasSize(ResumeRun.EPOCHS);
        for (int e = 0; e < ResumeRun.EPOCHS; e++) {
            assertThat(history.get(e).trainLoss()).as("training loss of epoch %d", e + 1).isFinite()
                    .isEqualTo(reference.get(e).trainLoss());
            assertThat(history.get(e).validationLoss()).as("validation loss of epoch %d", e + 1)
                    .isEqualTo(reference.get(e).validationLoss());
        }
        Map<String, float[]> expected = weights(uninterrupted.modelDirectory());
        Map<String, float[]> actual = weights(resumed.modelDirectory());
        assertThat(actual.keySet()).containsExactlyElementsOf(expected.keySet());
        expected.forEach((name, values) -> assertThat(actual.get(name)).as(name).containsExactly(values));
    }

    @Test
    void aDivergingEpochKeepsTheLastGoodCheckpointAndTheRunGoesOnAtALowerRate() throws Exception {
        Path model = temp.resolve("diverging/model");
        Path checkpoints = TrainingRequest.checkpointDirectoryOf(model);
        ResumeRun.train(images, model, false, 1e-3, 2);

        assertThatThrownBy(() -> ResumeRun.train(images, model, true, 1e30, 4))
                .isInstanceOfSatisfying(TrainingDivergedException.class, e -> {
                    assertThat(e.epoch()).isEqualTo(3);
                    assertThat(e.lastGoodEpoch()).isEqualTo(2);
                    assertThat(e.checkpointDirectory()).isEqualTo(checkpoints);
                })
                .hasMessageContaining("Training diverged in epoch 3")
                .hasMessageContaining("at learning rate 1E+30")
                .hasMessageContaining("the last good checkpoint, of epoch 2, is kept in " + checkpoints)
                .hasMessageContaining("lower learning rate").hasMessageContaining("e.g. 1E+29");

        TrainingCheckpoint kept = TrainingCheckpoint.read(checkpoints).orElseThrow();
        assertThat(kept.epoch()).isEqualTo(2);
        try (Stream<Path> files = Files.list(checkpoints)) {
            assertThat(files.map(f -> f.getFileName().toString()))
                    .containsExactlyInAnyOrder(TrainingCheckpoint.FILE, "darkcovidnet-0002.params",
                            "darkcovidnet-0002.optimizer");
        }
        assertThat(weights(checkpoints).values()).allSatisfy(values -> assertThat(values).doesNotContain(
                Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY));

        TrainingResult resumed = ResumeRun.train(images, model, true, 1e-4, 4);
        assertThat(resumed.history().epochs()).hasSize(4)
                .allSatisfy(epoch -> assertThat(epoch.trainLoss()).isFinite());
    }

    @Test
    void aCheckpointWithoutOptimizerStateStillResumes() throws Exception {
        Path model = temp.resolve("older/model");
        Path checkpoints = TrainingRequest.checkpointDirectoryOf(model);
        ResumeRun.train(images, model, false, 1e-3, 2);
        TrainingCheckpoint written = TrainingCheckpoint.read(checkpoints).orElseThrow();
        Files.delete(checkpoints.resolve(written.optimizerFile()));
        new TrainingCheckpoint(written.epoch(), written.weightsFile(), written.fingerprint(), written.config(),
                written.history()).write(checkpoints);

        TrainingResult resumed = ResumeRun.train(images, model, true, 1e-3, 3);

        assertThat(resumed.history().epochs()).hasSize(3)
                .allSatisfy(epoch -> assertThat(epoch.trainLoss()).isFinite());
    }
}
