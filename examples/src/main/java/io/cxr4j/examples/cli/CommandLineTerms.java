package io.cxr4j.examples.cli;

import io.cxr4j.core.data.SourceConfounding;
import io.cxr4j.core.split.FoldGrouping;
import io.cxr4j.core.training.CheckpointConflictException;
import io.cxr4j.dataset.DatasetRegistry;
import io.cxr4j.dataset.DatasetUnion;
import io.cxr4j.dataset.LabelMap;
import io.cxr4j.experiment.ExperimentWarning;
import java.util.Map;

/**
 * The command line's words for what library messages say in API terms (types, methods, constants,
 * settings): where a message names something an option sets, the tool prints the option instead, so
 * that a user reads what to type. Phrases are replaced by {@link #translate}; checkpoint conflicts
 * are worded through {@link CheckpointConflictException.Terms}, where {@code batchSize} is
 * {@code --batch-size} and resuming is {@code --resume}.
 */
final class CommandLineTerms implements CheckpointConflictException.Terms {

    /** Each library phrase and what the command line says instead. */
    private static final Map<String, String> PHRASES = Map.of(
            SourceConfounding.KEEP_CENTER_CROP,
            "the default --resize crop (stretch and pad leave the aspect ratio visible)",
            LabelMap.BINARY_CALL, "--labels binary",
            LabelMap.THREE_CLASS_CALL, "--labels three-class",
            FoldGrouping.SOURCE_CALL, "--group-by source",
            LabelMap.IDENTITY_CALL, "--labels folders",
            DatasetUnion.ADD_NAMED_FOLDER_CALL, "a link to one of them under another name, passed to --data",
            DatasetRegistry.DATA_ROOT_CALL, "the --data PATH option",
            DatasetRegistry.LOAD_FOLDER_CALL, "--data PATH",
            ExperimentWarning.SPLIT_BY_PATIENT, "Use --split-by patient.",
            ExperimentWarning.TEST_AN_UNSEEN_SOURCE, "To test on an unseen source, evaluate with --dataset or --data"
                    + " naming images of a source the model did not train on (its model.json lists them under"
                    + " provenance.trainingSources).");

    /** The options that set each {@link io.cxr4j.core.config.TrainingConfig} component. */
    private static final Map<String, String> OPTIONS = Map.ofEntries(
            Map.entry("architecture", "--arch"), Map.entry("batchSize", "--batch-size"),
            Map.entry("learningRate", "--learning-rate"), Map.entry("schedule", "--schedule"),
            Map.entry("weightDecay", "--weight-decay"), Map.entry("classWeighting", "--class-weights"),
            Map.entry("seed", "--seed"), Map.entry("precision", "--precision"),
            Map.entry("preprocessing.imageSize", "--image-size"), Map.entry("preprocessing.channels", "--channels"),
            Map.entry("preprocessing.resizeMode", "--resize"),
            Map.entry("preprocessing.intensity", "--intensity"), Map.entry("augmentation.horizontalFlip", "--flip"),
            Map.entry("augmentation.maxRotationDegrees", "--augmentation"),
            Map.entry("augmentation.maxZoom", "--augmentation"), Map.entry("augmentation.maxShift", "--augmentation"),
            Map.entry("augmentation.maxBrightness", "--augmentation"),
            Map.entry("augmentation.maxContrast", "--augmentation"), Map.entry("augmentation.fill", "--augmentation"),
            Map.entry("augmentation.interpolation", "--augmentation"),
            Map.entry("frozenBlocks", "--fine-tune-from"), Map.entry("preprocessing.normalization", "--normalization"));

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

    /**
     * @param message a message from the library
     * @return the message with the command line's words
     */
    static String translate(String message) {
        String translated = message;
        for (Map.Entry<String, String> phrase : PHRASES.entrySet()) {
            translated = translated.replace(phrase.getKey(), phrase.getValue());
        }
        return translated;
    }
}
