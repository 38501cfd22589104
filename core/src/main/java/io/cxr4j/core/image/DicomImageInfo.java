package io.cxr4j.core.image;

import java.util.Objects;

/**
 * What a DICOM file's header says of its image, read by {@link ImageDecoder#readDicomImageInfo}
 * without decoding its pixels, such as for a data-set audit of image sizes and depths.
 *
 * @param columns the width in pixels, Columns (0028,0011)
 * @param rows the height in pixels, Rows (0028,0010)
 * @param bitsStored bits per sample, Bits Stored (0028,0101), else Bits Allocated (0028,0100)
 * @param samplesPerPixel Samples per Pixel (0028,0002), 1 when absent
 * @param photometricInterpretation Photometric Interpretation (0028,0004), such as {@code
 *     MONOCHROME2}, or empty
 * @param transferSyntaxUid Transfer Syntax UID (0002,0010)
 */
public record DicomImageInfo(int columns, int rows, int bitsStored, int samplesPerPixel,
        String photometricInterpretation, String transferSyntaxUid) {

    /**
     * Validates that no text is {@code null}.
     *
     * @param columns the width in pixels
     * @param rows the height in pixels
     * @param bitsStored bits per sample
     * @param samplesPerPixel samples per pixel
     * @param photometricInterpretation the photometric interpretation, or empty
     * @param transferSyntaxUid the transfer syntax UID
     */
    public DicomImageInfo {
        Objects.requireNonNull(photometricInterpretation, "photometricInterpretation");
        Objects.requireNonNull(transferSyntaxUid, "transferSyntaxUid");
    }
}
