package io.cxr4j.engine.pytorch;

import static org.assertj.core.api.Assertions.assertThat;

import io.cxr4j.core.engine.CxrEngine;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import io.cxr4j.core.data.Sample;
import io.cxr4j.core.data.XrayDataset;
import io.cxr4j.core.image.PreprocessingSpec;
import io.cxr4j.core.image.ResizeMode;
import io.cxr4j.core.testing.SyntheticImages;
import io.cxr4j.core.config.TrainingConfig;
import io.cxr4j.core.training.TrainingRequest;
import io.cxr4j.core.training.TrainingResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The same seed, data and engine give the same weights; another seed gives other weights. */
class ReproducibilityTest {

    @TempDir
    static Path temp;

    private static XrayDataset data;

    @BeforeAll
    static void images() {
        List<Sample> samples = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            int edge = 8 + 2 * i;
            samples.add(Sample.of(SyntheticImages.writePng(SyntheticImages.gray8(48, 48,
                    (x, y, b) -> x > edge ? 210 : 30), temp.resolve("a" + i + ".png")), "a"));
            samples.add(Sample.of(SyntheticImages.writePng(SyntheticImages.gray8(48, 48,
                    (x, y, b) -> y > edge ? 210 : 30), temp.resolve("b" + i + ".png")), "b"));
        }
        data = new XrayDataset("repro", List.of("a", "b"), samples);
    }

    private static float[][] train(long seed, String name) throws Exception {
        TrainingConfig config = TrainingConfig.builder().optEpochs(3).optBatchSize(6).optSeed(seed)
                .optPreprocessing(new PreprocessingSpec(32, 1, ResizeMode.STRETCH, 0f, 1f)).build();
        TrainingResult result = CxrEngine.of(new PyTorchEngineProvider()).train(
                TrainingRequest.of(data, null, config, temp.resolve(name)));
        try (Model model = Model.newInstance("check", PyTorchEngine.DJL_ENGINE)) {
            model.setBlock(Architectures.build("darkcovidnet", 2));
            model.load(result.modelDirectory(), "darkcovidnet");
            List<float[]> weights = new ArrayList<>();
            for (Pair<String, Parameter> p : model.getBlock().getParameters()) {
                NDArray array = p.getValue().getArray();
                weights.add(array.toFloatArray());
            }
            return weights.toArray(new float[0][]);
        }
    }

    @Test
    void sameSeedSameWeightsOtherSeedOtherWeights() throws Exception {
        float[][] first = train(11, "first");
        float[][] second = train(11, "second");
        float[][] other = train(12, "other");
        double maxDifference = 0;
        double otherDifference = 0;
        for (int i = 0; i < first.length; i++) {
            for (int j = 0; j < first[i].length; j++) {
                maxDifference = Math.max(maxDifference, Math.abs(first[i][j] - second[i][j]));
                otherDifference = Math.max(otherDifference, Math.abs(first[i][j] - other[i][j]));
            }
        }
        assertThat(maxDifference).as("largest weight difference between two runs with seed 11").isLessThan(1e-6);
        assertThat(otherDifference).isGreaterThan(1e-3);
    }
}
