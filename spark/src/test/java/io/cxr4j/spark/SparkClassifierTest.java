package io.cxr4j.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.cxr4j.core.data.Sample;
import io.cxr4j.core.data.XrayDataset;
import io.cxr4j.core.engine.Engines;
import io.cxr4j.core.explain.Explanation;
import io.cxr4j.core.explain.NpyFiles;
import io.cxr4j.core.metrics.EvaluationReport;
import io.cxr4j.core.metrics.Evaluator;
import io.cxr4j.core.image.PreprocessingSpec;
import io.cxr4j.core.data.BatchPredictions;
import io.cxr4j.core.data.Prediction;
import io.cxr4j.core.inference.XrayClassifier;
import io.cxr4j.core.testing.SharedData;
import io.cxr4j.core.config.TrainingConfig;
import io.cxr4j.core.training.TrainingRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Set;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Spark in local mode, end to end on the seed set: the predictions and the evaluation equal those
 * of one {@link XrayClassifier} in this JVM, for both engines.
 */
class SparkClassifierTest {

    @TempDir
    static Path temp;

    static SparkSession spark;
    static Map<String, Path> models = new HashMap<>();
    static XrayDataset seed;

    @BeforeAll
    static void trainAndStart() throws IOException {
        Path seedFolder = SharedData.require("seed");
        seed = folderDataset(seedFolder);
        TrainingConfig config = TrainingConfig.builder().optEpochs(1)
                .optPreprocessing(PreprocessingSpec.defaults().withImageSize(32)).build();
        for (String engine : List.of("pytorch", "tensorflow")) {
            Path model = temp.resolve("model-" + engine);
            Engines.discover().require(engine).train(TrainingRequest.of(seed, seed, config, model));
            models.put(engine, model);
        }
        // Two threads, and a task may fail once: Spark retries it, as a cluster would.
        spark = SparkTests.session("local[2,2]");
    }

    @AfterAll
    static void stop() {
        if (spark != null) {
            spark.stop();
        }
    }

    /** The seed folder as cxr4j's folder loader would label it: the class folder's name. */
    static XrayDataset folderDataset(Path folder) throws IOException {
        List<Sample> samples = new ArrayList<>();
        try (Stream<Path> files = Files.walk(folder)) {
            files.filter(Files::isRegularFile).filter(f -> !f.getParent().equals(folder)).sorted()
                    .forEach(f -> samples.add(Sample.of(f, f.getParent().getFileName().toString())));
        }
        return new XrayDataset("seed", List.of("covid", "normal"), samples);
    }

