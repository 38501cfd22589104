package io.cxr4j.examples.cli;

import io.cxr4j.core.training.CheckpointConflictException;
import java.util.Map;

/**
 * How the command line names the training settings and actions that library messages name in API
 * terms: {@code batchSize} is {@code --batch-size}, resuming is {@code --resume}.
 */
final class CommandLineTerms implements CheckpointConflictException.Terms {

    /** The options that set each {@link io.cxr4j.core.config.TrainingConfig} component. */
    private static final Map<String, String> OPTIONS = Map.ofEntries(
            Map.entry("architecture", "--arch"), Map.entry("batchSize", "--batch-size"),
            Map.entry("learningRate", "--learning-rate"), Map.entry("schedule", "--schedule"),
            Map.entry("weightDecay", "--weight-decay"), Map.entry("classWeighting", "--class-weights"),
            Map.entry("seed", "--seed"), Map.entry("precision", "--precision"),
            Map.entry("preprocessing.imageSize", "--image-size"), Map.entry("preprocessing.channels", "--channels"),
            Map.entry("preprocessing.resizeMode", "--resize"), Map.entry("augmentation.horizontalFlip", "--flip"),
            Map.entry("augmentation.maxRotationDegrees", "--no-augmentation"),
            Map.entry("augmentation.maxZoom", "--no-augmentation"), Map.entry("augmentation.maxShift", "--no-augmentation"),
            Map.entry("augmentation.maxBrightness", "--no-augmentation"),
            Map.entry("augmentation.maxContrast", "--no-augmentation"));

    private final String command;

    /** @param command the command whose options the message names, such as {@code train} */
    CommandLineTerms(String command) {
        this.command = command;
    }

    @Override
    public String setting(String path) {
        String option = OPTIONS.get(path);
        return option == null ? path : path + " (" + option + ")";
    }

    @Override
    public String epochs(int epochs) {
        return "--epochs " + epochs;
    }

    /** A cross-validation resumes as a whole, so its message names the command too. */
    @Override
    public String resume() {
        return "train".equals(command) ? "--resume" : command + " --resume";
    }

    @Override
    public String settings() {
        return "options";
    }
}
