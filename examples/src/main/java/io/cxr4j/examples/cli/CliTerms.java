package io.cxr4j.examples.cli;

import io.cxr4j.core.data.SourceConfounding;
import io.cxr4j.dataset.DatasetRegistry;
import io.cxr4j.dataset.LabelMap;
import io.cxr4j.experiment.ExperimentWarning;
import java.util.Map;

/**
 * Puts the command line's words into the library's messages. The library speaks in API terms
 * (types, methods, constants); where a message names something an option sets, the tool prints the
 * option instead, so that a user reads what to type.
 */
final class CliTerms {

    /** Each library phrase and what the command line says instead. */
    private static final Map<String, String> PHRASES = Map.of(
            SourceConfounding.KEEP_CENTER_CROP,
            "the default --resize crop (stretch and pad leave the aspect ratio visible)",
            LabelMap.BINARY_CALL, "--labels binary",
            LabelMap.IDENTITY_CALL, "--labels folders",
            DatasetRegistry.DATA_ROOT_CALL, "the --data PATH option",
            DatasetRegistry.LOAD_FOLDER_CALL, "--data PATH",
            ExperimentWarning.SPLIT_BY_PATIENT, "Use --split-by patient.");

    private CliTerms() {}

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
