package io.cxr4j.core.image;

/**
 * How a non-square image becomes the square input of a model.
 *
 * <p>This is not a cosmetic choice: in public COVID-19 sets the COVID images are mostly non-square
 * while the other classes are square, so {@link #STRETCH} leaves the original aspect ratio
 * visible as a distortion of the anatomy, a shortcut a network can learn instead of the disease.
 * {@link #PAD} keeps the anatomy undistorted but shows the aspect ratio as black bars, a shortcut
 * just as plain; only {@link #CENTER_CROP}, the default, removes it.
 */
public enum ResizeMode {
    /** Resize to the square, distorting the aspect ratio (what the seed project did). */
    STRETCH,
    /** Keep the aspect ratio, fit the longer side and fill the rest with black, centred. */
    PAD,
    /** Keep the aspect ratio, fit the shorter side and cut off the ends of the longer one. */
    CENTER_CROP
}
