package io.cxr4j.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.cxr4j.core.data.Sample;
import io.cxr4j.core.data.XrayDataset;
import io.cxr4j.core.engine.Engines;
import io.cxr4j.core.inference.Prediction;
import io.cxr4j.core.inference.XrayClassifier;
import io.cxr4j.core.model.ModelDirectory;
import io.cxr4j.core.model.ModelManifest;
import io.cxr4j.core.split.SplitStrategy;
import io.cxr4j.core.split.Splits;
import io.cxr4j.core.split.TrainTestSplit;
import io.cxr4j.core.testing.SharedData;
import io.cxr4j.core.training.TrainingConfig;
import io.cxr4j.core.training.TrainingRequest;
import io.cxr4j.dataset.DatasetRegistry;
import io.cxr4j.dataset.LabelMap;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code cxr4j convert} in both directions for both architectures: a model trained for a few
 * epochs on the real seed images by one engine, converted to the other, gives the same class
 * probabilities on all 50 seed images to within 1e-4.
 */
class ConvertCommandTest {

    private static final double TOLERANCE = 1e-4;

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
        "pytorch, tensorflow, seed-vgg",
        "tensorflow, pytorch, seed-vgg"})
    void convertedModelGivesTheSameProbabilitiesOnEverySeedImage(String from, String to, String architecture)
            throws Exception {
        TrainTestSplit split = Splits.trainTest(seed, 0.3, 42, SplitStrategy.PATIENT);
        TrainingConfig config = TrainingConfig.builder().optArchitecture(architecture).optEpochs(2).build();
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
        // A network that says the same for every image would pass trivially.
        double[] covid = expected.stream().mapToDouble(p -> p.probability("covid")).toArray();
        assertThat(java.util.Arrays.stream(covid).max().orElseThrow() - java.util.Arrays.stream(covid).min()
                .orElseThrow()).as("spread of p(covid)").isGreaterThan(0.01);
    }
}
