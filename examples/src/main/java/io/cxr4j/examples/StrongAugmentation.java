package io.cxr4j.examples;

import io.cxr4j.core.config.ClassWeighting;
import io.cxr4j.core.config.LearningRateSchedule;
import io.cxr4j.core.config.TrainingConfig;
import io.cxr4j.core.engine.Engines;
import io.cxr4j.core.image.AugmentationSpec;
import io.cxr4j.core.image.IntensityTransform;
import io.cxr4j.core.image.PreprocessingSpec;
import io.cxr4j.core.image.ResizeMode;
import io.cxr4j.dataset.DatasetRegistry;
import io.cxr4j.dataset.LabelMap;
import io.cxr4j.experiment.ExperimentData;
import io.cxr4j.experiment.TrainTestExperiment;
import java.nio.file.Path;
import java.util.List;

/**
 * The stronger-augmentation variant of docs/external-validity.md, through the library API (the
 * command line offers the default ranges or none): `train --dataset darkcovidnet --labels binary
 * --test-fraction 0.2` with the README's 128 px recipe, but rotation up to 20 degrees, zoom and
 * shift up to 20%, brightness and contrast up to 40%.
 *
 * <pre>
 * java -Dai.djl.offline=true -cp 'examples/target/cxr4j.jar:examples/target/lib/*' \
 *     io.cxr4j.examples.StrongAugmentation tensorflow|pytorch none|equalize|clahe OUTPUT_FOLDER
 * </pre>
 * then `cxr4j evaluate --model OUTPUT_FOLDER/model ...` as for the other variants.
 */
public final class StrongAugmentation {

    private StrongAugmentation() {}

    /**
     * Trains and tests the variant.
     *
     * @param args the engine, the intensity transform and the output folder
     * @throws Exception when the data, the training or the report fail
     */
    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            System.err.println("usage: StrongAugmentation tensorflow|pytorch none|equalize|clahe OUTPUT_FOLDER");
            System.exit(2);
        }
        IntensityTransform intensity = switch (args[1]) {
            case "none" -> IntensityTransform.NONE;
            case "equalize" -> IntensityTransform.HISTOGRAM_EQUALIZATION;
            case "clahe" -> IntensityTransform.CLAHE;
            default -> throw new IllegalArgumentException("intensity must be none, equalize or clahe: " + args[1]);
        };
        TrainingConfig config = TrainingConfig.builder()
                .optArchitecture("darkcovidnet")
                .optEpochs(60)
                .optBatchSize(32)
                .optLearningRate(0.003)
                .optWeightDecay(0.0005)
                .optSchedule(LearningRateSchedule.COSINE)
                .optClassWeighting(ClassWeighting.BALANCED)
                .optSeed(42)
                .optPreprocessing(new PreprocessingSpec(128, 1, ResizeMode.CENTER_CROP, 0f, 1f).withIntensity(intensity))
                .optAugmentation(new AugmentationSpec(20, 0.2, 0.2, 0.4, 0.4))
                .build();
        ExperimentData data = ExperimentData.of(DatasetRegistry.create().load("darkcovidnet", LabelMap.binary()));
        Path output = Path.of(args[2]);
        TrainTestExperiment.builder(data, config, output)
                .optEngine(Engines.select(args[0]))
                .optTestFraction(0.2)
                .optArguments(List.of(args))
                .build().run().writeTo(output);
        System.out.println("Model and report in " + output.toAbsolutePath());
    }
}
