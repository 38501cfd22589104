package io.cxr4j.serve;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.cxr4j.core.inference.XrayClassifier;
import io.cxr4j.core.model.ModelDirectory;
import io.cxr4j.core.model.ModelManifest;
import io.cxr4j.core.model.Provenance;
import io.cxr4j.core.model.RecordedEvaluation;
import io.cxr4j.core.model.SourceImages;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One model a server answers for: its classifier, its work queue and the model card and warnings
 * drawn from its manifest and the evaluations recorded with it.
 */
final class ServedModel implements AutoCloseable {

    /** Shown with every answer and on the model card. */
    static final String NOT_FOR_CLINICAL_USE = "Not for clinical use: a research model, not a medical device;"
            + " its output must not guide diagnosis or treatment.";

    private final String name;
    private final XrayClassifier classifier;
    private final PredictionBatcher batcher;
    private final List<RecordedEvaluation> laterTests;
    private final Semaphore admission;

    /**
     * @param name the model's name in requests
     * @param classifier the model
     * @param batcher its work queue
     * @param laterTests the evaluations recorded with it after training ({@link ModelDirectory#appendedEvaluations})
     * @param admitted the most requests in progress at once for this model (see {@link #tryAdmit})
     */
    ServedModel(String name, XrayClassifier classifier, PredictionBatcher batcher, List<RecordedEvaluation> laterTests,
            int admitted) {
        this.name = name;
        this.classifier = classifier;
        this.batcher = batcher;
        this.laterTests = List.copyOf(laterTests);
        this.admission = new Semaphore(admitted);
    }

    /**
     * Admits one more request if fewer than the bound are being received, decoded, queued or
     * computed for this model: uploads beyond it are answered at once instead of waiting anywhere.
     *
     * @return whether the request may proceed; if so, {@link #leave()} must follow
     */
    boolean tryAdmit() {
        return admission.tryAcquire();
    }

    /** Ends an admitted request. */
    void leave() {
        admission.release();
    }

    String name() {
        return name;
    }

    XrayClassifier classifier() {
        return classifier;
    }

    PredictionBatcher batcher() {
        return batcher;
    }

    ModelManifest manifest() {
        return classifier.manifest();
    }

    /**
     * The warnings that apply to an answer of this model.
     *
     * @param source the source the request says the image comes from, or null
     * @return the warnings, the clinical-use warning first
     */
    List<String> warnings(String source) {
        List<String> warnings = new ArrayList<>();
        warnings.add(NOT_FOR_CLINICAL_USE);
        Provenance provenance = manifest().provenance();
        String dataset = provenance == null ? null : provenance.datasetName();
        if (dataset == null || dataset.isBlank()) {
            warnings.add("The model records no training data set (" + ModelDirectory.MANIFEST_FILE
                    + " has no provenance): nothing is known about the images it was tested on.");
            return warnings;
        }
        if (source == null || source.isBlank()) {
            return warnings;
        }
        String asked = source.strip();
        Set<String> tested = testedSources(provenance);
        if (!tested.contains(asked.toLowerCase(Locale.ROOT))) {
            warnings.add("Not tested on this source: the image comes from '" + asked + "', but the model was "
                    + trainedOnText(provenance) + (laterTestSources().isEmpty() ? ""
                            : ", and tested later on " + quoted(laterTestSources()))
                    + " only; its probabilities may not hold for images from elsewhere.");
        }
        return warnings;
    }

    /**
     * The sources the model was trained and tested on, in lower case: its recorded training
     * sources (their held-out images were its test), or for a model that records none the name of
     * its training data set, and the sources of later tests.
     */
    private Set<String> testedSources(Provenance provenance) {
        Set<String> tested = new LinkedHashSet<>();
        if (provenance.trainingSources() == null) {
            tested.add(provenance.datasetName().toLowerCase(Locale.ROOT));
        } else {
            provenance.trainingSources().stream().map(SourceImages::source).filter(Objects::nonNull)
                    .forEach(s -> tested.add(s.toLowerCase(Locale.ROOT)));
        }
        laterTestSources().forEach(s -> tested.add(s.toLowerCase(Locale.ROOT)));
        return tested;
    }

