package io.cxr4j.core.data;

import java.nio.file.Path;

/**
 * An image that was left out of a run because it could not be used, and why. Runs report these
 * instead of failing, so one bad file never loses the work done on the others.
 *
 * @param image the file
 * @param reason what was wrong, in words a user can act on
 */
public record SkippedImage(Path image, String reason) {}
