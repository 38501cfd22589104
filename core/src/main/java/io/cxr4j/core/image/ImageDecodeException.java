package io.cxr4j.core.image;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * An image file that cannot be turned into pixels, with the file and the kind of problem, so that
 * callers such as a data-set audit can report or skip bad files by {@link Reason}.
 */
public class ImageDecodeException extends IOException {

    private static final long serialVersionUID = 1L;

    /** What is wrong with the file; each reason carries the advice printed in the message. */
    public enum Reason {
        /** There is no file at the path (or the link there points nowhere). */
        NOT_FOUND("Check the path; the file may have been moved or deleted."),
        /** The path is a symbolic link whose links lead back to themselves. */
        LINK_LOOP("Point the link at the image file, or remove it."),
        /** The path is a folder or another kind of non-file. */
        NOT_A_FILE("Pass an image file; folders are read by the data-set loaders and the command line."),
        /** The file has no bytes. */
        EMPTY_FILE("Remove it or replace it with a PNG, JPEG or DICOM image."),
        /** The content is not a recognisable image. */
        NOT_AN_IMAGE("Remove it or replace it with a PNG, JPEG or DICOM image."),
        /** The file ends before the image data does, typically an interrupted download or copy. */
        TRUNCATED("Download or copy the file again."),
        /** An image, but of a format or colour type this decoder does not read. */
        UNSUPPORTED_FORMAT("Convert it to an 8- or 16-bit grayscale or RGB PNG, or to uncompressed grayscale DICOM."),
        /** More pixels than the decoder's limit allows. */
        TOO_LARGE("Downscale the file, or raise the decoder's pixel limit if the image is"
                + " trusted."),
        /** Too few pixels to be a chest X-ray at all, such as a 1x1 tracking pixel or icon. */
        TOO_SMALL("Use the original radiograph, not a thumbnail or placeholder."),
        /** One side many times the other: a strip, not a radiograph, or a header declaring a bogus size. */
        EXTREME_ASPECT_RATIO("Crop the file to the radiograph, or save each radiograph of a strip as its own"
                + " file."),
        /** The file cannot be read, or its data is corrupt. */
        UNREADABLE("Check that the file is readable and not corrupt.");

        private final String advice;

        Reason(String advice) {
            this.advice = advice;
        }

        /** @return what the user can do about a file failing for this reason */
        public String advice() {
            return advice;
        }
    }

    private final transient Path path;

    /** The kind of problem, which also gives the advice in the message. */
    private final Reason reason;

    /**
     * Creates the exception; the message is "Cannot decode PATH: PROBLEM. ADVICE".
     *
     * @param path the file that could not be decoded
     * @param reason the kind of problem
     * @param problem what was found, without a trailing full stop, e.g. "the file is empty (0
     *     bytes)"
     * @param cause the underlying exception, or {@code null}
     */
    public ImageDecodeException(Path path, Reason reason, String problem, Throwable cause) {
        super("Cannot decode " + path + ": " + problem + ". "
                + Objects.requireNonNull(reason, "reason").advice(), cause);
        this.path = Objects.requireNonNull(path, "path");
        this.reason = reason;
    }

    /** @return the file that could not be decoded */
    public Path path() {
        return path;
    }

    /** @return the kind of problem */
    public Reason reason() {
        return reason;
    }
}
