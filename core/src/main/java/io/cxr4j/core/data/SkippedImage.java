package io.cxr4j.core.data;

import io.cxr4j.core.image.ImageDecodeException;
import java.nio.file.Path;

/**
 * An image that was left out of a run because it could not be used, and why. Runs report these
 * instead of failing, so one bad file never loses the work done on the others.
 *
 * @param image the file
 * @param reason what was wrong, in words a user can act on
 * @param kind the kind of decoding problem, for sorting failures in code; null when the image failed
 *     for another reason than its decoding
 */
public record SkippedImage(Path image, String reason, ImageDecodeException.Reason kind) {

    /**
     * The image and the failure that made it unusable.
     *
     * @param image the file
     * @param failure what went wrong reading it; its message is the reason, or its type when it has
     *     no message (a bare {@code NullPointerException} would otherwise read as "null")
     * @return the skipped image
     */
    public static SkippedImage of(Path image, Exception failure) {
        String message = failure.getMessage();
        return new SkippedImage(image, message == null || message.isBlank()
                ? failure.getClass().getSimpleName() + " while reading the image" : message,
                failure instanceof ImageDecodeException decoding ? decoding.reason() : null);
    }
}
