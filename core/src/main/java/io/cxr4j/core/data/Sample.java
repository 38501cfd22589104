package io.cxr4j.core.data;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One labelled chest X-ray: where the image is, its class label and, where the data set knows
 * them, the patient it belongs to, the projection (view), the source it came from and the
 * manufacturer of the equipment that made it.
 *
 * <p>Patient id and source matter for honest evaluation: several images of one patient must not
 * straddle a train/test split, and classes drawn from different sources invite shortcut learning;
 * so do classes imaged on different manufacturers' equipment. Loaders read the manufacturer from a
 * DICOM image's header (0008,0070).
 *
 * <p>Each field has one name, its component's. What a data set does not record is {@code null}
 * (test with {@code sample.patientId() != null}); there are no {@code Optional} twins of the
 * accessors.
 *
 * @param image the image file
 * @param label the class name, one of the data set's class names
 * @param patientId the patient identifier, or {@code null} when unknown
 * @param view the projection such as {@code PA} or {@code AP}, or {@code null} when unknown
 * @param source where the image comes from (a repository or archive name), or {@code null}
 * @param manufacturer the manufacturer of the equipment that made the image, or {@code null} when
 *     unknown
 */
public record Sample(Path image, String label, String patientId, String view, String source, String manufacturer) {

    /**
     * Validates the required fields.
     *
     * @param image the image file; not null
     * @param label the class name; not null or blank
     * @param patientId the patient identifier, or {@code null} when unknown
     * @param view the projection such as {@code PA} or {@code AP}, or {@code null} when unknown
     * @param source where the image comes from, or {@code null} when unknown
     * @param manufacturer the manufacturer of the equipment that made the image, or {@code null}
     *     when unknown
     * @throws IllegalArgumentException when the label is blank
     */
    public Sample {
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(label, "label");
        if (label.isBlank()) {
            throw new IllegalArgumentException("Sample " + image + " has a blank label");
        }
    }

    /**
     * A sample whose equipment manufacturer is unknown.
     *
     * @param image the image file; not null
     * @param label the class name; not null or blank
     * @param patientId the patient identifier, or {@code null} when unknown
     * @param view the projection such as {@code PA} or {@code AP}, or {@code null} when unknown
     * @param source where the image comes from, or {@code null} when unknown
     * @throws IllegalArgumentException when the label is blank
     */
    public Sample(Path image, String label, String patientId, String view, String source) {
        this(image, label, patientId, view, source, null);
    }

    /**
     * A sample with only an image and a label.
     *
     * @param image the image file
     * @param label the class name
     * @return the sample
     */
    public static Sample of(Path image, String label) {
        return new Sample(image, label, null, null, null, null);
    }

    /**
     * The key that groups samples that must stay on one side of a split: the patient id when
     * known, otherwise the image itself (each image is then its own group).
     *
     * @return the grouping key
     */
    public String groupKey() {
        return patientId != null ? "patient:" + patientId : "image:" + image;
    }
}
