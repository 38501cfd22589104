package io.cxr4j.serve;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.cxr4j.core.inference.XrayClassifier;
import io.cxr4j.core.model.ModelDirectory;
import io.cxr4j.core.model.ModelManifest;
import io.cxr4j.core.model.Provenance;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One model a server answers for: its classifier, its work queue and the model card and warnings
 * drawn from its manifest.
 */
final class ServedModel implements AutoCloseable {

    /** Shown with every answer and on the model card. */
    static final String NOT_FOR_CLINICAL_USE = "Not for clinical use: a research model, not a medical device;"
            + " its output must not guide diagnosis or treatment.";

    private final String name;
    private final XrayClassifier classifier;
    private final PredictionBatcher batcher;

    ServedModel(String name, XrayClassifier classifier, PredictionBatcher batcher) {
        this.name = name;
        this.classifier = classifier;
        this.batcher = batcher;
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
        String trainedOn = provenance == null ? null : provenance.datasetName();
        if (trainedOn == null || trainedOn.isBlank()) {
            warnings.add("The model records no training data set (" + ModelDirectory.MANIFEST_FILE
                    + " has no provenance): nothing is known about the images it was tested on.");
        } else if (source != null && !source.isBlank()
                && !trainedOn.toLowerCase(Locale.ROOT).equals(source.strip().toLowerCase(Locale.ROOT))) {
            warnings.add("Not tested on this source: the image comes from '" + source.strip()
                    + "', but the model was trained on '" + trainedOn + "' only; its probabilities may not"
                    + " hold for images from elsewhere.");
        }
        return warnings;
    }

    /**
     * The model card: what the model is, what it was trained on and what is known of its accuracy,
     * all read from its manifest.
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
            JsonArray sources = new JsonArray();
            if (provenance.datasetName() != null) {
                sources.add(provenance.datasetName());
            }
            training.add("sources", sources);
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
        // The manifest records how the model was trained, not how well it did: say so rather than
        // leave the reader to guess.
        JsonObject evaluation = new JsonObject();
        evaluation.addProperty("recorded", false);
        evaluation.addProperty("note", ModelDirectory.MANIFEST_FILE + " records no evaluation figures for this"
                + " model; evaluate it on held-out data of your own source (Evaluator) before relying on it.");
        card.add("evaluation", evaluation);
        card.addProperty("clinicalUse", NOT_FOR_CLINICAL_USE);
        return card;
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
