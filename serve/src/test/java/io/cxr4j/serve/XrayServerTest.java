package io.cxr4j.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.cxr4j.core.data.Sample;
import io.cxr4j.core.data.XrayDataset;
import io.cxr4j.core.engine.Engines;
import io.cxr4j.core.explain.Explanation;
import io.cxr4j.core.image.GrayImage;
import io.cxr4j.core.image.ImageDecoder;
import io.cxr4j.core.image.PreprocessingSpec;
import io.cxr4j.core.model.ModelDirectory;
import io.cxr4j.core.model.ModelStaging;
import io.cxr4j.core.model.RecordedEvaluation;
import io.cxr4j.core.model.SourceImages;
import io.cxr4j.core.data.Prediction;
import io.cxr4j.core.inference.XrayClassifier;
import io.cxr4j.core.testing.SharedData;
import io.cxr4j.core.config.TrainingConfig;
import io.cxr4j.core.training.TrainingRequest;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The service end to end on 127.0.0.1: two models trained here on the seed set (one per engine)
 * served side by side, answered through real HTTP requests and compared with {@link XrayClassifier}
 * in this JVM.
 */
class XrayServerTest {

    @TempDir
    static Path temp;

    static Path pytorchModel;
    static Path tensorflowModel;
    static List<Path> images;
    static XrayServer server;
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @BeforeAll
    static void trainAndStart() throws IOException {
        Path seedFolder = SharedData.require("seed");
        List<Sample> samples = new ArrayList<>();
        try (Stream<Path> files = Files.walk(seedFolder)) {
            files.filter(Files::isRegularFile).filter(f -> !f.getParent().equals(seedFolder)).sorted()
                    .forEach(f -> samples.add(new Sample(f, f.getParent().getFileName().toString(), null, null,
                            "seed")));
        }
        images = samples.stream().map(Sample::image).toList();
        XrayDataset seed = new XrayDataset("seed", List.of("covid", "normal"), samples);
        TrainingConfig config = TrainingConfig.builder().optEpochs(1)
                .optPreprocessing(PreprocessingSpec.defaults().withImageSize(32)).build();
        pytorchModel = temp.resolve("model-pytorch");
        tensorflowModel = temp.resolve("model-tensorflow");
        Engines.discover().require("pytorch").train(TrainingRequest.of(seed, null, config, pytorchModel));
        Engines.discover().require("tensorflow").train(TrainingRequest.of(seed, null, config, tensorflowModel));
        // What a train run and a later evaluation record (the figures are made up here: the card shows them).
        ModelStaging.amendManifest(tensorflowModel, m -> m.withHeldOutTest(recorded(
                RecordedEvaluation.Kind.HELD_OUT_TEST, "seed-test", "seed", 10)));
        ModelDirectory.appendEvaluation(tensorflowModel, recorded(RecordedEvaluation.Kind.LATER_TEST, "hannover",
                "hannover", 243));
        server = XrayServer.builder()
                .optModel("pytorch", pytorchModel)
                .optModel("tensorflow", tensorflowModel)
                .optPort(0)
                .optBatchSize(8)
                .optMaxWaitMillis(20)
                .optMaxRequestBytes(3_000_000)
                .start();
    }

