/**
 * Decoding, resizing, augmenting and tensorising chest X-ray images in pure Java.
 *
 * <p>Everything here works on one-channel {@link io.cxr4j.core.image.GrayImage}s with values in
 * [0, 1] and avoids native code, so that every deep-learning engine is fed exactly the same
 * pixels. The pipeline is {@link io.cxr4j.core.image.ImageDecoder} &rarr; {@link
 * io.cxr4j.core.image.Resizer#toSquare} &rarr; {@link io.cxr4j.core.image.IntensityTransform}
 * &rarr; (training only) {@link
 * io.cxr4j.core.image.Augmenter} &rarr; {@link io.cxr4j.core.image.Preprocessor#toTensor}, as
 * declared by a {@link io.cxr4j.core.image.PreprocessingSpec}.
 */
package io.cxr4j.core.image;