    @ParameterizedTest
    @ValueSource(strings = {"pytorch", "tensorflow"})
    void predictionsEqualOneJvmClassifier(String engine) throws IOException {
        SparkClassifier classifier = SparkClassifier.builder(spark, models.get(engine)).optBatchSize(4).build();
        List<Row> rows = classifier.predict(ImageTables.folder(spark, SharedData.require("seed").toString()))
                .collectAsList();

        List<Path> images = seed.samples().stream().map(Sample::image).toList();
        try (XrayClassifier local = XrayClassifier.load(models.get(engine))) {
            BatchPredictions expected = local.predictAll(images);
            assertThat(expected.skipped()).isEmpty();
            // metadata.csv lies beside the class folders: a row with its problem, not a lost file.
            assertThat(rows).hasSize(images.size() + 1);
            Map<String, Row> byPath = new HashMap<>();
            rows.forEach(r -> byPath.put(Path.of(java.net.URI.create(r.getAs(ImageTables.PATH))).toString(), r));
            for (Prediction prediction : expected.predictions()) {
                Row row = byPath.get(prediction.image().toString());
                assertThat(row).as(prediction.image().toString()).isNotNull();
                assertThat(row.<String>getAs(PredictionTable.PROBLEM_KIND)).isNull();
                assertThat(row.<String>getAs(PredictionTable.PREDICTION)).isEqualTo(prediction.label());
                assertThat(row.<String>getAs(ImageTables.LABEL)).isEqualTo(
                        prediction.image().getParent().getFileName().toString());
                for (String c : local.classNames()) {
                    assertThat(row.<Double>getAs(PredictionTable.probabilityColumn(c)))
                            .isCloseTo(prediction.probability(c), within(1e-6));
                }
            }
            Row beside = byPath.get(SharedData.require("seed/metadata.csv").toString());
            assertThat(beside.<String>getAs(PredictionTable.PROBLEM_KIND)).isEqualTo("NOT_AN_IMAGE");
            assertThat(beside.<String>getAs(ImageTables.LABEL)).isNull();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"pytorch", "tensorflow"})
    void evaluationEqualsOneJvmEvaluation(String engine) throws IOException {
        SparkClassifier classifier = SparkClassifier.builder(spark, models.get(engine)).build();
        EvaluationReport distributed = classifier.evaluate(
                ImageTables.folder(spark, SharedData.require("seed").toString()).repartition(3), "seed");
        try (XrayClassifier local = XrayClassifier.load(models.get(engine))) {
            EvaluationReport expected = Evaluator.evaluate(local, seed);
            assertThat(distributed.evaluation().confusionMatrix()).isEqualTo(expected.evaluation().confusionMatrix());
            assertThat(distributed.evaluation().macroRocAuc())
                    .isCloseTo(expected.evaluation().macroRocAuc(), within(1e-9));
            assertThat(distributed.evaluation().testSize()).isEqualTo(seed.samples().size());
            assertThat(distributed.skipped()).singleElement()
                    .satisfies(s -> assertThat(s.image().toString()).endsWith("seed/metadata.csv"));
        }
    }

