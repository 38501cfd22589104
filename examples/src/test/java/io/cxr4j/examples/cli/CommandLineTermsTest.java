package io.cxr4j.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.cxr4j.core.config.LearningRateSchedule;
import io.cxr4j.core.config.TrainingConfig;
import io.cxr4j.core.data.Sample;
import io.cxr4j.core.data.SourceConfounding;
import io.cxr4j.core.data.XrayDataset;
import io.cxr4j.core.image.PreprocessingSpec;
import io.cxr4j.core.training.CheckpointConflictException;
import io.cxr4j.core.training.EpochResult;
import io.cxr4j.core.training.TrainingCheckpoint;
import io.cxr4j.core.training.TrainingRequest;
import io.cxr4j.dataset.DatasetException;
import io.cxr4j.dataset.DatasetRegistry;
import io.cxr4j.dataset.LabelMap;
import io.cxr4j.experiment.ExperimentWarning;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line names what library messages say in API terms by its options. */
class CommandLineTermsTest {

    @TempDir
    Path temp;

    private static final XrayDataset IMAGES = new XrayDataset("images", List.of("covid", "normal"),
            List.of(Sample.of(Path.of("c.png"), "covid"), Sample.of(Path.of("n.png"), "normal")));

    /** A run interrupted after epoch 2 of 5. */
    private TrainingRequest interrupted(TrainingConfig made) throws IOException {
        TrainingRequest request = TrainingRequest.of(IMAGES, null, made, temp.resolve("model"));
        Files.createDirectories(request.checkpointDirectory());
        Files.writeString(request.checkpointDirectory().resolve("w.params"), "weights");
        new TrainingCheckpoint(2, "w.params", TrainingCheckpoint.fingerprint(made, IMAGES), made,
                List.<EpochResult>of()).write(request.checkpointDirectory());
        return request;
    }

    @Test
    void aResumeWithOtherSettingsNamesTheirOptions() throws IOException {
        TrainingConfig made = TrainingConfig.builder().optEpochs(5).build();
        TrainingRequest request = interrupted(made);
        PreprocessingSpec input = made.preprocessing();
        TrainingConfig other = made.toBuilder().optBatchSize(16).optPreprocessing(new PreprocessingSpec(64,
                input.channels(), input.resizeMode(), input.rangeMin(), input.rangeMax())).build();
        TrainingRequest resume = TrainingRequest.of(IMAGES, null, other, request.modelDirectory()).resuming();

        CheckpointConflictException conflict = catchThrowableOfType(CheckpointConflictException.class,
                () -> TrainingCheckpoint.startingPoint(resume, TrainingCheckpoint.fingerprint(other, IMAGES)));

        assertThat(conflict.message(new CommandLineTerms("train")))
                .contains("other settings: batchSize (--batch-size) 8 (now 16), preprocessing.imageSize"
                        + " (--image-size) " + input.imageSize() + " (now 64).")
                .contains("Resume with exactly the options of the interrupted run, only the learning rate may change");
    }

    @Test
    void aScheduleThatSpansTheRunNamesTheEpochsOption() throws IOException {
        TrainingConfig made = TrainingConfig.builder().optEpochs(5).optSchedule(LearningRateSchedule.COSINE).build();
        TrainingRequest request = interrupted(made);
        TrainingConfig longer = made.toBuilder().optEpochs(8).build();
        TrainingRequest resume = TrainingRequest.of(IMAGES, null, longer, request.modelDirectory()).resuming();

        CheckpointConflictException conflict = catchThrowableOfType(CheckpointConflictException.class,
                () -> TrainingCheckpoint.startingPoint(resume, TrainingCheckpoint.fingerprint(longer, IMAGES)));

        assertThat(conflict.message(new CommandLineTerms("train"))).contains("Resume with --epochs 5, or");
    }

    @Test
    void anInterruptedRunIsContinuedWithTheResumeOptionOfItsCommand() throws IOException {
        TrainingRequest request = interrupted(TrainingConfig.builder().optEpochs(5).build());

        CheckpointConflictException conflict = catchThrowableOfType(CheckpointConflictException.class,
                () -> TrainingCheckpoint.checkDiscardable(request.checkpointDirectory()));

        assertThat(conflict.message(new CommandLineTerms("train")))
                .contains("stopped after epoch 2 of 5").contains("Continue it with its options and --resume, or");
        assertThat(conflict.message(new CommandLineTerms("cross-validate")))
                .contains("Continue it with its options and cross-validate --resume, or");
    }

    @Test
    void theConfoundingAdviceNamesTheResizeOptionInsteadOfTheResizeMode() {
        XrayDataset data = new XrayDataset("two sources", List.of("covid", "normal"), List.of(
                new Sample(Path.of("c.png"), "covid", null, null, "archive-a"),
                new Sample(Path.of("n.png"), "normal", null, null, "archive-b")));
        String library = SourceConfounding.check(data).orElseThrow();

        assertThat(library).contains("ResizeMode.CENTER_CROP").doesNotContain("--resize");
        assertThat(CommandLineTerms.translate(library))
                .endsWith("keep the default --resize crop (stretch and pad leave the aspect ratio visible).")
                .doesNotContain("ResizeMode");
    }

    @Test
    void theInDistributionAdviceNamesTheDataOptions() {
        String library = new ExperimentWarning(ExperimentWarning.Kind.IN_DISTRIBUTION_TEST, "Every one of the 3"
                + " images comes from a source the model trained on.", ExperimentWarning.TEST_AN_UNSEEN_SOURCE)
                .message();

        assertThat(CommandLineTerms.translate(library)).contains("evaluate with --dataset or --data naming images of"
                + " a source the model did not train on").doesNotContain("ExperimentData")
                .doesNotContain("Provenance.trainingSources()");
    }

    @Test
    void dataSetErrorsNameTheDataAndLabelsOptions(@TempDir Path root) throws Exception {
        DatasetRegistry registry = DatasetRegistry.builder().optDataRoot(root).optDownloads(false).build();
        String unknown = assertThrows(IllegalArgumentException.class, () -> registry.folderOf("mine")).getMessage();
        String missing = assertThrows(DatasetException.class, () -> registry.ensure("seed")).getMessage();
        Files.createDirectories(root.resolve("cats"));
        String noClass = assertThrows(DatasetException.class,
                () -> registry.load(root, LabelMap.binary())).getMessage();

        assertThat(CommandLineTerms.translate(unknown)).contains("give its path instead (--data PATH)")
                .doesNotContain("LabelMap");
        assertThat(CommandLineTerms.translate(missing)).contains("or the --data PATH option) at the folder")
                .doesNotContain("optDataRoot");
        assertThat(CommandLineTerms.translate(noClass)).contains("take the folder names as classes instead (--labels folders)")
                .doesNotContain("LabelMap.identity()");
    }
}
