package io.cxr4j.dataset;

/** A downloaded file's SHA-256 differs from the one the library expects for it. */
public final class ChecksumMismatchException extends DatasetException {

    private static final long serialVersionUID = 1L;

    /** The file's path relative to the data set. */
    private final String file;

    /** The expected SHA-256, hex. */
    private final String expected;

    /** The SHA-256 of the bytes received, hex. */
    private final String actual;

    /**
     * A mismatch for one file.
     *
     * @param file the file's path relative to the data set
     * @param url where it was downloaded from
     * @param expected the expected SHA-256, hex
     * @param actual the SHA-256 of the bytes received, hex
     */
    public ChecksumMismatchException(String file, String url, String expected, String actual) {
        super("Checksum mismatch for '" + file + "' downloaded from " + url + ": expected SHA-256 "
                + expected + " but got " + actual + ". The download was discarded. The server sent"
                + " different bytes than the published data set (a changed upstream file or a"
                + " broken proxy); retry, or point CXR4J_DATA_DIR at a verified local copy.");
        this.file = file;
        this.expected = expected;
        this.actual = actual;
    }

    /** @return the file's path relative to the data set */
    public String file() {
        return file;
    }

    /** @return the expected SHA-256, hex */
    public String expected() {
        return expected;
    }

    /** @return the SHA-256 of the bytes received, hex */
    public String actual() {
        return actual;
    }
}
