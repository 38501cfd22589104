package io.cxr4j.dataset.download;

import io.cxr4j.dataset.DatasetException;
import java.net.URI;
import java.util.Objects;

/**
 * A download failed: refused by the offline switch, unreachable server, an HTTP error, or a
 * transfer cut off part way. When {@link #resumable()} is true, the bytes received so far are kept
 * in a {@code .part} file and the next attempt continues from there.
 */
public class DownloadException extends DatasetException {

    private static final long serialVersionUID = 1L;

    /** The URL that failed. */
    private final URI url;

    /** Whether the bytes received so far were kept for the next attempt. */
    private final boolean resumable;

    /**
     * A failed download.
     *
     * @param url the URL that failed
     * @param reason what went wrong and what to do, without the URL
     * @param resumable whether the bytes received so far were kept for the next attempt
     * @param cause the underlying failure, or {@code null}
     */
    public DownloadException(URI url, String reason, boolean resumable, Throwable cause) {
        super(Objects.requireNonNull(url, "url") + ": " + reason, cause);
        this.url = url;
        this.resumable = resumable;
    }

    /** @return the URL that failed */
    public URI url() {
        return url;
    }

    /** @return whether the bytes received so far were kept, so that a retry resumes */
    public boolean resumable() {
        return resumable;
    }
}
