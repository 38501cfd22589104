package io.cxr4j.dataset.audit;

import java.util.List;

/**
 * File properties for the source-confounding check, read from an image's header: size, aspect
 * ratio, bit depth, colour type and file type, with no pixel involved.
 */
final class FileProperties {

    /** The feature names, in the order of {@link #of}. */
    static final List<String> FEATURES = List.of("width", "height", "aspect ratio",
            "bit depth", "gray", "rgb", "palette", "alpha", "png");

    private FileProperties() {}

    /**
     * @param h an image header
     * @return its features, in the order of {@link #FEATURES}
     */
    static double[] of(ImageHeader h) {
        String colour = h.colourType();
        return new double[] {h.width(), h.height(), h.aspectRatio(), h.bitDepth(),
            colour.startsWith("gray") ? 1 : 0, colour.startsWith("rgb") ? 1 : 0,
            colour.equals("palette") ? 1 : 0, colour.endsWith("+alpha") ? 1 : 0,
            h.fileType().equals("png") ? 1 : 0};
    }
}
