package io.cxr4j.dataset.audit;

/**
 * An image whose file name or metadata contradicts the class it is filed under.
 *
 * @param path the image, relative to the data set folder
 * @param label the class it is filed under
 * @param evidence what points to another class
 */
public record SuspiciousLabel(String path, String label, String evidence) {}
