package io.cxr4j.dataset;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads a data set's optional {@code metadata.csv}: a header {@code
 * path,label,patient_id,view,source,note} and one row per image, paths relative to the data set
 * folder with {@code /} separators. Only {@code path}, {@code patient_id}, {@code view} and {@code
 * source} are used; the folder, not the {@code label} column, decides an image's class.
 */
final class MetadataCsv {

    /** The file name the loader looks for in a data set folder. */
    static final String FILE_NAME = "metadata.csv";

    private static final String HEADER = "path,label,patient_id,view,source,note";

    /**
     * What a row records about one image; {@code null} fields are unknown.
     *
     * @param patientId the patient id
     * @param view the projection
     * @param source where the image comes from
     */
    record Row(String patientId, String view, String source) {}

    private MetadataCsv() {}

    /**
     * Reads a metadata file.
     *
     * @param file the {@code metadata.csv}
     * @return the rows by relative image path
     * @throws DatasetException if the file lacks a required column or is malformed
     * @throws IOException if the file cannot be read
     */
    static Map<String, Row> read(Path file) throws IOException {
        Csv csv = Csv.read(file);
        if (csv.header().isEmpty()) {
            return Map.of();
        }
        String what = "the metadata file of a folder data set (or remove it to load the images"
                + " without metadata)";
        int path = csv.requireColumn(what, HEADER, "path");
        int patient = csv.requireColumn(what, HEADER, "patient_id");
        int view = csv.requireColumn(what, HEADER, "view");
        int source = csv.requireColumn(what, HEADER, "source");
        Map<String, Row> rows = new LinkedHashMap<>();
        for (Csv.Row record : csv.rows()) {
            String relative = Csv.value(record, path);
            if (relative != null) {
                rows.putIfAbsent(relative.replace('\\', '/'), new Row(Csv.value(record, patient),
                        Csv.value(record, view), Csv.value(record, source)));
            }
        }
        return rows;
    }
}
