package io.cxr4j.engine.pytorch;

import io.cxr4j.core.engine.CxrEngine;
import io.cxr4j.core.data.Sample;
import io.cxr4j.core.data.XrayDataset;
import io.cxr4j.core.image.PreprocessingSpec;
import io.cxr4j.core.image.ResizeMode;
import io.cxr4j.core.split.SplitStrategy;
import io.cxr4j.core.split.Splits;
import io.cxr4j.core.split.TrainTestSplit;
import io.cxr4j.core.config.TrainingConfig;
import io.cxr4j.core.training.TrainingRequest;
import io.cxr4j.core.training.TrainingResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The training run {@link ResumeTest} kills and resumes: DarkCovidNet on {@link SyntheticSquares}
 * at 32 px with augmentation and a validation part, as a program so that a child JVM can run it.
 */
final class ResumeRun {

    static final int EPOCHS = 8;

    private ResumeRun() {}

    /**
     * Trains, or resumes, one run.
     *
     * @param args the images' folder, the model folder, {@code resume} or {@code fresh}, and
     *     optionally the learning rate and the number of epochs
     * @throws IOException when training fails
     */
    public static void main(String[] args) throws IOException {
        double rate = args.length > 3 ? Double.parseDouble(args[3]) : 1e-3;
        int epochs = args.length > 4 ? Integer.parseInt(args[4]) : EPOCHS;
        train(Path.of(args[0]), Path.of(args[1]), "resume".equals(args[2]), rate, epochs);
    }

    static TrainingResult train(Path images, Path model, boolean resume, double learningRate, int epochs)
            throws IOException {
        TrainTestSplit split = Splits.trainTest(data(images), 0.2, 5, SplitStrategy.IMAGE);
        TrainingConfig config = TrainingConfig.builder().optEpochs(epochs).optBatchSize(8)
                .optLearningRate(learningRate).optSeed(17)
                .optPreprocessing(new PreprocessingSpec(32, 1, ResizeMode.STRETCH, 0f, 1f)).build();
        TrainingRequest request = TrainingRequest.of(split.train(), split.test(), config, model);
        return CxrEngine.of(new PyTorchEngineProvider()).train(resume ? request.resuming() : request);
    }

    /** The images {@link SyntheticSquares#write} wrote into a folder, read back. */
    private static XrayDataset data(Path images) throws IOException {
        try (Stream<Path> files = Files.list(images)) {
            List<Sample> samples = files.filter(f -> f.toString().endsWith(".png")).sorted()
                    .map(f -> Sample.of(f, f.getFileName().toString().startsWith("square") ? "square" : "plain"))
                    .toList();
            return new XrayDataset("squares", List.of("square", "plain"), samples);
        }
    }
}