    @Test
    void badFilesBecomeProblemRowsAndTheJobFinishes() throws IOException {
        Path folder = temp.resolve("mixed");
        Path covid = Files.createDirectories(folder.resolve("covid"));
        Path normal = Files.createDirectories(folder.resolve("normal"));
        List<Path> good = seed.samples().stream().map(Sample::image).limit(3).toList();
        for (Path image : good) {
            Files.copy(image, covid.resolve(image.getFileName()));
        }
        Files.write(normal.resolve("empty.png"), new byte[0]);
        Files.writeString(normal.resolve("notes.txt"), "not an image");
        byte[] jpeg = Files.readAllBytes(good.get(0));
        Files.write(normal.resolve("truncated.jpg"), java.util.Arrays.copyOf(jpeg, jpeg.length / 3));
        Files.write(normal.resolve("corrupt.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 1, 2, 3});

        SparkClassifier classifier = SparkClassifier.builder(spark, models.get("pytorch")).optBatchSize(2).build();
        List<Row> rows = classifier.predict(ImageTables.folder(spark, folder.toString())).collectAsList();

        assertThat(rows).hasSize(7);
        Map<String, Row> byName = new HashMap<>();
        rows.forEach(r -> byName.put(Path.of(java.net.URI.create(r.getAs(ImageTables.PATH))).getFileName().toString(), r));
        for (Path image : good) {
            assertThat(byName.get(image.getFileName().toString()).<String>getAs(PredictionTable.PREDICTION)).isNotNull();
        }
        assertThat(byName.get("empty.png").<String>getAs(PredictionTable.PROBLEM_KIND)).isEqualTo("EMPTY_FILE");
        assertThat(byName.get("notes.txt").<String>getAs(PredictionTable.PROBLEM_KIND)).isEqualTo("NOT_AN_IMAGE");
        assertThat(byName.get("truncated.jpg").<String>getAs(PredictionTable.PROBLEM_KIND)).isNotNull();
        assertThat(byName.get("corrupt.png").<String>getAs(PredictionTable.PROBLEM_KIND)).isNotNull();
        for (String bad : List.of("empty.png", "notes.txt", "truncated.jpg", "corrupt.png")) {
            Row row = byName.get(bad);
            assertThat(row.<String>getAs(PredictionTable.PREDICTION)).isNull();
            assertThat(row.<String>getAs(PredictionTable.PROBLEM)).as(bad).isNotBlank().doesNotContain("cxr4j-spark-");
        }
    }

    @Test
    void manifestListsPathsRelativeToItAndReportsMissingFiles() throws IOException {
        Path folder = temp.resolve("listed");
        Files.createDirectories(folder);
        Path image = seed.samples().get(0).image();
        Files.copy(image, folder.resolve("a.jpg"));
        Files.writeString(folder.resolve("list.csv"), "path,label,patient_id,view,source\n"
                + "a.jpg,covid,p1,PA,ieee8023\n"
                + "missing.jpg,normal,p2,AP,kermany\n"
                + image + ",covid,p3,,\n");

        SparkClassifier classifier = SparkClassifier.builder(spark, models.get("pytorch")).build();
        List<Row> rows = classifier.predict(ImageTables.manifest(spark, folder.resolve("list.csv").toString()))
                .orderBy(ImageTables.PATH).collectAsList();

        assertThat(rows).hasSize(3);
        Row listed = rows.stream().filter(r -> r.<String>getAs(ImageTables.PATH).endsWith("a.jpg")).findFirst()
                .orElseThrow();
        assertThat(listed.<String>getAs(ImageTables.SOURCE)).isEqualTo("ieee8023");
        assertThat(listed.<String>getAs(ImageTables.PATIENT_ID)).isEqualTo("p1");
        assertThat(listed.<String>getAs(PredictionTable.PREDICTION)).isNotNull();
        Row missing = rows.stream().filter(r -> r.<String>getAs(ImageTables.PATH).endsWith("missing.jpg"))
                .findFirst().orElseThrow();
        assertThat(missing.<String>getAs(PredictionTable.PROBLEM_KIND)).isEqualTo("NOT_FOUND");
        assertThat(missing.<String>getAs(PredictionTable.PROBLEM)).contains("missing.jpg");
    }

    @Test
    void explainWritesTheHeatMapsOfAListedSubsetAsTheLibraryComputesThemWithARowPerImage() throws IOException {
        Path folder = temp.resolve("to-explain");
        Path covid = Files.createDirectories(folder.resolve("covid"));
        Path normal = Files.createDirectories(folder.resolve("normal"));
        Path first = seed.samples().get(0).image();
        Path second = seed.samples().get(1).image();
        Files.copy(first, covid.resolve("same-name.jpg"));
        Files.copy(second, normal.resolve("same-name.jpg"));
        Files.copy(first, covid.resolve("not-listed.jpg"));
        Files.write(normal.resolve("corrupt.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 1, 2, 3});
        Path output = temp.resolve("explained");
        Dataset<Row> table = ImageTables.folder(spark, folder.toString()).repartition(2);
        List<String> listed = List.of(covid.resolve("same-name.jpg").toString(),
                normal.resolve("../normal/same-name.jpg").toString(), normal.resolve("corrupt.png").toUri().toString());

        SparkClassifier classifier = SparkClassifier.builder(spark, models.get("pytorch")).build();
        List<Row> rows = classifier.explain(ImageTables.listed(table, listed), output.toString()).collectAsList();

        assertThat(rows).hasSize(3);
        Map<String, Row> byPath = new HashMap<>();
        rows.forEach(r -> byPath.put(ImageTables.sameFile(r.getAs(ImageTables.PATH)), r));
        assertThat(byPath.get(normal.resolve("corrupt.png").toString()).<String>getAs(PredictionTable.PROBLEM_KIND))
                .isNotNull();
        Set<String> overlays = new HashSet<>();
        try (XrayClassifier local = XrayClassifier.load(models.get("pytorch"))) {
            for (Path image : List.of(covid.resolve("same-name.jpg"), normal.resolve("same-name.jpg"))) {
                Row row = byPath.get(image.toString());
                Explanation expected = local.explain(image);
                assertThat(row.<String>getAs(PredictionTable.PROBLEM_KIND)).isNull();
                assertThat(row.<String>getAs(PredictionTable.PREDICTION)).isEqualTo(expected.prediction().label());
                assertThat(row.<String>getAs(ExplanationTable.EXPLAINED_CLASS)).isEqualTo(expected.className());
                assertThat(row.<Double>getAs(ExplanationTable.HEAT_MAP_MAX)).isCloseTo(expected.max(), within(1e-6));
                Path overlay = Path.of(java.net.URI.create(row.getAs(ExplanationTable.OVERLAY)));
                Path heatMap = Path.of(java.net.URI.create(row.getAs(ExplanationTable.HEAT_MAP)));
                assertThat(overlay.getParent()).isEqualTo(output);
                java.awt.image.BufferedImage png = javax.imageio.ImageIO.read(overlay.toFile());
                java.awt.image.BufferedImage original = javax.imageio.ImageIO.read(image.toFile());
                assertThat(png.getWidth()).as("the overlay is at least the X-ray's width, with its colour bar")
                        .isGreaterThanOrEqualTo(original.getWidth());
                Path expectedMap = temp.resolve("expected-" + overlays.size() + ".npy");
                NpyFiles.write(expected.inputHeatMap(), expectedMap);
                float[] written = floats(heatMap);
                float[] computed = floats(expectedMap);
                assertThat(written).hasSameSizeAs(computed);
                for (int i = 0; i < computed.length; i++) {
                    assertThat(written[i]).isCloseTo(computed[i], within(1e-5f));
                }
                overlays.add(overlay.getFileName().toString());
            }
        }
        assertThat(overlays).as("two images of one name get two files").hasSize(2);
    }

    @Test
    void aListedImageThatIsNotInTheTableIsRefused() {
        Dataset<Row> table = ImageTables.folder(spark, SharedData.require("seed").toString());
        assertThatThrownBy(() -> ImageTables.listed(table, List.of(temp.resolve("elsewhere.png").toString())))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("elsewhere.png")
                .hasMessageContaining("1 of the 1 listed images are not in the image table");
    }

    /** The float32 values of a little-endian .npy file, after its header. */
    private static float[] floats(Path npy) throws IOException {
        byte[] bytes = Files.readAllBytes(npy);
        java.nio.ByteBuffer buffer = java.nio.ByteBuffer.wrap(bytes).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        int headerLength = buffer.getShort(8) & 0xffff;
        buffer.position(10 + headerLength);
        float[] values = new float[buffer.remaining() / 4];
        buffer.asFloatBuffer().get(values);
        return values;
    }

    @Test
    void aTaskThatFailsOnceIsRetriedAndEveryImageIsWrittenExactlyOnce() throws IOException {
        Path output = temp.resolve("retried");
        Dataset<Row> images = ImageTables.folder(spark, SharedData.require("seed").toString()).repartition(3);
        Dataset<Row> flaky = images.map(new FailFirstAttempt(), images.encoder());
        SparkClassifier classifier = SparkClassifier.builder(spark, models.get("pytorch")).optBatchSize(8).build();

        classifier.predict(flaky).write().parquet(output.toString());

        List<Row> written = spark.read().parquet(output.toString()).collectAsList();
        assertThat(written).hasSize(seed.samples().size() + 1);
        assertThat(written.stream().map(r -> r.<String>getAs(ImageTables.PATH)).distinct()).hasSize(written.size());
        assertThat(FailFirstAttempt.failures()).as("the injected failure happened").isPositive();
    }

    /** Fails the first attempt of partition 0 once it has passed a few rows downstream. */
    static final class FailFirstAttempt implements org.apache.spark.api.java.function.MapFunction<Row, Row> {
        private static final java.util.concurrent.atomic.AtomicInteger FAILURES = new java.util.concurrent.atomic.AtomicInteger();
        private int seen;

        static int failures() {
            return FAILURES.get();
        }

        @Override
        public Row call(Row row) {
            org.apache.spark.TaskContext task = org.apache.spark.TaskContext.get();
            if (task.partitionId() == 0 && task.attemptNumber() == 0 && ++seen == 9) {
                FAILURES.incrementAndGet();
                throw new IllegalStateException("injected failure of the first attempt");
            }
            return row;
        }
    }
}
