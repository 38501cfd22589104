package io.cxr4j.dataset;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * How a data set's image paths encode patient ids, for the images whose metadata records none.
 * Each data set owns its rule, as it owns its folders and sources: {@link DatasetRegistry} gives
 * each named set the rule of the archives its images come from, and {@link FolderDataset} applies
 * whatever rule it is given without knowing any archive itself.
 *
 * <p>Rules compose: {@link #orElse(PatientIdRule)} tries a second rule where the first finds no
 * id, and {@link #forSource(String)} limits a rule to the images of one source, since a naming
 * scheme means something only in the archive that uses it.
 */
@FunctionalInterface
public interface PatientIdRule {

    /**
     * The patient id an image's path encodes.
     *
     * @param image the image's path relative to the data set folder, class folder first
     * @param source where the image comes from, or {@code null} when unknown
     * @return the patient id, or empty when the path does not follow this rule's scheme
     */
    Optional<String> patientIdOf(Path image, String source);

    /**
     * This rule, then {@code next} for the images this rule gives no id.
     *
     * @param next the rule tried second
     * @return the combined rule
     */
    default PatientIdRule orElse(PatientIdRule next) {
        Objects.requireNonNull(next, "next");
        return (image, source) -> patientIdOf(image, source).or(() -> next.patientIdOf(image, source));
    }

    /**
     * This rule for the images of one source only; other images get no id from it.
     *
     * @param source the source whose images the rule applies to, such as {@link
     *     DatasetRegistry#IEEE8023_SOURCE}
     * @return the restricted rule
     */
    default PatientIdRule forSource(String source) {
        Objects.requireNonNull(source, "source");
        return (image, imageSource) -> source.equals(imageSource)
                ? patientIdOf(image, imageSource) : Optional.empty();
    }

    /** @return a rule that gives no image a patient id */
    static PatientIdRule none() {
        return (image, source) -> Optional.empty();
    }

    /**
     * The Kermany et al. chest X-ray (pneumonia) set's names: {@code person123_bacteria_456.jpeg}
     * and {@code person123_virus_456.jpeg} belong to {@code kermany-person123}, {@code
     * IM-0033-0001.jpeg} to {@code kermany-IM-0033} and {@code NORMAL2-IM-0315-0001.jpeg} to
     * {@code kermany-NORMAL2-IM-0315}, the ids the seed set's metadata records.
     *
     * @return the rule
     */
    static PatientIdRule kermany() {
        return (image, source) -> KermanyPatientIds.fromFileName(fileName(image));
    }

    /**
     * The NIH ChestX-ray8 names: {@code 00000061_012.jpg} belongs to {@code nih-00000061}.
     *
     * @return the rule
     */
    static PatientIdRule nihChestXray() {
        return (image, source) -> NihPatientIds.fromFileName(fileName(image));
    }

    /**
     * The ieee8023/covid-chestxray-dataset names, which come from published case reports: {@code
     * jkms-35-e79-g001-l-a.jpg} belongs to {@code ieee8023-report-jkms-35-e79}. The id is the
     * report, which keeps one patient's images together (and sometimes several patients of one
     * report); UUID-named images get none. See {@link CaseReportIds}.
     *
     * @return the rule
     */
    static PatientIdRule caseReports() {
        return (image, source) -> CaseReportIds.fromFileName(fileName(image));
    }

    /**
     * The rule for a folder whose archives are not declared: {@link #kermany()}, then {@link
     * #nihChestXray()}, then {@link #caseReports()} for images whose source is {@link
     * DatasetRegistry#IEEE8023_SOURCE}. Kermany and NIH names are specific enough to recognise
     * anywhere; case-report names are not, so they count only in their own collection.
     *
     * @return the rule
     */
    static PatientIdRule knownNamingSchemes() {
        return kermany().orElse(nihChestXray()).orElse(caseReports().forSource(DatasetRegistry.IEEE8023_SOURCE));
    }

    private static String fileName(Path image) {
        return image.getFileName().toString();
    }
}
