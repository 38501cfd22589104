package io.cxr4j.dataset.download;

import io.cxr4j.dataset.DatasetException;

/**
 * An archive was refused before or while it was extracted: an entry would land outside the target
 * folder (an absolute path, {@code ..}, a symbolic link), or the archive exceeds a size limit (too
 * many entries, too many bytes, or a compression ratio that only an archive bomb has). Nothing of
 * it is kept.
 */
public final class UnsafeArchiveException extends DatasetException {

    private static final long serialVersionUID = 1L;

    /**
     * A refused archive.
     *
     * @param message which archive, which entry, what limit or rule, and what to do
     */
    public UnsafeArchiveException(String message) {
        super(message);
    }
}
