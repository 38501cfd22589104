package io.cxr4j.core.model;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Thrown when a run would write into a folder that another run is writing into now: it holds the
 * folder's {@link OutputLock}.
 */
public final class OutputInUseException extends IOException {

    private static final long serialVersionUID = 1L;

    private final transient OutputLock.Holder holder;

    /**
     * @param target the folder
     * @param holder the run that holds it, or null when it has not recorded itself
     * @param who the holder in words when it is not another process's run, such as another thread
     *     of this process; or null
     */
    OutputInUseException(Path target, OutputLock.Holder holder, String who) {
        super(target + " is being written by " + (who != null ? who : "another run")
                + (holder != null ? ": " + holder.describe() : "")
                + ". Two runs into one folder would mix their results: wait until that run ends (or stop it),"
                + " or write elsewhere.");
        this.holder = holder;
    }

    /** @return the run that holds the folder, when it has recorded itself */
    public Optional<OutputLock.Holder> holder() {
        return Optional.ofNullable(holder);
    }
}
