package io.cxr4j.dataset;

import io.cxr4j.core.data.Sample;
import io.cxr4j.core.image.DicomMetadata;
import io.cxr4j.core.image.ImageDecodeException;
import io.cxr4j.core.image.ImageDecoder;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fills in what a loader's listing leaves out of a DICOM image's sample from the file's own header:
 * the patient id (0010,0020), the view position (0018,5101) and the manufacturer (0008,0070). What
 * the listing gives is kept.
 */
final class DicomHeaders {

    private static final Logger LOG = LoggerFactory.getLogger(DicomHeaders.class);

    private static final ImageDecoder DECODER = new ImageDecoder();

    private DicomHeaders() {}

    /**
     * @param sample a listed image
     * @return the sample with its missing patient id, view and manufacturer read from its DICOM
     *     header; the same sample when all three are known, the file is not named as DICOM ({@code
     *     .dcm}, {@code .dicom}) or its header gives none (an unreadable file is left to the decoder
     *     to report)
     */
    static Sample fillIn(Sample sample) {
        boolean complete = sample.patientId() != null && sample.view() != null && sample.manufacturer() != null;
        if (complete || !namedDicom(sample)) {
            return sample;
        }
        Optional<DicomMetadata> header;
        try {
            header = DECODER.readDicomMetadata(sample.image());
        } catch (ImageDecodeException e) {
            LOG.debug("No DICOM header read from {}: {}", sample.image(), e.getMessage());
            return sample;
        }
        if (header.isEmpty()) {
            return sample;
        }
        String patientId = sample.patientId() != null ? sample.patientId() : blankAsNull(header.get().patientId());
        String view = sample.view() != null ? sample.view() : blankAsNull(header.get().viewPosition());
        String manufacturer = sample.manufacturer() != null ? sample.manufacturer()
                : blankAsNull(header.get().manufacturer());
        return new Sample(sample.image(), sample.label(), patientId, view, sample.source(), manufacturer);
    }

    private static boolean namedDicom(Sample sample) {
        String name = String.valueOf(sample.image().getFileName()).toLowerCase(Locale.ROOT);
        return name.endsWith(".dcm") || name.endsWith(".dicom");
    }

    private static String blankAsNull(String value) {
        return value.isBlank() ? null : value;
    }
}
