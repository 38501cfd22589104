package io.cxr4j.core.image;

import java.util.Objects;

/**
 * The attributes of a DICOM file that data-set loaders and reports use besides its pixels, read by
 * {@link ImageDecoder#readDicomMetadata}.
 *
 * <p>DICOM allows each of them to be absent or empty (they are type 2 or 3 attributes); both read
 * as the empty string here. Values are trimmed of DICOM's padding.
 *
 * @param patientId Patient ID (0010,0020), e.g. for a patient-wise split
 * @param viewPosition View Position (0018,5101), e.g. {@code PA}, {@code AP} or {@code LL}
 * @param manufacturer Manufacturer (0008,0070) of the equipment that made the image
 */
public record DicomMetadata(String patientId, String viewPosition, String manufacturer) {

    /**
     * Validates that no value is {@code null}.
     *
     * @param patientId Patient ID (0010,0020), or empty
     * @param viewPosition View Position (0018,5101), or empty
     * @param manufacturer Manufacturer (0008,0070), or empty
     */
    public DicomMetadata {
        Objects.requireNonNull(patientId, "patientId");
        Objects.requireNonNull(viewPosition, "viewPosition");
        Objects.requireNonNull(manufacturer, "manufacturer");
    }
}
