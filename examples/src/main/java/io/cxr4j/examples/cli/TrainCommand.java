package io.cxr4j.examples.cli;

import io.cxr4j.core.data.SourceConfounding;
import io.cxr4j.core.data.XrayDataset;
import io.cxr4j.core.engine.CxrEngine;
import io.cxr4j.core.engine.Engines;
import io.cxr4j.core.evaluation.EvaluationReport;
import io.cxr4j.core.image.AugmentationSpec;
import io.cxr4j.core.image.PreprocessingSpec;
import io.cxr4j.core.image.ResizeMode;
import io.cxr4j.core.inference.XrayClassifier;
import io.cxr4j.core.split.SplitStrategy;
import io.cxr4j.core.split.Splits;
import io.cxr4j.core.split.TrainTestSplit;
import io.cxr4j.core.training.ClassWeighting;
import io.cxr4j.core.training.LearningRateSchedule;
import io.cxr4j.core.training.TrainingConfig;
import io.cxr4j.core.training.TrainingRequest;
import io.cxr4j.core.training.TrainingResult;
import io.cxr4j.dataset.FolderDataset;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code cxr4j train}: split, train, evaluate on the held-out part, save model and report. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = {"Trains a classifier on a stratified training split, evaluates it on the held-out"
                + " test split and writes the model (<output>/model) and report (<output>/report.json).",
                "Defaults reproduce the seed project's protocol on DarkCovidNet: seed data set,"
                        + " 70/30 split, seed 42, 224x224, batch 8, 25 epochs, Adam 1e-3."})
final class TrainCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    DataOptions data;

    @Option(names = "--arch", defaultValue = TrainingConfig.DEFAULT_ARCHITECTURE,
            description = "Network: darkcovidnet or seed-vgg. Default: ${DEFAULT-VALUE}.")
    String architecture;

    @Option(names = "--engine", description = "Engine to train with (pytorch, tensorflow). Default: "
            + "-Dcxr4j.engine, CXR4J_ENGINE, else the only or the default engine on the classpath.")
    String engine;

    @Option(names = "--epochs", defaultValue = "25", description = "Default: ${DEFAULT-VALUE}.")
    int epochs;

    @Option(names = "--batch-size", defaultValue = "8", description = "Default: ${DEFAULT-VALUE}.")
    int batchSize;

    @Option(names = "--learning-rate", defaultValue = "0.001", description = "Adam. Default: ${DEFAULT-VALUE}.")
    double learningRate;

    @Option(names = "--schedule", defaultValue = "constant",
            description = "Learning-rate schedule: ${COMPLETION-CANDIDATES}. Default: ${DEFAULT-VALUE}.")
    LearningRateSchedule schedule;

    @Option(names = "--class-weights", defaultValue = "balanced",
            description = "Loss weighting: ${COMPLETION-CANDIDATES}. Default: ${DEFAULT-VALUE}.")
    ClassWeighting classWeights;

    @Option(names = "--image-size", defaultValue = "224", description = "Square input side. Default: ${DEFAULT-VALUE}.")
    int imageSize;

    @Option(names = "--channels", defaultValue = "1",
            description = "Input channels: 1 (gray) or 3 (gray repeated). Default: ${DEFAULT-VALUE}.")
    int channels;

    @Option(names = "--resize", defaultValue = "stretch",
            description = "How images become square: stretch (as the seed did), pad or crop (keep the"
                    + " aspect ratio, removing a shape shortcut). Default: ${DEFAULT-VALUE}.")
    String resize;

    @Option(names = "--no-augmentation", description = "Train without random rotation, zoom, shift,"
            + " brightness and contrast changes.")
    boolean noAugmentation;

    @Option(names = "--seed", defaultValue = "42", description = "Seeds split, weights, shuffling and"
            + " augmentation. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--test-fraction", defaultValue = "0.3", description = "Share held out per class."
            + " Default: ${DEFAULT-VALUE}.")
    double testFraction;

    @Option(names = "--split-by", description = "image (as the seed did) or patient (no patient on both"
            + " sides). Default: patient when the data set records patient ids, else image.")
    SplitStrategy splitBy;

    @Option(names = "--output", defaultValue = "runs/train", description = "Output folder. Default: ${DEFAULT-VALUE}.")
    Path output;

    @Option(names = "--resume", description = "Continue an interrupted run from its last checkpoint in"
            + " <output>/model.checkpoints; give the same options as the interrupted run.")
    boolean resume;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        FolderDataset loaded = data.load("seed", "binary");
        XrayDataset dataset = loaded.dataset();
        Console console = new Console(out);
        console.dataset(loaded);
        SourceConfounding.check(dataset).ifPresent(console::warning);

        SplitStrategy strategy = splitBy != null ? splitBy : SplitStrategy.defaultFor(dataset.hasPatientIds());
        TrainTestSplit split = Splits.trainTest(dataset, testFraction, seed, strategy);
        console.split(split, testFraction);

        TrainingConfig config = config();
        CxrEngine chosen = Engines.select(engine);
        out.printf("Training %s with the %s engine for %d epochs (batch %d, Adam %s, %s schedule)%n",
                config.architecture(), chosen.name(), config.epochs(), config.batchSize(),
                config.learningRate(), config.schedule().name().toLowerCase(Locale.ROOT));
        out.flush();
        Path modelDirectory = output.resolve("model");
        TrainingRequest request = TrainingRequest.of(split.train(), split.test(), config, modelDirectory);
        TrainingResult result = chosen.train(resume ? request.resuming() : request);
        console.history(result.history());

        EvaluationReport report;
        try (XrayClassifier classifier = XrayClassifier.load(modelDirectory, chosen)) {
            report = Evaluations.run(classifier, split.test(), config.batchSize());
        }
        console.evaluation(report, dataset.name());
        Path reportFile = RunReport.forTraining(spec.commandLine().getParseResult().originalArgs(),
                chosen.name(), loaded, split, result, report).write(output);
        out.printf("%nModel: %s%nReport: %s%n", modelDirectory.toAbsolutePath(), reportFile.toAbsolutePath());
        return 0;
    }

    private TrainingConfig config() {
        PreprocessingSpec preprocessing = new PreprocessingSpec(imageSize, channels, resizeMode(resize), 0f, 1f);
        return TrainingConfig.builder()
                .optArchitecture(architecture)
                .optEpochs(epochs)
                .optBatchSize(batchSize)
                .optLearningRate(learningRate)
                .optSchedule(schedule)
                .optClassWeighting(classWeights)
                .optSeed(seed)
                .optPreprocessing(preprocessing)
                .optAugmentation(noAugmentation ? AugmentationSpec.none() : AugmentationSpec.defaults())
                .build();
    }

    static ResizeMode resizeMode(String name) {
        return switch (name) {
            case "stretch" -> ResizeMode.STRETCH;
            case "pad" -> ResizeMode.PAD;
            case "crop" -> ResizeMode.CENTER_CROP;
            default -> throw new IllegalArgumentException("Unknown --resize '" + name + "'; use stretch, pad or crop.");
        };
    }
}