    private String trainedOnText(Provenance provenance) {
        if (provenance.trainingSources() == null) {
            return "trained on '" + provenance.datasetName() + "'";
        }
        List<String> known = provenance.trainingSources().stream().map(SourceImages::source)
                .filter(Objects::nonNull).toList();
        int unknown = provenance.trainingSources().stream().filter(s -> s.source() == null)
                .mapToInt(SourceImages::images).sum();
        String text = known.isEmpty() ? "trained on images of no recorded source" : "trained on " + quoted(known);
        return unknown > 0 && !known.isEmpty() ? text + " (and " + unknown + " images of unknown source)" : text;
    }

    private List<String> laterTestSources() {
        return laterTests.stream().flatMap(e -> e.sources().stream()).map(SourceImages::source)
                .filter(Objects::nonNull).distinct().toList();
    }

    private static String quoted(List<String> names) {
        return names.stream().map(n -> "'" + n + "'").collect(Collectors.joining(", "));
    }

    /**
     * The model card: what the model is, what it was trained on and what is known of its accuracy,
     * read from its manifest and the evaluations recorded with it.
     *
     * @param gson the mapper for the manifest's records
     * @return the card
     */
    JsonObject card(Gson gson) {
        ModelManifest manifest = manifest();
        JsonObject card = new JsonObject();
        card.addProperty("name", name);
        JsonArray classes = new JsonArray();
        manifest.classNames().forEach(classes::add);
        card.add("classes", classes);
        card.addProperty("architecture", manifest.architecture());
        card.addProperty("engine", manifest.engine());
        card.addProperty("explains", classifier.canExplain());
        card.add("preprocessing", gson.toJsonTree(manifest.preprocessing()));
        Provenance provenance = manifest.provenance();
        JsonObject training = new JsonObject();
        if (provenance != null) {
            card.addProperty("engineVersion", provenance.engineVersion());
            card.addProperty("createdAt", provenance.createdAt());
            card.addProperty("cxr4jVersion", provenance.cxr4jVersion());
            training.addProperty("dataset", provenance.datasetName());
            training.addProperty("sourcesRecorded", provenance.trainingSources() != null);
            training.add("sources", provenance.trainingSources() == null ? new JsonArray()
                    : gson.toJsonTree(provenance.trainingSources()));
            training.addProperty("images", provenance.trainingImages());
            JsonObject perClass = new JsonObject();
            for (Map.Entry<String, Integer> entry : provenance.trainingClassCounts().entrySet()) {
                perClass.addProperty(entry.getKey(), entry.getValue());
            }
            training.add("imagesPerClass", perClass);
            training.add("conversions", gson.toJsonTree(provenance.conversions()));
        }
        if (manifest.training() != null) {
            training.add("settings", gson.toJsonTree(manifest.training()));
        }
        card.add("training", training);
        card.add("evaluation", evaluation(gson, manifest));
        card.addProperty("clinicalUse", NOT_FOR_CLINICAL_USE);
        return card;
    }

    /**
     * The figures recorded with the model: its training run's held-out test and later tests, each
     * later test marked by whether all its images came from sources the model trained on.
     */
    private JsonObject evaluation(Gson gson, ModelManifest manifest) {
        JsonObject evaluation = new JsonObject();
        evaluation.addProperty("recorded", manifest.heldOutTest() != null || !laterTests.isEmpty());
        if (manifest.heldOutTest() != null) {
            evaluation.add("heldOutTest", gson.toJsonTree(manifest.heldOutTest()));
        }
        List<SourceImages> trainingSources = manifest.provenance() == null ? null
                : manifest.provenance().trainingSources();
        JsonArray later = new JsonArray();
        for (RecordedEvaluation test : laterTests) {
            JsonObject entry = gson.toJsonTree(test).getAsJsonObject();
            if (trainingSources != null) {
                entry.addProperty("onTrainingSources", SourceImages.allAmong(
                        test.sources().stream().map(SourceImages::source).toList(), trainingSources));
            }
            later.add(entry);
        }
        evaluation.add("laterTests", later);
        evaluation.addProperty("note", manifest.heldOutTest() == null && laterTests.isEmpty()
                ? "No evaluation figures are recorded for this model; evaluate it on held-out data of your own"
                        + " source (ModelEvaluation) before relying on it."
                : "A held-out test shares the sources of the training images: it is an in-distribution figure."
                        + " Only a test on a source the model never trained on says how it does elsewhere.");
        return evaluation;
    }

    /** Stops the queue, then frees the engine. */
    @Override
    public void close() {
        try {
            batcher.close();
        } finally {
            classifier.close();
        }
    }
}
