package io.cxr4j.core.training;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

/**
 * How the {@link TrainingConfig} recorded in model manifests and training checkpoints changed
 * between their format versions, for the migrations of both formats.
 */
public final class TrainingConfigJson {

    private TrainingConfigJson() {}

    /**
     * Turns the settings of a version-1 file into their version-2 shape: settings added after the
     * first files were written, and left out by those, get the value those files were trained
     * with, {@link Precision#FLOAT32} and no horizontal flips.
     *
     * @param config a {@link TrainingConfig} as a version-1 file holds it, changed in place
     */
    public static void fromVersion1(JsonObject config) {
        if (!config.has("precision")) {
            config.addProperty("precision", Precision.FLOAT32.name());
        }
        JsonElement augmentation = config.get("augmentation");
        if (augmentation != null && augmentation.isJsonObject() && !augmentation.getAsJsonObject().has("horizontalFlip")) {
            augmentation.getAsJsonObject().addProperty("horizontalFlip", false);
        }
    }
}
