package io.cxr4j.core.split;

import java.io.IOException;

/**
 * A split file cannot be written or does not fit the data set it is applied to: it is malformed,
 * lists images the data set lacks, or gives an image another label. The message names the file
 * and line and says what to do.
 */
public class SplitFileException extends IOException {

    private static final long serialVersionUID = 1L;

    /**
     * A failure with its explanation.
     *
     * @param message what went wrong, where, and what to do
     */
    public SplitFileException(String message) {
        super(message);
    }
}
