package io.cxr4j.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;
import io.cxr4j.core.data.Sample;
import io.cxr4j.core.data.XrayDataset;
import io.cxr4j.core.engine.Engines;
import io.cxr4j.core.engine.GradCamModel;
import io.cxr4j.core.engine.InferenceModel;
import io.cxr4j.core.explain.HeatMap;
import io.cxr4j.core.image.PreprocessingSpec;
import io.cxr4j.core.image.Preprocessor;
import io.cxr4j.core.image.ResizeMode;
import io.cxr4j.core.data.Prediction;
import io.cxr4j.core.inference.XrayClassifier;
import io.cxr4j.core.model.ModelDirectory;
import io.cxr4j.core.model.ModelManifest;
import io.cxr4j.core.split.SplitStrategy;
import io.cxr4j.core.split.Splits;
import io.cxr4j.core.split.TrainTestSplit;
import io.cxr4j.core.testing.SharedData;
import io.cxr4j.core.config.TrainingConfig;
import io.cxr4j.core.training.TrainingRequest;
import io.cxr4j.dataset.DatasetRegistry;
import io.cxr4j.dataset.LabelMap;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code cxr4j convert} in both directions for both architectures: a model trained for a few
 * epochs on the real seed images by one engine, converted to the other, gives the same class
 * probabilities on all 50 seed images to within 1e-4, and Grad-CAM heat maps, each computed by its
 * own engine's gradients, whose Pearson correlation is at least 0.99 on every one of them.
 */
class ConvertCommandTest {

    private static final double TOLERANCE = 1e-4;
    private static final double MIN_HEAT_MAP_CORRELATION = 0.99;

    @TempDir
    static Path temp;

    private static XrayDataset seed;

    @BeforeAll
    static void loadSeed() throws Exception {
        SharedData.require("seed");
        seed = DatasetRegistry.create().load("seed", LabelMap.binary()).dataset();
    }

