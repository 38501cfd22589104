package io.cxr4j.engine.pytorch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.cxr4j.core.engine.CxrEngine;
import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.GradientCollector;
import io.cxr4j.core.data.Sample;
import io.cxr4j.core.engine.KnownAnswer;
import io.cxr4j.core.engine.KnownAnswerException;
import io.cxr4j.core.data.XrayDataset;
import io.cxr4j.core.image.AugmentationSpec;
import io.cxr4j.core.image.PreprocessingSpec;
import io.cxr4j.core.image.ResizeMode;
import io.cxr4j.core.data.BatchPredictions;
import io.cxr4j.core.data.Prediction;
import io.cxr4j.core.inference.XrayClassifier;
import io.cxr4j.core.platform.CpuInfo;
import io.cxr4j.core.split.SplitStrategy;
import io.cxr4j.core.split.Splits;
import io.cxr4j.core.split.TrainTestSplit;
import io.cxr4j.core.config.Precision;
import io.cxr4j.core.training.EpochResult;
import io.cxr4j.core.config.TrainingConfig;
import io.cxr4j.core.training.TrainingRequest;
import io.cxr4j.core.training.TrainingResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * bfloat16 mixed-precision training computes in bfloat16 and, where libtorch's bfloat16 kernels
 * compute correctly on this processor, learns and writes ordinary float32 models; where they do
 * not, it is refused before anything is trained. Which of the two happens depends on the
 * processor (libtorch 2.7.1's bfloat16 convolutions err by 67% on an AMD Zen 5, by 0.4% on a
 * Zen 4), so each test measures the error itself and checks that the engine agrees; on every
 * processor one of the two outcomes is asserted in full.
 */
class BfloatTrainingTest {

    /**
     * bfloat16 keeps 8 significant bits: a correct convolution errs by about 2^-9 of its values, and
     * float32 (24 bits) would be a million times closer.
     */
    private static final double BFLOAT16_ROUNDING = 2e-2;

    @TempDir
    Path temp;

    @Test
    void autocastComputesConvolutionsInBfloat16AndTheEnginesVerdictAgreesWithTheMeasuredError() {
        PyTorchEngine.djlEngine();
        double error;
        try (NDManager manager = NDManager.newBaseManager(Device.cpu(), PyTorchEngine.DJL_ENGINE)) {
            NDArray input = manager.randomUniform(0, 1, new Shape(2, 1, 8, 8));
            NDArray weight = manager.randomUniform(-1, 1, new Shape(4, 1, 3, 3));
            weight.setRequiresGradient(true);
            try (GradientCollector collector = Engine.getEngine(PyTorchEngine.DJL_ENGINE).newGradientCollector()) {
                NDArray output;
                try (CpuAutocast.Scope autocast = CpuAutocast.open()) {
                    output = Conv2d.conv2d(input, weight).singletonOrThrow();
                }
                // DJL 0.36 names libtorch's bfloat16 "unknown"; the rounding below shows what it is.
                assertThat(output.getDataType()).isNotEqualTo(DataType.FLOAT32);
                NDArray promoted = output.mul(manager.ones(new Shape(1)));
                assertThat(promoted.getDataType()).isEqualTo(DataType.FLOAT32);
                float[] exact = Conv2d.conv2d(input, weight).singletonOrThrow().toFloatArray();
                float[] rounded = promoted.toFloatArray();
                double largestError = 0;
                double largestValue = 0;
                for (int i = 0; i < exact.length; i++) {
                    largestError = Math.max(largestError, Math.abs(rounded[i] - exact[i]));
                    largestValue = Math.max(largestValue, Math.abs(exact[i]));
                }
                error = largestError / largestValue;
                collector.backward(promoted.sum());
            }
            NDArray gradient = weight.getGradient();
            assertThat(gradient.getDataType()).isEqualTo(DataType.FLOAT32);
            assertThat(gradient.abs().sum().getFloat()).isGreaterThan(0f);
            // Closed scope: float32 again on this thread.
            assertThat(Conv2d.conv2d(input, weight).singletonOrThrow().getDataType()).isEqualTo(DataType.FLOAT32);
        }

        // Rounded at all: the scope computed in a narrower format, correctly or not.
        assertThat(error).isGreaterThan(1e-4);
        KnownAnswer.Verdict verdict = PyTorchKnownAnswer.measure(Precision.BFLOAT16);
        assertThat(verdict.accurate())
                .as("measured error %.4f of a bfloat16 convolution on %s; engine's verdict: %s", error,
                        CpuInfo.current().describe(), verdict.describe())
                .isEqualTo(error <= BFLOAT16_ROUNDING);
    }

    @Test
    void aBfloat16RunEitherLearnsAndSavesAFloat32ModelOrIsRefusedBeforeTraining() throws IOException {
        List<Sample> samples = SyntheticSquares.write(temp);
        TrainTestSplit split = Splits.trainTest(new XrayDataset("squares", List.of("square", "plain"), samples),
                0.25, 1, SplitStrategy.IMAGE);
        TrainingConfig config = TrainingConfig.builder()
                .optEpochs(8)
                .optBatchSize(8)
                .optPreprocessing(new PreprocessingSpec(32, 1, ResizeMode.STRETCH, 0f, 1f))
                .optAugmentation(AugmentationSpec.none())
                .optPrecision(Precision.BFLOAT16)
                .build();
        Path modelDirectory = temp.resolve("run/model");
        TrainingRequest request = TrainingRequest.of(split.train(), split.test(), config, modelDirectory);
        CxrEngine engine = CxrEngine.of(new PyTorchEngineProvider());

        if (!PyTorchKnownAnswer.measure(Precision.BFLOAT16).accurate()) {
            assertThatThrownBy(() -> engine.train(request))
                    .isInstanceOf(KnownAnswerException.class)
                    .hasMessageContaining("cpu family " + CpuInfo.current().family())
                    .hasMessageContaining("FLOAT32")
                    .hasMessageContaining("Nothing was trained");
            assertThat(modelDirectory).doesNotExist();
            assertThat(Files.exists(request.checkpointDirectory())).isFalse();
            return;
        }

        TrainingResult result = engine.train(request);

        // The regression this guards against: a bfloat16 run finishing on NaN losses or at chance.
        for (EpochResult epoch : result.history().epochs()) {
            assertThat(epoch.trainLoss()).isFinite();
        }
        assertThat(result.manifest().training().precision()).isEqualTo(Precision.BFLOAT16);
        assertThat(result.history().last().trainLoss()).isLessThan(result.history().epochs().get(0).trainLoss() * 0.5);
        List<Prediction> inMemory = result.validationPredictions();
        long correct = inMemory.stream()
                .filter(p -> p.image().getFileName().toString().startsWith(p.label()))
                .count();
        assertThat(correct).isGreaterThanOrEqualTo(Math.round(0.9 * inMemory.size()));
        try (XrayClassifier classifier = XrayClassifier.load(result.modelDirectory())) {
            BatchPredictions reloaded = classifier.predictAll(inMemory.stream().map(Prediction::image).toList());
            for (int i = 0; i < inMemory.size(); i++) {
                for (int c = 0; c < 2; c++) {
                    assertThat(reloaded.predictions().get(i).probabilities().get(c))
                            .isCloseTo(inMemory.get(i).probabilities().get(c), within(1e-5));
                }
            }
        }
    }
}
