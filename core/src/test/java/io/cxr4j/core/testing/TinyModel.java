package io.cxr4j.core.testing;

import io.cxr4j.core.data.Sample;
import io.cxr4j.core.data.XrayDataset;
import io.cxr4j.core.engine.CxrEngine;
import io.cxr4j.core.image.AugmentationSpec;
import io.cxr4j.core.image.PreprocessingSpec;
import io.cxr4j.core.image.ResizeMode;
import io.cxr4j.core.io.FileTrees;
import io.cxr4j.core.config.TrainingConfig;
import io.cxr4j.core.model.ModelDirectory;
import io.cxr4j.core.training.TrainingRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A small model trained once per engine and test JVM on 50 synthetic 48x48 images, for inference
 * tests that need a real trained network but not a good one.
 *
 * @param directory the model directory
 * @param images the images it was trained on
 */
public record TinyModel(Path directory, List<Path> images) {

    private static final Map<String, TinyModel> TRAINED = new ConcurrentHashMap<>();

    /**
     * The tiny model of an engine, trained on first use.
     *
     * @param engine the engine to train with
     * @return the model and its images
     */
    public static TinyModel of(CxrEngine engine) {
        return TRAINED.computeIfAbsent(engine.name(), name -> train(engine));
    }

    private static TinyModel train(CxrEngine engine) {
        try {
            Path root = Files.createTempDirectory("cxr4j-tiny-" + engine.name());
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
            engine.train(TrainingRequest.of(data, null, config, root.resolve("model")));
            return new TinyModel(root.resolve("model"), samples.stream().map(Sample::image).toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteQuietly(Path root) {
        try {
            FileTrees.deleteRecursively(root);
        } catch (IOException e) {
            // A leftover temporary folder is harmless; the JVM is exiting.
        }
    }
}