    @ParameterizedTest(name = "{2}: {0} to {1}")
    @CsvSource({
        "pytorch, tensorflow, darkcovidnet",
        "tensorflow, pytorch, darkcovidnet",
        "pytorch, tensorflow, darkcovidnet-gap",
        "tensorflow, pytorch, darkcovidnet-gap",
        "pytorch, tensorflow, seed-vgg",
        "tensorflow, pytorch, seed-vgg"})
    void convertedModelGivesTheSameProbabilitiesAndHeatMapsOnEverySeedImage(String from, String to,
            String architecture) throws Exception {
        TrainTestSplit split = Splits.trainTest(seed, 0.3, 42, SplitStrategy.PATIENT);
        // Stretched seed images carry the sources' aspect-ratio cue, which two epochs already pick up, so
        // the maps compared below are not empty; centre-cropped ones need more epochs to get there.
        TrainingConfig config = TrainingConfig.builder().optArchitecture(architecture).optEpochs(2)
                .optPreprocessing(new PreprocessingSpec(224, 1, ResizeMode.STRETCH, 0f, 1f)).build();
        Path source = temp.resolve(architecture + "-" + from);
        Engines.select(from).train(TrainingRequest.of(split.train(), null, config, source));
        Path converted = temp.resolve(architecture + "-" + from + "-to-" + to);

        Cxr4jCommandTest.Run run = Cxr4jCommandTest.cxr4j("convert", "--model", source.toString(), "--to", to,
                "--output", converted.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("from " + from + " to " + to);
        ModelManifest original = ModelDirectory.readManifest(source);
        ModelManifest manifest = ModelDirectory.readManifest(converted);
        assertThat(manifest.engine()).isEqualTo(to);
        assertThat(manifest.architecture()).isEqualTo(architecture);
        assertThat(manifest.classNames()).isEqualTo(original.classNames());
        assertThat(manifest.preprocessing()).isEqualTo(original.preprocessing());
        assertThat(manifest.provenance().engineVersion()).startsWithIgnoringCase(to);
        assertThat(manifest.provenance().conversions()).singleElement().satisfies(c -> {
            assertThat(c.fromEngine()).isEqualTo(from);
            assertThat(c.fromEngineVersion()).isEqualTo(original.provenance().engineVersion());
            assertThat(c.fromModel()).isEqualTo(source.toAbsolutePath().normalize().toString());
            assertThat(c.fromModelSha256()).hasSize(64);
        });
        assertThat(original.provenance().conversions()).isEmpty();

        List<Path> images = seed.samples().stream().map(Sample::image).toList();
        List<Prediction> expected;
        List<Prediction> actual;
        try (XrayClassifier a = XrayClassifier.load(source); XrayClassifier b = XrayClassifier.load(converted)) {
            expected = a.predictAll(images).predictions();
            actual = b.predictAll(images).predictions();
        }
        assertThat(expected).hasSize(50);
        assertThat(actual).hasSize(50);
        double largest = 0;
        for (int i = 0; i < images.size(); i++) {
            float[] p = expected.get(i).probabilityArray();
            float[] q = actual.get(i).probabilityArray();
            for (int c = 0; c < p.length; c++) {
                largest = Math.max(largest, Math.abs(p[c] - q[c]));
            }
        }
        System.out.printf("%s %s to %s: largest probability difference %.3g over 50 seed images%n",
                architecture, from, to, largest);
        assertThat(largest).as("largest probability difference over 50 images").isLessThanOrEqualTo(TOLERANCE);
        // Each engine's own Grad-CAM, at the last block's resolution, of the same class on both sides,
        // even where the two engines' probabilities straddle 0.5.
        Preprocessor preprocessor = new Preprocessor(original.preprocessing());
        List<float[]> tensors = new ArrayList<>();
        for (Path image : images) {
            tensors.add(preprocessor.preprocess(image));
        }
        int[] classes = expected.stream().mapToInt(Prediction::predictedIndex).toArray();
        List<HeatMap> sourceMaps = gradCams(original, source, tensors, classes);
        List<HeatMap> convertedMaps = gradCams(manifest, converted, tensors, classes);
        double[] correlations = new double[images.size()];
        int empty = 0;
        for (int i = 0; i < images.size(); i++) {
            HeatMap a = sourceMaps.get(i);
            HeatMap b = convertedMaps.get(i);
            // Where no region supports the class, the ReLU leaves an all-zero map, whose correlation
            // is undefined: both engines must then agree that it is empty, exactly.
            boolean bothEmpty = a.max() == 0f && b.max() == 0f;
            empty += bothEmpty ? 1 : 0;
            correlations[i] = bothEmpty ? 1 : pearson(a, b);
        }
        double[] sorted = Arrays.stream(correlations).sorted().toArray();
        System.out.printf("%s %s to %s: heat-map Pearson correlation over 50 seed images min %.8f, median %.8f"
                + " (%d maps empty on both engines, counted as 1)%n", architecture, from, to, sorted[0],
                (sorted[24] + sorted[25]) / 2, empty);
        // Negated so that an undefined correlation (one map constant, the other not) fails too.
        assertThat(Arrays.stream(correlations).filter(r -> !(r >= MIN_HEAT_MAP_CORRELATION)).toArray())
                .as("heat-map correlations below %s or undefined", MIN_HEAT_MAP_CORRELATION).isEmpty();
        assertThat(empty).as("images whose heat maps are empty on both engines").isLessThan(images.size() / 2);
        // A network that says the same for every image would pass trivially.
        double[] covid = expected.stream().mapToDouble(p -> p.probability("covid")).toArray();
        assertThat(Arrays.stream(covid).max().orElseThrow() - Arrays.stream(covid).min()
                .orElseThrow()).as("spread of p(covid)").isGreaterThan(0.01);
    }

    private static List<HeatMap> gradCams(ModelManifest manifest, Path directory, List<float[]> tensors,
            int[] classes) throws Exception {
        try (InferenceModel model = Engines.select(manifest.engine()).load(manifest, directory)) {
            List<HeatMap> maps = new ArrayList<>();
            for (int i = 0; i < tensors.size(); i++) {
                maps.add(((GradCamModel) model).gradCam(tensors.get(i), classes[i]).map());
            }
            return maps;
        }
    }

    /** Pearson's r of two maps of the same size; NaN when either is constant. */
    private static double pearson(HeatMap x, HeatMap y) {
        float[] a = x.values();
        float[] b = y.values();
        assertThat(b).hasSameSizeAs(a);
        double meanA = 0;
        double meanB = 0;
        for (int i = 0; i < a.length; i++) {
            meanA += a[i];
            meanB += b[i];
        }
        meanA /= a.length;
        meanB /= b.length;
        double covariance = 0;
        double varianceA = 0;
        double varianceB = 0;
        for (int i = 0; i < a.length; i++) {
            covariance += (a[i] - meanA) * (b[i] - meanB);
            varianceA += (a[i] - meanA) * (a[i] - meanA);
            varianceB += (b[i] - meanB) * (b[i] - meanB);
        }
        return covariance / Math.sqrt(varianceA * varianceB);
    }
}
