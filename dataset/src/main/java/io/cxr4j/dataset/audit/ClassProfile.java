package io.cxr4j.dataset.audit;

import java.util.Map;

/**
 * The file properties of one class's images, read from their headers.
 *
 * @param label the class
 * @param images the number of images with a readable header
 * @param share the class's share of all images of the data set
 * @param width the widths in pixels
 * @param height the heights in pixels
 * @param aspectRatio width divided by height
 * @param squareShare the share of images whose sides differ by at most 1%
 * @param bitDepths images per bit depth
 * @param colourTypes images per colour type ({@code gray}, {@code rgb}, {@code palette}, ...)
 * @param fileTypes images per format by content ({@code jpeg}, {@code png})
 * @param manufacturers images per equipment manufacturer, as the loader read it from DICOM headers
 *     (Manufacturer, 0008,0070); images whose manufacturer is unknown are not counted, so it is
 *     empty for PNG and JPEG data sets. Classes imaged on different equipment invite the same
 *     shortcut learning as classes from different sources.
 */
public record ClassProfile(String label, int images, double share, Distribution width,
        Distribution height, Distribution aspectRatio, double squareShare,
        Map<Integer, Integer> bitDepths, Map<String, Integer> colourTypes,
        Map<String, Integer> fileTypes, Map<String, Integer> manufacturers) {}
