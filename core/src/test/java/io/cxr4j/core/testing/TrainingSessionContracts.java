package io.cxr4j.core.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cxr4j.core.engine.CxrEngine;
import io.cxr4j.core.engine.TrainingSession;
import io.cxr4j.core.image.AugmentationSpec;
import io.cxr4j.core.image.PreprocessingSpec;
import io.cxr4j.core.image.ResizeMode;
import io.cxr4j.core.training.AugmentedBatches;
import io.cxr4j.core.config.TrainingConfig;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every engine's {@link CxrEngine#openTrainingSession} must guarantee, checked the same way
 * for each: steps on one small batch lower its loss, and closed sessions give their memory back.
 */
public final class TrainingSessionContracts {

    /** Sessions opened, stepped once and closed before memory is measured. */
    public static final int WARM_UP_SESSIONS = 3;
    /** Sessions opened, stepped once and closed between the two memory readings. */
    public static final int MEASURED_SESSIONS = 12;

    private static final Logger LOG = LoggerFactory.getLogger(TrainingSessionContracts.class);
    private static final int[] CLASS_COUNTS = {4, 4};
    private static final int BATCH = 8;
    private static final int STEPS = 12;

    private TrainingSessionContracts() {}

    /**
     * {@value #STEPS} steps of DarkCovidNet on one batch of eight 1x32x32 images (bright left half
     * against bright right half) bring the loss below half its first value, and a closed session
     * refuses further steps.
     *
     * @param engine the engine under test
     */
    public static void stepsLowerTheLoss(CxrEngine engine) {
        List<Float> losses = new ArrayList<>();
        AugmentedBatches.Batch batch = halves();
        TrainingSession session = engine.openTrainingSession(config(), CLASS_COUNTS);
        try (session) {
            for (int i = 0; i < STEPS; i++) {
                losses.add(session.step(batch));
            }
        }
        LOG.info("{} training session, losses of one batch over {} steps: {}", engine.name(), STEPS, losses);
        assertThat(losses).allSatisfy(loss -> assertThat(loss).isFinite());
        assertThat(losses.get(STEPS - 1)).as("last loss against half the first").isLessThan(losses.get(0) / 2);
        assertThatThrownBy(() -> session.step(batch)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
    }

    /**
     * Opening, stepping and closing {@value #MEASURED_SESSIONS} sessions after {@value
     * #WARM_UP_SESSIONS} warm-up ones leaves resident memory outside the heap within {@link
     * InferenceContracts#MAX_NATIVE_GROWTH_KB}: each session's network, gradients and Adam moments
     * are released on close. A session that kept only its Adam moments (twice DarkCovidNet's
     * weights, about 9 MB) would grow memory by some 110 MB over the measured sessions; the
     * allocators' own wandering after the warm-up stays under 40 MB.
     *
     * @param engine the engine under test
     */
    public static void closedSessionsReleaseTheirMemory(CxrEngine engine) throws IOException {
        AugmentedBatches.Batch batch = halves();
        for (int i = 0; i < WARM_UP_SESSIONS; i++) {
            openStepClose(engine, batch);
        }
        long before = InferenceContracts.nativeKb();
        for (int i = 0; i < MEASURED_SESSIONS; i++) {
            openStepClose(engine, batch);
        }
        long growth = InferenceContracts.nativeKb() - before;
        LOG.info("{}: {} training sessions opened and closed, memory outside the heap grew {} KB", engine.name(),
                MEASURED_SESSIONS, growth);
        assertThat(growth).as("growth of resident memory outside the heap, KB")
                .isLessThan(InferenceContracts.MAX_NATIVE_GROWTH_KB);
    }

    private static void openStepClose(CxrEngine engine, AugmentedBatches.Batch batch) {
        try (TrainingSession session = engine.openTrainingSession(config(), CLASS_COUNTS)) {
            session.step(batch);
        }
    }

    private static TrainingConfig config() {
        return TrainingConfig.builder()
                .optPreprocessing(new PreprocessingSpec(32, 1, ResizeMode.STRETCH, 0f, 1f))
                .optAugmentation(AugmentationSpec.none())
                .optBatchSize(BATCH)
                .optSeed(7)
                .build();
    }

    /** Eight noisy 32x32 images, classes alternating: class 0 bright on the left, class 1 on the right. */
    private static AugmentedBatches.Batch halves() {
        int side = 32;
        Random random = new Random(11);
        float[] data = new float[BATCH * side * side];
        int[] classes = new int[BATCH];
        List<Integer> indices = new ArrayList<>();
        for (int i = 0; i < BATCH; i++) {
            classes[i] = i % 2;
            indices.add(i);
            for (int y = 0; y < side; y++) {
                for (int x = 0; x < side; x++) {
                    boolean bright = (x < side / 2) == (classes[i] == 0);
                    data[(i * side + y) * side + x] = (bright ? 0.8f : 0.2f) + 0.1f * random.nextFloat();
                }
            }
        }
        return new AugmentedBatches.Batch(data, classes, indices);
    }
}
