package io.cxr4j.engine.pytorch;

import io.cxr4j.core.data.Sample;
import io.cxr4j.core.data.XrayDataset;
import io.cxr4j.core.image.AugmentationSpec;
import io.cxr4j.core.image.PreprocessingSpec;
import io.cxr4j.core.image.ResizeMode;
import io.cxr4j.core.testing.SyntheticImages;
import io.cxr4j.core.training.TrainingConfig;
import io.cxr4j.core.training.TrainingRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A small model trained once per test JVM on synthetic images, for inference tests. */
final class TinyModel {

    private static Path directory;
    private static List<Path> images;

    private TinyModel() {}

    static synchronized Path directory() {
        if (directory == null) {
            train();
        }
        return directory;
    }

    static synchronized List<Path> images() {
        directory();
        return images;
    }

    private static void deleteQuietly(Path root) {
        try {
            io.cxr4j.core.model.ModelDirectory.deleteRecursively(root);
        } catch (IOException e) {
            // A leftover temporary folder is harmless; the JVM is exiting.
        }
    }

    private static void train() {
        try {
            Path root = Files.createTempDirectory("cxr4j-tiny-model");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteQuietly(root)));
            List<Sample> samples = new ArrayList<>();
            for (int i = 0; i < 25; i++) {
                int edge = 10 + i;
                samples.add(Sample.of(SyntheticImages.writePng(SyntheticImages.gray8(48, 48,
                        (x, y, b) -> x > edge ? 200 : 40 + (x * y) % 13), root.resolve("a" + i + ".png")), "a"));
                samples.add(Sample.of(SyntheticImages.writePng(SyntheticImages.gray8(48, 48,
                        (x, y, b) -> y > edge ? 200 : 40 + (x + y) % 11), root.resolve("b" + i + ".png")), "b"));
            }
            XrayDataset data = new XrayDataset("tiny", List.of("a", "b"), samples);
            TrainingConfig config = TrainingConfig.builder().optEpochs(3)
                    .optPreprocessing(new PreprocessingSpec(32, 1, ResizeMode.STRETCH, 0f, 1f))
                    .optAugmentation(AugmentationSpec.none()).build();
            new PyTorchEngine().train(TrainingRequest.of(data, null, config, root.resolve("model")));
            images = samples.stream().map(Sample::image).toList();
            directory = root.resolve("model");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
