package io.cxr4j.dataset.audit;

/**
 * A file in the data set that cannot be used as an image: not an image, empty, truncated, corrupt
 * or of an unsupported kind.
 *
 * @param path the file, relative to the data set folder
 * @param label the class it is filed under, or {@code null} when the loader left it out
 * @param reason what is wrong, in words a user can act on
 */
public record UnreadableImage(String path, String label, String reason) {}
