package io.cxr4j.core.io;

import java.io.IOException;
import java.nio.file.Path;

/** A file of a newer format version than this cxr4j reads, see {@link JsonFormat}. */
public final class FormatVersionException extends IOException {

    private static final long serialVersionUID = 1L;

    /** The file, as a string since paths are not serializable. */
    private final String file;
    private final int version;
    private final int newestReadable;

    /**
     * @param file the file
     * @param what what the file is, such as {@code model manifest}
     * @param version the file's format version
     * @param newestReadable the newest version this cxr4j reads
     * @param whatToDo what the reader can do instead
     */
    public FormatVersionException(Path file, String what, int version, int newestReadable, String whatToDo) {
        super(capitalised(what) + " " + file + " has format version " + version + ", newer than this cxr4j reads"
                + " (versions 1 to " + newestReadable + "). " + whatToDo);
        this.file = file.toString();
        this.version = version;
        this.newestReadable = newestReadable;
    }

    /** @return the file */
    public Path file() {
        return Path.of(file);
    }

    /** @return the file's format version */
    public int version() {
        return version;
    }

    /** @return the newest format version this cxr4j reads */
    public int newestReadable() {
        return newestReadable;
    }

    private static String capitalised(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
