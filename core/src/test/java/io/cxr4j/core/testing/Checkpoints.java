package io.cxr4j.core.testing;

import io.cxr4j.core.training.TrainingCheckpoint;
import java.io.IOException;
import java.nio.file.Path;

/** Watches the checkpoints of a training run that another process is writing. */
public final class Checkpoints {

    private Checkpoints() {}

    /**
     * The epoch of the newest checkpoint in a folder a running training writes. The writer replaces
     * the checkpoint while it is read (new record, then the previous files deleted), so a record
     * naming files just deleted is read again on the next poll rather than taken for damage.
     *
     * @param folder the checkpoint folder
     * @param previous the epoch read at the previous poll, 0 at first
     * @return the epoch of the checkpoint now, or {@code previous} when it was being replaced
     */
    public static int epochWhileWritten(Path folder, int previous) {
        try {
            return TrainingCheckpoint.read(folder).map(TrainingCheckpoint::epoch).orElse(0);
        } catch (IOException replacedWhileReading) {
            return previous;
        }
    }
}