    static RecordedEvaluation recorded(RecordedEvaluation.Kind kind, String dataset, String source, int images) {
        return new RecordedEvaluation(kind, dataset, "2026-12-07T20:00:00Z", "covid", images, images / 2,
                images - images / 2, RecordedEvaluation.Estimate.of(0.9, 0.6, 0.98),
                RecordedEvaluation.Estimate.of(0.8, 0.49, 0.94), RecordedEvaluation.Estimate.of(1.0, 0.57, 1.0),
                RecordedEvaluation.Estimate.of(0.95, 0.81, 1.0),
                List.of(new SourceImages(source, images, Map.of("covid", images / 2, "normal", images - images / 2))));
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    static URI uri(XrayServer target, String path) {
        return URI.create("http://127.0.0.1:" + target.port() + path);
    }

    static HttpResponse<String> post(XrayServer target, String path, byte[] body, String type)
            throws IOException, InterruptedException {
        return HTTP.send(postRequest(target, path, body, type), HttpResponse.BodyHandlers.ofString());
    }

    static HttpRequest postRequest(XrayServer target, String path, byte[] body, String type) {
        return HttpRequest.newBuilder(uri(target, path)).header("Content-Type", type)
                .timeout(Duration.ofSeconds(120))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
    }

    static HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(uri(server, path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static JsonObject json(HttpResponse<String> response) {
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                t -> assertThat(t).startsWith("application/json"));
        return JsonParser.parseString(response.body()).getAsJsonObject();
    }

    static void assertSame(JsonObject answer, Prediction expected) {
        assertThat(answer.get("label").getAsString()).isEqualTo(expected.label());
        JsonObject probabilities = answer.getAsJsonObject("probabilities");
        assertThat(probabilities.keySet()).containsExactlyElementsOf(expected.classNames());
        for (String c : expected.classNames()) {
            assertThat(probabilities.get(c).getAsDouble()).as(c).isCloseTo(expected.probability(c), within(1e-6));
        }
    }

    static List<String> strings(JsonArray array) {
        List<String> out = new ArrayList<>();
        array.forEach(e -> out.add(e.getAsString()));
        return out;
    }

    @Test
    void predictionEqualsTheClassifierOnTheSameFile() throws Exception {
        try (XrayClassifier pytorch = XrayClassifier.load(pytorchModel);
                XrayClassifier tensorflow = XrayClassifier.load(tensorflowModel)) {
            for (Path image : images.subList(0, 3)) {
                byte[] bytes = Files.readAllBytes(image);
                for (XrayClassifier classifier : List.of(pytorch, tensorflow)) {
                    String name = classifier.manifest().engine();
                    HttpResponse<String> response = post(server, "/v1/predict?model=" + name, bytes, "image/jpeg");
                    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
                    JsonObject answer = json(response);
                    assertThat(answer.get("model").getAsString()).isEqualTo(name);
                    assertSame(answer, classifier.predict(image));
                    assertThat(answer.getAsJsonObject("preprocessing").get("imageSize").getAsInt()).isEqualTo(32);
                    assertThat(answer.get("batchSize").getAsInt()).isPositive();
                    assertThat(strings(answer.getAsJsonArray("warnings")))
                            .containsExactly(ServedModel.NOT_FOR_CLINICAL_USE);
                }
            }
        }
    }

    @Test
    void aSourceTheModelWasNotTrainedOnIsWarnedAbout() throws Exception {
        byte[] bytes = Files.readAllBytes(images.get(0));
        JsonObject elsewhere = json(post(server, "/v1/predict?model=pytorch&source=hospital-a", bytes, "image/jpeg"));
        assertThat(strings(elsewhere.getAsJsonArray("warnings"))).hasSize(2)
                .anySatisfy(w -> assertThat(w).startsWith("Not tested on this source").contains("hospital-a", "seed"));
        JsonObject seed = json(post(server, "/v1/predict?model=pytorch&source=seed", bytes, "image/jpeg"));
        assertThat(strings(seed.getAsJsonArray("warnings"))).containsExactly(ServedModel.NOT_FOR_CLINICAL_USE);

        JsonObject testedLater = json(post(server, "/v1/predict?model=tensorflow&source=Hannover", bytes,
                "image/jpeg"));
        assertThat(strings(testedLater.getAsJsonArray("warnings"))).containsExactly(ServedModel.NOT_FOR_CLINICAL_USE);
        JsonObject neither = json(post(server, "/v1/predict?model=tensorflow&source=hospital-a", bytes,
                "image/jpeg"));
        assertThat(strings(neither.getAsJsonArray("warnings"))).hasSize(2).anySatisfy(w -> assertThat(w)
                .isEqualTo("Not tested on this source: the image comes from 'hospital-a', but the model was trained"
                        + " on 'seed', and tested later on 'hannover' only; its probabilities may not hold for"
                        + " images from elsewhere."));
    }

    @Test
    void decodedImagesAreClassifiedAndExplainedAsTheirFiles() throws Exception {
        ImageDecoder decoder = new ImageDecoder();
        try (XrayClassifier pytorch = XrayClassifier.load(pytorchModel);
                XrayClassifier tensorflow = XrayClassifier.load(tensorflowModel)) {
            List<Path> some = images.subList(0, 5);
            List<GrayImage> decoded = new ArrayList<>();
            for (Path image : some) {
                decoded.add(decoder.decode(image));
            }
            for (XrayClassifier classifier : List.of(pytorch, tensorflow)) {
                // The same engine batches give the same numbers, to the last bit.
                assertThat(classifier.predictDecoded(some, decoded))
                        .isEqualTo(classifier.predictAll(some, some.size()).predictions());
                for (int i = 0; i < some.size(); i++) {
                    assertThat(classifier.predictDecoded(List.of(some.get(i)), List.of(decoded.get(i))))
                            .containsExactly(classifier.predict(some.get(i)));
                }
            }
            Explanation fromFile = pytorch.explain(some.get(0));
            Explanation fromImage = pytorch.explainDecoded(some.get(0), decoded.get(0), null);
            assertThat(fromImage.prediction()).isEqualTo(fromFile.prediction());
            float[] expected = fromFile.inputHeatMap().values();
            float[] actual = fromImage.inputHeatMap().values();
            assertThat(actual).hasSameSizeAs(expected);
            double largest = 0;
            for (int i = 0; i < expected.length; i++) {
                largest = Math.max(largest, Math.abs(actual[i] - expected[i]));
            }
            // Grad-CAM's gradients need not repeat to the last bit; the explanation test allows the same.
            assertThat(largest).isLessThan(1e-5);
        }
    }

    @Test
    void concurrentRequestsAreBatchedAndAnsweredAsOneAtATime() throws Exception {
        List<Path> some = images.subList(0, 16);
        List<JsonObject> baseline = new ArrayList<>();
        for (Path image : some) {
            HttpResponse<String> response = post(server, "/v1/predict?model=pytorch", Files.readAllBytes(image),
                    "image/jpeg");
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            baseline.add(json(response));
        }
        // A batch waits up to 10 s for its 16 images here, so that it fills however slowly a loaded
        // machine decodes the uploads; the server's few milliseconds are the throughput setting
        // ServeBenchmark measures.
        List<HttpResponse<String>> responses = new ArrayList<>();
        try (XrayServer patient = XrayServer.builder().optModel("pytorch", pytorchModel).optPort(0)
                .optBatchSize(some.size()).optMaxWaitMillis(10_000).optRequestTimeout(Duration.ofMinutes(2))
                .optMaxRequestBytes(3_000_000).start()) {
            List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
            for (Path image : some) {
                answers.add(HTTP.sendAsync(postRequest(patient, "/v1/predict?model=pytorch",
                        Files.readAllBytes(image), "image/jpeg"), HttpResponse.BodyHandlers.ofString()));
            }
            answers.forEach(answer -> responses.add(answer.join()));
        }
        int largestBatch = 0;
        for (int i = 0; i < some.size(); i++) {
            HttpResponse<String> response = responses.get(i);
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            JsonObject answer = json(response);
            largestBatch = Math.max(largestBatch, answer.get("batchSize").getAsInt());
            JsonObject expected = baseline.get(i).getAsJsonObject("probabilities");
            for (String c : expected.keySet()) {
                assertThat(answer.getAsJsonObject("probabilities").get(c).getAsDouble())
                        .isCloseTo(expected.get(c).getAsDouble(), within(1e-6));
            }
        }
        assertThat(largestBatch).as("the largest engine batch among 16 concurrent requests").isGreaterThan(1);
    }

    @Test
    void aFullQueueAnswers503WithRetryAfter() throws Exception {
        // The largest seed image keeps the one-at-a-time worker busy while 48 uploads arrive.
        Path largest = images.stream().max((a, b) -> Long.compare(a.toFile().length(), b.toFile().length()))
                .orElseThrow();
        byte[] bytes = Files.readAllBytes(largest);
        try (XrayServer tiny = XrayServer.builder().optModel("pytorch", pytorchModel).optPort(0)
                .optBatchSize(1).optMaxWaitMillis(0).optQueueCapacity(1).start()) {
            List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
            for (int i = 0; i < 48; i++) {
                answers.add(HTTP.sendAsync(postRequest(tiny, "/v1/predict", bytes, "image/jpeg"),
                        HttpResponse.BodyHandlers.ofString()));
            }
            int ok = 0;
            int busy = 0;
            for (CompletableFuture<HttpResponse<String>> answer : answers) {
                HttpResponse<String> response = answer.join();
                if (response.statusCode() == 503) {
                    busy++;
                    assertThat(response.headers().firstValue("Retry-After")).hasValue("1");
                    assertThat(json(response).get("error").getAsString()).contains("queue", "full");
                } else {
                    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
                    ok++;
                }
            }
            assertThat(ok).isPositive();
            assertThat(busy).isPositive();
        }
    }

    @Test
    void aRequestNotAnsweredInTimeGets503() throws Exception {
        byte[] bytes = Files.readAllBytes(images.get(0));
        try (XrayServer hasty = XrayServer.builder().optModel("pytorch", pytorchModel).optPort(0)
                .optRequestTimeout(Duration.ofNanos(1)).start()) {
            HttpResponse<String> response = post(hasty, "/v1/predict", bytes, "image/jpeg");
            assertThat(response.statusCode()).isEqualTo(503);
            assertThat(response.headers().firstValue("Retry-After")).hasValue("1");
            assertThat(json(response).get("error").getAsString()).contains("timeout");
        }
    }

    @Test
    void badInputIsRefusedWithTheReason() throws Exception {
        byte[] jpeg = Files.readAllBytes(images.get(0));
        HttpResponse<String> text = post(server, "/v1/predict?model=pytorch", "hello".getBytes(StandardCharsets.UTF_8),
                "text/plain");
        assertThat(text.statusCode()).isEqualTo(415);
        assertThat(json(text).get("error").getAsString()).contains("text/plain", "image/png");

        HttpResponse<String> garbage = post(server, "/v1/predict?model=pytorch",
                "not an image at all".getBytes(StandardCharsets.UTF_8), "image/png");
        assertThat(garbage.statusCode()).isEqualTo(400);
        JsonObject refused = json(garbage);
        assertThat(refused.get("reason").getAsString()).isEqualTo("NOT_AN_IMAGE");
        assertThat(refused.get("error").getAsString()).startsWith("Cannot decode the uploaded image:")
                .doesNotContain(System.getProperty("java.io.tmpdir"));

        HttpResponse<String> empty = post(server, "/v1/predict?model=pytorch", new byte[0], "image/png");
        assertThat(empty.statusCode()).isEqualTo(400);

        HttpResponse<String> oversize = post(server, "/v1/predict?model=pytorch", new byte[3_000_001], "image/png");
        assertThat(oversize.statusCode()).isEqualTo(413);
        assertThat(json(oversize).get("error").getAsString()).contains("3000000 bytes");

        BufferedImage huge = new BufferedImage(5000, 4000, BufferedImage.TYPE_BYTE_GRAY);
        java.io.ByteArrayOutputStream png = new java.io.ByteArrayOutputStream();
        ImageIO.write(huge, "png", png);
        HttpResponse<String> tooManyPixels = post(server, "/v1/predict?model=pytorch", png.toByteArray(), "image/png");
        assertThat(tooManyPixels.statusCode()).isEqualTo(413);
        assertThat(json(tooManyPixels).get("reason").getAsString()).isEqualTo("TOO_LARGE");

        HttpResponse<String> noModel = post(server, "/v1/predict", jpeg, "image/jpeg");
        assertThat(noModel.statusCode()).isEqualTo(400);
        // Answered before its body was read: the connection must not be reused for the next request.
        assertThat(noModel.headers().firstValue("Connection")).hasValue("close");
        assertThat(json(noModel).get("error").getAsString()).contains("pytorch", "tensorflow");
        HttpResponse<String> unknown = post(server, "/v1/predict?model=keras", jpeg, "image/jpeg");
        assertThat(unknown.statusCode()).isEqualTo(404);
    }

    @Test
    void explainAddsTheOverlayAndTheRawMap() throws Exception {
        Path image = images.get(0);
        HttpResponse<String> response = post(server, "/v1/explain?model=pytorch", Files.readAllBytes(image),
                "image/jpeg");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonObject answer = json(response);
        try (XrayClassifier classifier = XrayClassifier.load(pytorchModel)) {
            assertSame(answer, classifier.predict(image));
            JsonObject explanation = answer.getAsJsonObject("explanation");
            assertThat(explanation.get("className").getAsString()).isEqualTo(answer.get("label").getAsString());
            BufferedImage overlay = ImageIO.read(new ByteArrayInputStream(
                    Base64.getDecoder().decode(explanation.get("overlayPng").getAsString())));
            BufferedImage original = ImageIO.read(image.toFile());
            assertThat(overlay.getWidth()).isEqualTo(original.getWidth());
            assertThat(overlay.getHeight()).isEqualTo(original.getHeight());
            assertThat(answer.getAsJsonObject("image").get("width").getAsInt()).isEqualTo(original.getWidth());
            JsonObject map = explanation.getAsJsonObject("map");
            assertThat(map.get("width").getAsInt()).isEqualTo(32);
            assertThat(map.getAsJsonArray("values")).hasSize(32 * 32);
            float[] expected = classifier.explain(image).inputHeatMap().values();
            JsonArray values = map.getAsJsonArray("values");
            for (int i = 0; i < expected.length; i++) {
                assertThat(values.get(i).getAsFloat()).isCloseTo(expected[i], within(1e-5f));
            }
        }
    }

    @Test
    void modelCardAndHealth() throws Exception {
        HttpResponse<String> response = get("/v1/model?model=tensorflow");
        assertThat(response.statusCode()).isEqualTo(200);
        JsonObject card = json(response);
        assertThat(strings(card.getAsJsonArray("classes"))).containsExactly("covid", "normal");
        assertThat(card.get("engine").getAsString()).isEqualTo("tensorflow");
        assertThat(card.get("architecture").getAsString()).isNotBlank();
        JsonObject training = card.getAsJsonObject("training");
        assertThat(training.get("sourcesRecorded").getAsBoolean()).isTrue();
        JsonObject source = training.getAsJsonArray("sources").get(0).getAsJsonObject();
        assertThat(training.getAsJsonArray("sources")).hasSize(1);
        assertThat(source.get("source").getAsString()).isEqualTo("seed");
        assertThat(source.get("images").getAsInt()).isEqualTo(images.size());
        assertThat(source.getAsJsonObject("classCounts").get("covid").getAsInt()).isEqualTo(25);
        assertThat(training.get("images").getAsInt()).isEqualTo(images.size());
        assertThat(training.getAsJsonObject("imagesPerClass").get("covid").getAsInt()).isEqualTo(25);
        JsonObject evaluation = card.getAsJsonObject("evaluation");
        assertThat(evaluation.get("recorded").getAsBoolean()).isTrue();
        JsonObject heldOut = evaluation.getAsJsonObject("heldOutTest");
        assertThat(heldOut.get("kind").getAsString()).isEqualTo("HELD_OUT_TEST");
        assertThat(heldOut.get("images").getAsInt()).isEqualTo(10);
        assertThat(heldOut.getAsJsonObject("auc").get("ci95Lower").getAsDouble()).isEqualTo(0.81);
        assertThat(heldOut.getAsJsonObject("sensitivity").get("value").getAsDouble()).isEqualTo(0.8);
        JsonObject external = evaluation.getAsJsonArray("laterTests").get(0).getAsJsonObject();
        assertThat(evaluation.getAsJsonArray("laterTests")).hasSize(1);
        assertThat(external.get("datasetName").getAsString()).isEqualTo("hannover");
        assertThat(external.get("images").getAsInt()).isEqualTo(243);
        assertThat(external.get("onTrainingSources").getAsBoolean()).isFalse();
        assertThat(card.get("clinicalUse").getAsString()).isEqualTo(ServedModel.NOT_FOR_CLINICAL_USE);

        JsonObject untested = json(get("/v1/model?model=pytorch")).getAsJsonObject("evaluation");
        assertThat(untested.get("recorded").getAsBoolean()).isFalse();
        assertThat(untested.has("heldOutTest")).isFalse();
        assertThat(untested.getAsJsonArray("laterTests")).isEmpty();
        assertThat(untested.get("note").getAsString()).startsWith("No evaluation figures are recorded");

        JsonObject all = json(get("/v1/models"));
        List<String> names = new ArrayList<>();
        for (JsonElement each : all.getAsJsonArray("models")) {
            names.add(each.getAsJsonObject().get("name").getAsString());
        }
        assertThat(names).containsExactly("pytorch", "tensorflow");

        JsonObject health = json(get("/health"));
        assertThat(health.get("status").getAsString()).isEqualTo("ok");
        assertThat(health.getAsJsonObject("queued").keySet()).containsExactly("pytorch", "tensorflow");
    }

    @Test
    void thePageAndItsFilesAreServedFromTheJar() throws Exception {
        HttpResponse<String> page = get("/");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
        assertThat(page.body()).contains("app.js", "style.css").doesNotContain("http://", "https://");
        assertThat(get("/app.js").statusCode()).isEqualTo(200);
        assertThat(get("/style.css").statusCode()).isEqualTo(200);
    }

    @Test
    void thePageShowsAnUploadedXrayWithItsHeatMapAndRefusesText() throws Exception {
        Path image = images.get(0);
        Path text = temp.resolve("notes.txt");
        Files.writeString(text, "not an X-ray");
        try (HeadlessChromium browser = HeadlessChromium.start(temp.resolve("chromium-profile"));
                XrayClassifier classifier = XrayClassifier.load(pytorchModel)) {
            browser.open(uri(server, "/").toString());
            browser.waitFor("document.querySelectorAll('#model option').length === 2", Duration.ofSeconds(30));
            browser.evaluate("const m = document.getElementById('model'); m.value = 'pytorch';"
                    + " m.dispatchEvent(new Event('change')); m.value");
            browser.waitFor("document.getElementById('card-fields').innerText.includes('Not for clinical use')",
                    Duration.ofSeconds(10));
            assertThat(browser.evaluate("document.getElementById('card-fields').innerText").getAsString())
                    .contains("pytorch", "covid, normal", "seed: " + images.size() + " images (")
                    .contains("Held-out test\nnot recorded");
            browser.evaluate("const t = document.getElementById('model'); t.value = 'tensorflow';"
                    + " t.dispatchEvent(new Event('change')); t.value");
            browser.waitFor("document.getElementById('card-fields').innerText.includes('External test')",
                    Duration.ofSeconds(10));
            assertThat(browser.evaluate("document.getElementById('card-fields').innerText").getAsString())
                    .contains("seed-test, n = 10 (5 covid, 5 other; sources: seed): accuracy 90.0 % (95% CI 60.0 %"
                            + " to 98.0 %), sensitivity 80.0 % (95% CI 49.0 % to 94.0 %), specificity 100.0 % (95% CI"
                            + " 57.0 % to 100.0 %), AUC 0.950 (95% CI 0.810 to 1.000)")
                    .contains("External test (sources it never trained on)\nhannover, n = 243");
            browser.evaluate("const b = document.getElementById('model'); b.value = 'pytorch';"
                    + " b.dispatchEvent(new Event('change')); b.value");
            browser.waitFor("document.getElementById('card-fields').innerText.includes('Held-out test\\nnot recorded')",
                    Duration.ofSeconds(10));

            browser.chooseFile("#file", image);
            browser.waitFor("document.querySelectorAll('#probabilities tr.probability').length === 2"
                    + " && document.getElementById('overlay').naturalWidth > 0", Duration.ofSeconds(60));
            Prediction expected = classifier.predict(image);
            assertThat(browser.evaluate("document.getElementById('label').textContent").getAsString())
                    .isEqualTo(expected.label());
            assertThat(browser.evaluate("document.getElementById('probabilities').innerText").getAsString())
                    .contains(String.format(java.util.Locale.ROOT, "%.1f %%", 100 * expected.probability("covid")));
            assertThat(browser.evaluate("document.getElementById('overlay').naturalWidth").getAsInt())
                    .isEqualTo(ImageIO.read(image.toFile()).getWidth());
            assertThat(browser.evaluate("document.getElementById('warnings').innerText").getAsString())
                    .contains("Not for clinical use");
            browser.evaluate("const o = document.getElementById('opacity'); o.value = 30;"
                    + " o.dispatchEvent(new Event('input')); o.value");
            assertThat(browser.evaluate("document.getElementById('overlay').style.opacity").getAsString())
                    .isEqualTo("0.3");

            browser.chooseFile("#file", text);
            browser.waitFor("document.getElementById('error').textContent.includes('415')", Duration.ofSeconds(30));
            assertThat(browser.evaluate("document.getElementById('error').textContent").getAsString())
                    .contains("text/plain");
        }
    }
}
