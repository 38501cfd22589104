package io.cxr4j.core.model;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.cxr4j.core.io.FormatVersionException;
import io.cxr4j.core.io.Json;
import io.cxr4j.core.io.JsonFormat;
import io.cxr4j.core.config.Precision;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The file format of {@value ModelDirectory#MANIFEST_FILE}, version {@value
 * ModelManifest#FORMAT_VERSION}, and the migrations that read its older versions.
 *
 * <p>Version 1 was extended several times without a new number, so a version-1 file may lack
 * {@code training.precision} (models trained before it existed were all 32-bit), {@code
 * training.augmentation.horizontalFlip} (no flips before), {@code provenance.conversions} (no
 * conversions before) and {@code provenance.trainingImageDigests} (left out: such models record no
 * training images). Version 2 always holds the first three.
 *
 * <p>Version 3 adds what a model card shows: {@code provenance.trainingSources} (the training
 * images per source and class) and {@code heldOutTest} (the figures of the training run's held-out
 * test). Older models recorded neither, and neither can be recovered from their manifest, so the
 * migration leaves both out: a migrated manifest says "not recorded" (null), never "none".
 * Version 3 also adds settings whose absence means what every older model did: {@code
 * preprocessing.normalization} ({@code RANGE}), {@code preprocessing.intensity} ({@code NONE},
 * written only when another), {@code training.frozenBlocks} (0), {@code training.sampling}
 * ({@code UNIFORM}), {@code provenance.baseWeights} (trained from scratch) and {@code
 * chosenThreshold} (no threshold chosen). Later settings of the same kind, written only when not
 * what older models did and needing no new version: {@code training.augmentation.fill} ({@code
 * BLACK}) and {@code training.augmentation.interpolation} ({@code NEAREST}).
 */
public final class ManifestFormat {

    private static final JsonFormat<ModelManifest> FORMAT = new JsonFormat<>("model manifest", ModelManifest.class,
            Json.gson(), List.of(ManifestFormat::fromVersion1, ManifestFormat::fromVersion2), ManifestFormat::newerVersionAdvice);

    static {
        if (FORMAT.version() != ModelManifest.FORMAT_VERSION) {
            throw new IllegalStateException("ModelManifest.FORMAT_VERSION is " + ModelManifest.FORMAT_VERSION
                    + " but ManifestFormat migrates to version " + FORMAT.version());
        }
    }

    private ManifestFormat() {}

    /**
     * Reads a manifest file of any version up to {@value ModelManifest#FORMAT_VERSION}, migrating an
     * older one in memory (the file is left as it is, since it is sealed with the model).
     *
     * @param file the manifest file
     * @return the manifest in its current form, or null when the file is empty
     * @throws FormatVersionException when the file is of a newer format version
     * @throws IOException when the file cannot be read
     * @throws com.google.gson.JsonParseException when the file is not a manifest
     */
    public static ModelManifest read(Path file) throws IOException {
        return FORMAT.read(Files.readString(file), file);
    }

    /**
     * Writes a manifest as {@value ModelDirectory#MANIFEST_FILE} of the current format version.
     *
     * @param directory the (staging) model directory
     * @param manifest the manifest
     * @throws IOException when writing fails
     */
    public static void write(Path directory, ModelManifest manifest) throws IOException {
        Files.writeString(directory.resolve(ModelDirectory.MANIFEST_FILE), FORMAT.write(manifest));
    }

    /** Version 1 to 2: the fields added to version 1 over time are filled with what their absence meant. */
    private static void fromVersion1(JsonObject manifest) {
        JsonElement training = manifest.get("training");
        if (training != null && training.isJsonObject()) {
            trainingFromVersion1(training.getAsJsonObject());
        }
        JsonElement provenance = manifest.get("provenance");
        if (provenance != null && provenance.isJsonObject() && !provenance.getAsJsonObject().has("conversions")) {
            provenance.getAsJsonObject().add("conversions", new JsonArray());
        }
    }

    /**
     * Version 2 to 3: nothing to fill. The fields version 3 adds stay absent, which reads as not
     * recorded; a version-3 writer records the training sources of every model it trains.
     */
    private static void fromVersion2(JsonObject manifest) {
        // Deliberately empty: see the class comment on why version 2 has nothing to carry over.
    }

    /**
     * The training settings added to version 1 over time get the value the models trained before
     * were trained with: 32-bit floats, no horizontal flips. (Checkpoints recorded their settings
     * only after both existed.)
     */
    private static void trainingFromVersion1(JsonObject config) {
        if (!config.has("precision")) {
            config.addProperty("precision", Precision.FLOAT32.name());
        }
        JsonElement augmentation = config.get("augmentation");
        if (augmentation != null && augmentation.isJsonObject() && !augmentation.getAsJsonObject().has("horizontalFlip")) {
            augmentation.getAsJsonObject().addProperty("horizontalFlip", false);
        }
    }

    private static String newerVersionAdvice(Path file, JsonObject manifest) {
        JsonElement provenance = manifest.get("provenance");
        JsonElement writer = provenance != null && provenance.isJsonObject()
                ? provenance.getAsJsonObject().get("cxr4jVersion") : null;
        String release = writer != null && writer.isJsonPrimitive() ? "cxr4j " + writer.getAsString()
                : "the cxr4j release that wrote it";
        return "Load the model with " + release + " or a newer release than this one (" + Versions.cxr4j()
                + "), or train it again with this one.";
    }
}
