package io.cxr4j.core.model;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A second process for {@link ModelReplacementKillTest}: writes a model over an existing one and
 * halts, as a {@code kill -9} would stop it, right after the named step of the write.
 * Arguments: the model directory, the new weights' content, the step, and {@code exchange} or
 * {@code two-step} for how the old model is replaced.
 */
final class HaltingModelWriter {

    /** The exit status of a halt at the step, telling it from a write that never reached it. */
    static final int HALTED = 77;

    private HaltingModelWriter() {}

    public static void main(String[] args) throws Exception {
        String haltAfter = args[2];
        FolderExchange.enabled = args[3].equals("exchange");
        ModelStaging.afterStep = step -> {
            if (step.equals(haltAfter)) {
                Runtime.getRuntime().halt(HALTED);
            }
        };
        ModelStaging.write(Path.of(args[0]), staging -> Files.writeString(staging.resolve(ModelDirectoryTest.WEIGHTS),
                args[1]), written -> ModelDirectoryTest.manifest(ModelDirectoryTest.WEIGHTS));
    }
}
